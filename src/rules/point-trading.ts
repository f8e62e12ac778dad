// 买分卖分 point-trading (subject: licence 驾驶证号) — RULES.md Part 1.
//
// 1.1 What counts. Licence L "took" a penalty when a violation has status 已处理 and license_no = L.
//   Count every such penalty, with or without points, for violations that occurred in the period or
//   were processed in the period. Each penalty belongs to the owner of its vehicle (0.5: the vehicle
//   is (plate, plate_type), its owner vehicles.owner_id). Ignore penalties for vehicles L owns itself.
// 1.2 Warning, high. In the period, L took penalties for vehicles of three or more distinct owners
//   other than L.
// 1.3 Warning, medium. Exactly two distinct other owners, L owns no vehicle, and at least one of:
//   (a) L was issued outside Jinzhong (发证机关 not 晋K), while the vehicles are locally registered
//       private cars; (b) L's 联系电话 is also the phone of another licence holder (a broker's number).
// 1.4 Exempt. Any number of vehicles of one owner (fleet drivers, taxi shifts, one household); up to
//   two owners without the signs of 1.3; the holder's own vehicles.
// 1.5 Aggravating, raises the score. Penalties for different owners processed in one sitting
//   (within 24 h) or by the same window clerk (处理民警); total points at or near 12; the owners are
//   strangers to L (no shared ID region).
// 1.6 Evidence. The licence, the violation records (with plates) and the vehicles.
//   unit = the handling unit (处理单位) of most of the penalties.
//
// Choices where RULES is silent (docs/RULES-NOTES.md): a penalty whose vehicle is not in the
// vehicles table has no known owner and is left out; licence and owner ids are compared trimmed and
// upper-cased (a final x/X); "private car" = 使用性质 非营运 and plate starting with the local prefix;
// "ID region" = the first 6 characters (county) of the ID numbers; unit ties go to the smaller code.
// Vehicle evidence ids are "plate/plate_type".
import { lit } from '../store/db.ts';
import { inPeriod } from './sql.ts';
import type { Finding, Rule, RuleContext } from './types.ts';

/**
 * The violations of 1.1 (status 已处理, a licence, occurred or processed in the period), as scans that each test
 * one time column by a range, so that DuckDB skips the row groups outside it (it cannot for an OR of two columns,
 * nor for `in period IS NOT TRUE`). The first takes what occurred in the period; the other two what was processed
 * in it and occurred before or after it (occurred_at is NOT NULL): each violation once, as with the OR.
 */
function periodPenalties(cols: string): string {
  const processed = `status = '已处理' AND license_no IS NOT NULL AND ${inPeriod('processed_at')}`;
  return `SELECT ${cols} FROM violations WHERE status = '已处理' AND license_no IS NOT NULL AND ${inPeriod('occurred_at')}
          UNION ALL
          SELECT ${cols} FROM violations WHERE ${processed} AND occurred_at < $from::TIMESTAMP
          UNION ALL
          SELECT ${cols} FROM violations WHERE ${processed} AND occurred_at >= $to_excl::TIMESTAMP`;
}

export const rule: Rule = {
  category: 'point-trading',
  needs: ['violations', 'vehicles'],
  uses: ['drivers'],
  async run(ctx: RuleContext): Promise<Finding[]> {
    const s = ctx.settings.pointTrading;
    const { highOwners: highN, mediumOwners: medN, sittingHours: sitting, nearFullPoints: nearFull } = s;
    const sql = `
      -- Licence and owner ids are normalised once per distinct (licence spelling, vehicle), not once per
      -- penalty, and only the penalties of licences with enough owners are read in full.
      WITH
      -- Materialized, so that the licence is normalised once per distinct spelling and vehicle, not per penalty.
      lv AS MATERIALIZED (
        SELECT license_no, plate, plate_type, upper(trim(license_no)) AS lic, trim(license_no) AS lic_raw
        FROM (SELECT DISTINCT license_no, plate, plate_type FROM (${periodPenalties('license_no, plate, plate_type')}))
      ),
      -- Owners normalised once per vehicle record (used twice: the owners of the penalties, the holders' own vehicles).
      veh AS MATERIALIZED (SELECT plate, plate_type, upper(trim(owner_id)) AS owner, usage FROM vehicles),
      -- One row per vehicle record a (licence spelling, plate, plate type) matches, as the penalty join would give.
      lvo AS (
        SELECT l.license_no, l.plate, l.plate_type, l.lic, l.lic_raw, ve.owner, ve.usage
        FROM lv l
        JOIN veh ve ON ve.plate = l.plate AND ve.plate_type = l.plate_type
        -- A licence (not blank) and not the owner's own (1.1), as one test on both sides of the join: a test of the
        -- licence alone would be pushed below lv's DISTINCT and run on every penalty instead of every distinct key.
        WHERE coalesce(nullif(l.lic, '') <> ve.owner, false)
      ),
      -- Licences with enough owners first (a cheap hash aggregate), so the ordered list aggregates below run
      -- only over their few penalties and not over every licence of the city.
      cand AS (
        SELECT lic FROM (SELECT DISTINCT lic, owner FROM lvo) GROUP BY lic HAVING count(*) >= ${medN}
      ),
      pen AS MATERIALIZED (
        SELECT v.violation_id, v.plate, v.plate_type, v.points, v.processed_at, v.handler_id, v.handling_unit,
               k.lic, k.lic_raw, k.owner, k.usage
        FROM (${periodPenalties('violation_id, plate, plate_type, points, processed_at, handler_id, handling_unit, license_no')}) v
        JOIN (SELECT * FROM lvo WHERE lic IN (SELECT lic FROM cand)) k
          ON k.license_no = v.license_no AND k.plate = v.plate AND k.plate_type = v.plate_type
      ),
      per_lic AS (
        -- Compared upper-cased (a final x/X), reported as the data spells it.
        SELECT lic, min(lic_raw) AS lic_id,
               count(DISTINCT owner) AS n_owners,
               count(*) AS n_pen,
               count(DISTINCT plate || '/' || plate_type) AS n_veh,
               sum(coalesce(points, 0)) AS pts,
               bool_and(coalesce(starts_with(plate, ${lit(s.localPlatePrefix)}) AND usage = '非营运', false)) AS all_local_private,
               bool_and(substr(owner, 1, 6) <> substr(lic, 1, 6)) AS strangers,
               list({'kind': 'violation', 'id': violation_id} ORDER BY violation_id) AS vio_ev,
               list(DISTINCT plate || '/' || plate_type) AS veh_ids
        FROM pen GROUP BY lic
        HAVING count(DISTINCT owner) >= ${medN}
      ),
      unit_rank AS (
        SELECT lic, handling_unit,
               row_number() OVER (PARTITION BY lic ORDER BY count(*) DESC, handling_unit) AS rk
        FROM pen WHERE handling_unit IS NOT NULL AND lic IN (SELECT lic FROM per_lic)
        GROUP BY lic, handling_unit
      ),
      one_sitting AS (  /* 1.5 one sitting or one clerk */
        SELECT DISTINCT p1.lic
        FROM pen p1 JOIN pen p2 ON p1.lic = p2.lic AND p1.owner < p2.owner
        WHERE p1.lic IN (SELECT lic FROM per_lic)
          AND (abs(epoch(p1.processed_at) - epoch(p2.processed_at)) <= ${sitting} * 3600
               OR p1.handler_id = p2.handler_id)
      ),
      -- Phones compared by their digits (138-0000-1111 = 138 0000 1111 = +86 13800001111); issuer upper-cased.
      drv0 AS (
        SELECT upper(trim(d.license_no)) AS lic, d.name, d.issuer,
               nullif(CASE WHEN length(ph) = 13 AND starts_with(ph, '861') THEN substr(ph, 3) ELSE ph END, '') AS phone
        FROM (SELECT *, translate(trim(coalesce(phone, '')), '- +()', '') AS ph FROM drivers) d
      ),
      drv AS (
        SELECT d.lic, d.name, nullif(upper(trim(d.issuer)), '') AS issuer, d.phone,
               EXISTS (SELECT 1 FROM drv0 d2 WHERE d2.phone = d.phone AND d2.lic <> d.lic) AS shared_phone
        FROM drv0 d WHERE d.lic IN (SELECT lic FROM per_lic)
      ),
      judged AS (
        SELECT p.*, d.name, d.issuer, coalesce(d.shared_phone, false) AS sign_b,  /* 1.3(b) */
               coalesce(d.issuer IS NOT NULL AND NOT starts_with(d.issuer, ${lit(s.localIssuer.toUpperCase())}) AND p.all_local_private, false) AS sign_a,  /* 1.3(a) */
               EXISTS (SELECT 1 FROM veh ve WHERE ve.owner = p.lic) AS owns_vehicle,
               p.lic IN (SELECT lic FROM one_sitting) AS agg_sitting,
               p.pts >= ${nearFull} AS agg_points,
               u.handling_unit AS unit
        FROM per_lic p
        LEFT JOIN drv d USING (lic)
        LEFT JOIN unit_rank u ON u.lic = p.lic AND u.rk = 1
      ),
      hit AS (
        SELECT *, n_owners >= ${highN} AS high,
               (agg_sitting::INT + agg_points::INT + coalesce(strangers, false)::INT) AS n_agg
        FROM judged
        WHERE n_owners >= ${highN}  /* 1.2 */
           OR (n_owners = ${medN} AND NOT owns_vehicle AND (sign_a OR sign_b))  /* 1.3 */
      )
      SELECT 'license' AS subject_kind,
             lic_id AS subject_id,
             unit,
             CASE WHEN high THEN 'high' ELSE 'medium' END AS severity,
             CASE WHEN high THEN 0.8 + least(0.05, (n_owners - ${highN}) * 0.02)
                  ELSE 0.6 + CASE WHEN sign_a AND sign_b THEN 0.05 ELSE 0 END END
               + 0.04 * n_agg AS score,
             CASE WHEN high THEN 'licence-many-owners' ELSE 'licence-two-owners-signs' END AS rule,
             '驾驶证 ' || lic_id || coalesce('（' || name || '）', '')
               || CASE WHEN issuer IS NULL THEN '' WHEN starts_with(issuer, ${lit(s.localIssuer.toUpperCase())}) THEN '' ELSE '（' || issuer || ' 外地核发）' END
               || '替 ' || n_owners || ' 名车主的 ' || n_veh || ' 辆车处理违法 ' || n_pen || ' 起，记 ' || pts || ' 分'
               || array_to_string(list_transform(list_filter([
                    CASE WHEN NOT high AND sign_a THEN '车辆均为本地非营运车' END,
                    CASE WHEN sign_b THEN '联系电话与其他驾驶人共用' END,
                    CASE WHEN agg_sitting THEN '多车主违法集中处理' END,
                    CASE WHEN agg_points THEN '累计记分接近 12 分' END,
                    CASE WHEN strangers THEN '车主与其无地域关联' END], x -> x IS NOT NULL),
                  x -> '；' || x), '') AS title,
             [{'kind': 'license', 'id': lic_id}] || vio_ev
               || list_transform(list_sort(veh_ids), x -> {'kind': 'vehicle', 'id': x}) AS evidence
      FROM hit
      ORDER BY subject_id`;
    return ctx.findings(sql);
  },
};
