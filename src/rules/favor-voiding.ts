// 人情案（违法作废） favor-voiding (subject: officer 警号) — RULES.md Part 3.
//
// 3.1 Scope. Violation records with status 已作废 or 已撤销 whose 作废人 (voided_by) is the officer.
//   The void happened in the period, or the violation occurred in the period. Voids up to the as-of
//   date count.
// 3.2 Recognised grounds. 作废原因 (void_reason) must state one of these specifically:
//   执行紧急任务 — valid ONLY if the vehicle's 使用性质 is 警用 / 消防 / 救护 / 工程救险;
//   号牌识别错误 / 号牌信息错误; 套牌 / 伪造、变造号牌 (e.g. "当事人申辩成立，系套牌车辆"); 设备故障;
//   机动车被盗抢期间; 救助危难或者紧急避险; 现场已被交通警察处理; 因交通信号指示不一致; the record does
//   not clearly show the vehicle, time, place or facts.
// 3.3 Not recognised. An empty reason; 其他; 情节轻微; a bare 当事人申辩 that does not say the appeal
//   was upheld and on which ground. Match on the ground itself (套牌, 号牌识别错误, …).
// 3.4 Warning. In scope, the officer has five or more voids or revocations without a recognised
//   ground. Or three or more such voids, of which two or more concern the same vehicle.
// 3.5 Not favour. Emergency-vehicle voids by a reviewer; a faulty camera's batch voided by the
//   technology department; clerks voiding misread or cloned plates. Raw void counts, rates or times
//   of day are never the trigger; they only raise the score of an officer already flagged
//   (voids at night or at weekends, revocation of already-processed penalties, the same plates again).
// 3.6 Evidence. The officer and the voided violation records. unit = the officer's unit.
//
// The grounds are regular expressions in settings.favorVoiding (an administrator may add wording).
// A reason that states its ground was rejected (…不成立, 驳回, …) is no ground. The vehicle is
// joined on (plate, plate_type); when the vehicle is not in the vehicles table or has no 使用性质, a 23/24
// (警用汽车/警用摩托) plate type or a plate ending in 警 stands for 警用. Voids recorded on or after the
// as-of date 00:00 do not count (0.2). Evidence lists the ungrounded voids only (the ones that show the favour).
// Severity (RULES silent): medium; high at twice the 3.4 count (10 ungrounded voids).
import { lit } from '../store/db.ts';
import { inPeriod, sqlList } from './sql.ts';
import type { Finding, Rule, RuleContext } from './types.ts';

export const rule: Rule = {
  category: 'favor-voiding',
  needs: ['violations'],
  uses: ['vehicles', 'officers'],
  async run(ctx: RuleContext): Promise<Finding[]> {
    const s = ctx.settings.favorVoiding;
    const grounds = lit(s.groundPatterns.map((p) => `(${p})`).join('|'));
    const { minUngrounded: minN, repeatMinUngrounded: repN, repeatSameVehicle: repV } = s;
    const sql = `
      WITH scope AS (
        SELECT v.*, nullif(trim(coalesce(v.void_reason, '')), '') AS reason,
               coalesce(ve.usage IN ${sqlList(s.emergencyUsages)}, v.plate_type IN ('23', '24') OR ends_with(v.plate, '警'), false) AS emergency_vehicle
        FROM violations v
        LEFT JOIN vehicles ve ON ve.plate = v.plate AND ve.plate_type = v.plate_type
        WHERE v.status IN ('已作废', '已撤销') AND v.voided_by IS NOT NULL  /* 3.1 */
          AND (${inPeriod('v.voided_at')} OR ${inPeriod('v.occurred_at')})
          -- 0.2 / 3.1: voids recorded up to the as-of date (before its 00:00) count, later ones do not.
          AND (v.voided_at IS NULL OR v.voided_at < $as_of::TIMESTAMP)
      ),
      judged AS (
        SELECT *,
               reason IS NOT NULL  /* 3.3 an empty reason is no ground */
               AND NOT regexp_matches(reason, ${lit(s.rejectedPattern)})  /* 3.3 a ground stated as rejected */
               AND (regexp_matches(reason, ${grounds})
                    OR (regexp_matches(reason, ${lit(s.emergencyGround)}) AND emergency_vehicle)) AS grounded  /* 3.2 */
        FROM scope
      ),
      bad AS (SELECT * FROM judged WHERE NOT grounded),
      per_vehicle AS (
        SELECT voided_by, plate, plate_type, count(*) AS n FROM bad GROUP BY ALL
      ),
      top_vehicle AS (
        SELECT voided_by, plate, n FROM per_vehicle
        QUALIFY row_number() OVER (PARTITION BY voided_by ORDER BY n DESC, plate, plate_type) = 1
      ),
      per_reason AS (
        SELECT voided_by, coalesce(reason, '（空）') AS r, count(*) AS n FROM bad GROUP BY ALL
      ),
      reasons AS (
        SELECT voided_by, string_agg(r || ' ' || n, '、' ORDER BY n DESC, r) AS txt FROM per_reason GROUP BY voided_by
      ),
      agg AS (
        SELECT voided_by,
               count(*) AS n,
               count(*) FILTER (WHERE status = '已撤销' AND processed_at IS NOT NULL) AS n_revoked_processed,
               count(*) FILTER (WHERE hour(voided_at) < 7 OR hour(voided_at) >= 20 OR isodow(voided_at) >= 6) AS n_off_hours,
               list({'kind': 'violation', 'id': violation_id} ORDER BY violation_id) AS ev
        FROM bad GROUP BY voided_by
      ),
      hit AS (
        SELECT a.*, tv.plate AS top_plate, tv.n AS top_n, r.txt,
               a.n >= ${minN} AS many, (a.n >= ${repN} AND tv.n >= ${repV}) AS repeat
        FROM agg a JOIN top_vehicle tv USING (voided_by) JOIN reasons r USING (voided_by)
        WHERE a.n >= ${minN} OR (a.n >= ${repN} AND tv.n >= ${repV})  /* 3.4 */
      )
      SELECT 'officer' AS subject_kind,
             h.voided_by AS subject_id,
             o.unit_code AS unit,
             CASE WHEN h.n >= ${2 * minN} THEN 'high' ELSE 'medium' END AS severity,
             0.75 + CASE WHEN h.many AND h.repeat THEN 0.1 ELSE 0 END
               + CASE WHEN h.n_off_hours > 0 THEN 0.04 ELSE 0 END
               + CASE WHEN h.n_revoked_processed > 0 THEN 0.04 ELSE 0 END
               + CASE WHEN h.top_n >= ${repV + 1} THEN 0.04 ELSE 0 END
               + least(0.05, (h.n - ${minN}) * 0.01) AS score,
             CASE WHEN h.many AND h.repeat THEN 'voids-without-ground+voids-repeat-beneficiary'
                  WHEN h.many THEN 'voids-without-ground' ELSE 'voids-repeat-beneficiary' END AS rule,
             '民警 ' || coalesce(o.name || '（' || h.voided_by || '）', h.voided_by)
               || ' 无法定事由作废/撤销违法记录 ' || h.n || ' 起'
               || CASE WHEN h.top_n >= ${repV} THEN '，其中同一车辆 ' || h.top_plate || ' ' || h.top_n || ' 起' ELSE '' END
               || '（作废原因：' || h.txt || '）' AS title,
             [{'kind': 'officer', 'id': h.voided_by}] || h.ev AS evidence
      FROM hit h LEFT JOIN officers o ON o.officer_id = h.voided_by
      ORDER BY subject_id`;
    return ctx.findings(sql);
  },
};
