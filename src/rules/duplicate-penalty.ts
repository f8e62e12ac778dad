// 重复处罚 duplicate-penalty (subject: violation, the later record) — RULES.md Part 13.
//
// 13.1 Parking. Two valid captures of the same vehicle by the same 违法停车 camera with the same 违法代码.
//      The later one occurred no more than 2 hours after the earlier one. The later one is a duplicate.
// 13.2 Speeding. Two valid captures of the same vehicle by two different fixed speed cameras (超速/区间测速)
//      registered on the same road (道路名称). Both carry speeding codes (1352, 1636, 1721). The later one
//      occurred no more than 10 minutes after the earlier one. Judge by road name and time only.
// 13.3 Marking. Report only the later record. A pair is in scope when its earlier capture is in the period;
//      the later one may fall just after the period end. If the later record is already 已作废/已撤销, no warning.
// 13.4 Exempt. The same car at the same camera on another day, or more than 2 hours later; on-site tickets.
// 13.5 Evidence. Both violation records and the camera(s).
//
// Choices (docs/RULES-NOTES.md): a pair is two valid (0.4: 未处理/已处理, as things stood at the as-of date 0.2, so a
// record whose 作废时间 is on or after the as-of date is still valid) non-site captures; a voided earlier
// capture is no penalty and pairs with nothing. The road is the DEVICES registry's 道路名称 (not the
// violation's). Windows are inclusive (exactly 2 h / 10 min is a duplicate). Chains: every capture that has
// an earlier valid partner within the window is a duplicate (A, B, C each 1 h apart at one parking camera →
// B and C); its evidence lists all such earlier partners. Two captures at the same second: the one with the
// larger 违法编号 is the later. "Another day" is read through the 2-hour window (a pair across midnight within
// 2 h is one continuous act). unit = the later capture's camera 管理单位, else its 处理单位 (0.9).
import { lit } from '../store/db.ts';
import { sqlList, validAsOf } from './sql.ts';
import type { Rule } from './types.ts';

export const rule: Rule = {
  category: 'duplicate-penalty',
  needs: ['violations', 'devices'],
  async run(ctx) {
    const s = ctx.settings.duplicatePenalty;
    const { parkingMinutes: parking, speedingMinutes: speeding } = s;
    const parkingKind = lit(s.parkingKind);
    const speedKinds = sqlList(s.speedKinds);
    const widest = Math.max(parking, speeding);
    const sql = `
      -- Device names, roads and units are trimmed once per device, not once per capture.
      WITH dev AS (
        SELECT device_id, kind, NULLIF(trim(road), '') AS road, COALESCE(NULLIF(trim(name), ''), device_id) AS device_name,
               NULLIF(trim(unit_code), '') AS unit
        FROM devices
        WHERE kind = ${parkingKind} OR kind IN ${speedKinds}
      ),
      -- hp, hs: hashes of the capture's group keys (parking: vehicle, camera, code; speeding: vehicle, road), integers
      -- to find groups by; two groups sharing a hash only add captures to look at, the joins below compare the keys.
      -- Both for every capture, so that a kind listed both as parking and as speed camera is grouped both ways.
      caps AS MATERIALIZED (
        SELECT v.violation_id, v.plate, v.plate_type, v.occurred_at, v.code, v.device_id,
               d.kind, d.road, d.device_name, d.unit AS dev_unit, v.handling_unit,
               hash(v.plate, v.plate_type, v.device_id, v.code) AS hp, hash(v.plate, v.plate_type, d.road) AS hs
        FROM violations v JOIN dev d ON d.device_id = v.device_id
        WHERE v.source = '非现场' AND ${validAsOf('v')}  /* 13.4 no on-site tickets */
          AND v.occurred_at >= $from::TIMESTAMP
          AND v.occurred_at <= $to_excl::TIMESTAMP + to_minutes(${widest})  /* 13.3 the later one may fall after the period */
          -- dev holds parking and speed cameras only: a speed camera's capture needs a speeding code (as a CASE:
          -- DuckDB evaluates it on every capture at a fraction of the cost of the OR).
          AND CASE WHEN d.kind = ${parkingKind} THEN true ELSE v.code IN ${sqlList(s.speedingCodes)} END  /* 13.2 speeding codes */
      ),
      -- Candidate later captures: the capture just before in the same group (parking: vehicle, camera, code;
      -- speeding: vehicle, road) lies within the window. Any earlier partner lies at or before that one, so
      -- every later capture with a partner is among them; the joins below then pair only these. A capture alone in
      -- its group has none: the groups of two or more are found first by their hash (an integer aggregate), so the
      -- windows sort the few captures that share a group, not all of them.
      cand AS (
        SELECT violation_id FROM (
          SELECT violation_id, occurred_at, lag(occurred_at) OVER (PARTITION BY plate, plate_type, device_id, code
                                                                 ORDER BY occurred_at, violation_id) AS prev_at
          FROM caps WHERE kind = ${parkingKind}
            AND hp IN (SELECT hp FROM caps WHERE kind = ${parkingKind} GROUP BY hp HAVING count(*) >= 2))
        WHERE occurred_at <= prev_at + to_minutes(${parking})
        UNION
        SELECT violation_id FROM (
          SELECT violation_id, occurred_at, lag(occurred_at) OVER (PARTITION BY plate, plate_type, road
                                                                 ORDER BY occurred_at, violation_id) AS prev_at
          FROM caps WHERE kind IN ${speedKinds}
            AND hs IN (SELECT hs FROM caps WHERE kind IN ${speedKinds} GROUP BY hs HAVING count(*) >= 2))
        WHERE occurred_at <= prev_at + to_minutes(${speeding})
      ),
      lat AS (
        SELECT *, COALESCE(dev_unit, NULLIF(trim(handling_unit), '')) AS unit FROM caps WHERE violation_id IN (SELECT violation_id FROM cand)
      ),
      pairs AS (
        /* 13.1 */ SELECT 'parking-repeat' AS rule, e.violation_id AS earlier_id, l.violation_id AS later_id,
               e.occurred_at AS e_at, l.occurred_at AS l_at, e.device_id AS e_dev, l.device_id AS l_dev,
               e.device_name AS e_name, l.device_name AS l_name, l.plate, l.code, l.road, l.unit
        FROM caps e JOIN lat l
          ON l.plate = e.plate AND l.plate_type = e.plate_type AND l.device_id = e.device_id AND l.code = e.code
         AND l.occurred_at <= e.occurred_at + to_minutes(${parking})
         AND (l.occurred_at > e.occurred_at OR (l.occurred_at = e.occurred_at AND l.violation_id > e.violation_id))
        WHERE e.kind = ${parkingKind}
          AND e.occurred_at < $to_excl::TIMESTAMP  /* 13.3 the earlier one in the period */
          -- Only the groups of the later captures (an earlier one has the same key, hence the same hash).
          AND e.hp IN (SELECT hp FROM lat)
        UNION ALL
        /* 13.2 */ SELECT 'speeding-same-road', e.violation_id, l.violation_id, e.occurred_at, l.occurred_at, e.device_id, l.device_id,
               e.device_name, l.device_name, l.plate, l.code, l.road, l.unit
        FROM caps e JOIN lat l
          ON l.plate = e.plate AND l.plate_type = e.plate_type AND l.road = e.road AND l.device_id <> e.device_id
         AND l.occurred_at <= e.occurred_at + to_minutes(${speeding})
         AND (l.occurred_at > e.occurred_at OR (l.occurred_at = e.occurred_at AND l.violation_id > e.violation_id))
        WHERE e.kind IN ${speedKinds} AND l.kind IN ${speedKinds}
          AND e.occurred_at < $to_excl::TIMESTAMP
          AND e.hs IN (SELECT hs FROM lat)
      ),
      per_later AS (
        SELECT later_id, min(rule) AS rule, any_value(plate) AS plate, any_value(code) AS code,
               any_value(road) AS road, any_value(unit) AS unit, any_value(l_at) AS l_at, any_value(l_name) AS l_name,
               arg_max(earlier_id, (e_at, earlier_id)) AS near_id, max(e_at) AS near_at,
               arg_max(e_name, (e_at, earlier_id)) AS near_name,
               list_sort(list_distinct(list(earlier_id) || [any_value(later_id)])) AS vids,
               list_sort(list_distinct(list(e_dev) || [any_value(l_dev)])) AS devs,
               count(DISTINCT earlier_id) AS n_earlier
        FROM pairs GROUP BY later_id
      )
      SELECT 'violation' AS subject_kind, p.later_id AS subject_id, p.unit, 'medium' AS severity, 0.9 AS score, p.rule,
             CASE p.rule
               WHEN 'parking-repeat' THEN
                 p.plate || ' 在违停抓拍点 ' || p.l_name || ' 以代码 ' || p.code || ' 于 ' || strftime(p.near_at, '%Y-%m-%d %H:%M')
                 || ' 已被记录（' || p.near_id || '），' || date_diff('minute', p.near_at, p.l_at) || ' 分钟后再次记录 ' || p.later_id
                 || '，同一持续违停重复处罚'
               ELSE
                 p.plate || ' 在 ' || p.road || ' 先经 ' || p.near_name || '（' || strftime(p.near_at, '%Y-%m-%d %H:%M') || '，' || p.near_id
                 || '）后经 ' || p.l_name || '（' || strftime(p.l_at, '%H:%M') || '）' || date_diff('minute', p.near_at, p.l_at)
                 || ' 分钟内连续抓拍超速，' || p.later_id || ' 系同一连续行为重复处罚'
             END
             || CASE WHEN p.n_earlier > 1 THEN '（此前同一行为已有 ' || p.n_earlier || ' 条记录）' ELSE '' END AS title,
             [{'kind': 'violation', 'id': x} FOR x IN p.vids] || [{'kind': 'device', 'id': x} FOR x IN p.devs] AS evidence
      FROM per_later p
      ORDER BY subject_id`;
    return ctx.findings(sql);
  },
};
