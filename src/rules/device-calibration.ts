// 设备检定过期 device-calibration (subject: device) — RULES.md Part 10.
//
// 10.1 Warning. A speed device (kind 超速 or 区间测速, with 检定有效期至 present) has at least one valid
//      capture dated after 检定有效期至. The expiry date itself is still valid.
// 10.2 Exempt. A device that expired and was switched off, with no (non-duplicate) capture after the
//      expiry date. Devices that need no verification (non-speed kinds; 检定有效期至 empty).
// 10.3 Evidence. The device and the captures after expiry (count, first, last).
//
// Choices (docs/RULES-NOTES.md):
// - valid = 处理状态 未处理/已处理 (0.4) as things stood at the as-of date (0.2: a record voided with 作废时间 on or
//   after the as-of date is still valid), 违法时间 in the period, and its date > 检定有效期至.
// - "(non-duplicate)": a capture that is itself a duplicate record of a capture made elsewhere is not a
//   use of the expired device. A post-expiry capture C is a duplicate, and does not count, when the same
//   vehicle (plate, plate_type) has an earlier valid record E (earlier 违法时间, or the same with a smaller
//   违法编号) such that either
//     (13.2) E was captured by a *different* speed device registered on the same road (道路名称), both
//            carry speeding codes, and C is at most duplicatePenalty.speedingMinutes after E — exactly the
//            records Part 13 reports as duplicate penalties; or
//     (copy) E is the same capture entered twice: same device, same 违法代码, same 违法时间.
//   The exemption is 10.2's, for a device that expired and was switched off (设备状态 停用/拆除); a device
//   still in use (or of unknown status) with any valid capture after expiry, duplicate or not, is flagged (10.1).
// - Severity: RULES is silent → medium. Title states the expiry date, the count and first/last dates.
import { deviceLabel, inPeriod, sqlList, validAsOf, CAPTURE_SPAN, CAPTURE_DATES, CAPTURE_EVIDENCE } from './sql.ts';
import type { Rule } from './types.ts';

export const rule: Rule = {
  category: 'device-calibration',
  needs: ['devices', 'violations'],
  async run(ctx) {
    const kinds = sqlList(ctx.settings.deviceCalibration.speedKinds);
    const dup = ctx.settings.duplicatePenalty;
    const codes = sqlList(dup.speedingCodes);
    const dupKinds = sqlList(dup.speedKinds);
    const dupMinutes = dup.speedingMinutes;
    const sql = `
      WITH late AS (
        SELECT d.device_id, d.name, d.kind, d.road, d.unit_code, d.calibration_valid_until AS expiry,
               d.status IN ('停用', '拆除') AS switched_off,
               v.violation_id, v.occurred_at, v.plate, v.plate_type, v.code
        -- Only the devices whose calibration expired before the period's end can have a late capture in it: so few
        -- that DuckDB filters the captures by their device as it reads them.
        FROM (SELECT * FROM violations WHERE device_id IN (
                SELECT device_id FROM devices WHERE kind IN ${kinds} AND calibration_valid_until < $to_excl::DATE)) v
        JOIN devices d ON d.device_id = v.device_id
        WHERE d.kind IN ${kinds}
          AND d.calibration_valid_until IS NOT NULL
          AND ${validAsOf('v')} AND ${inPeriod('v.occurred_at')}
          AND CAST(v.occurred_at AS DATE) > d.calibration_valid_until  /* 10.1 */
      ),
      duplicate AS (  /* 10.2 (non-duplicate) */
        SELECT DISTINCT c.violation_id
        FROM late c
        JOIN violations e
          ON c.switched_off
         AND e.plate = c.plate AND e.plate_type = c.plate_type
         AND e.violation_id <> c.violation_id
         AND ${validAsOf('e')}
         AND (e.occurred_at < c.occurred_at OR (e.occurred_at = c.occurred_at AND e.violation_id < c.violation_id))
         AND e.occurred_at >= c.occurred_at - to_minutes(${dupMinutes})
        LEFT JOIN devices ed ON ed.device_id = e.device_id
        WHERE (e.device_id = c.device_id AND e.code = c.code AND e.occurred_at = c.occurred_at)
           OR (e.device_id <> c.device_id AND ed.kind IN ${dupKinds} AND c.kind IN ${dupKinds}
               AND ed.road IS NOT NULL AND ed.road = c.road
               AND e.code IN ${codes} AND c.code IN ${codes})
      ),
      counted AS (
        SELECT * FROM late WHERE violation_id NOT IN (SELECT violation_id FROM duplicate)
      ),
      per AS (
        SELECT device_id, any_value(name) AS name, any_value(kind) AS kind, any_value(unit_code) AS unit_code,
               any_value(expiry) AS expiry, ${CAPTURE_SPAN}
        FROM counted GROUP BY device_id
      )
      SELECT 'device' AS subject_kind, device_id AS subject_id, unit_code AS unit,
             'medium' AS severity, 0.95 AS score, 'device-calibration-expired' AS rule,
             ${deviceLabel('device_id', 'name', 'kind')} ||
               '检定有效期至 ' || strftime(expiry, '%Y-%m-%d') || '，过期后仍抓拍有效违法 ' || n || ' 起（' ||
               ${CAPTURE_DATES} || '）' AS title,
             ${CAPTURE_EVIDENCE} AS evidence
      FROM per
      ORDER BY subject_id`;
    return ctx.findings(sql);
  },
};
