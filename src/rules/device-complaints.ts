// 设备群众诟病多 device-complaints (subject: device) — RULES.md Part 11.
//
// 11.1 Warning. The device is named (涉及设备) in three or more complaints (类型 = 投诉) received (日期) in
//      the period. A camera normally draws zero to two complaints in half a year. Severity: high at eight
//      or more.
// 11.2 Not counted. 意见建议. Complaints about officers (涉及民警 set, no device). Count by the device
//      named, not by unit.
// 11.3 Evidence. The complaint records and the device.
//
// Choices (docs/RULES-NOTES.md): a complaint naming a device counts for it even if it also names an
// officer; the device id is compared after trimming blanks; unit = the device's 管理单位 (0.9), or null
// (→ 法制 department) when the device is not in the registry. Evidence: the device, then the complaints
// by 编号. Score grows with the count (0.7 at the threshold, 0.95 at the high mark).
import { deviceLabel, inPeriod, scoreRamp } from './sql.ts';
import type { Rule } from './types.ts';

export const rule: Rule = {
  category: 'device-complaints',
  needs: ['opinions'],
  uses: ['devices'],
  async run(ctx) {
    const { minComplaints: min, highComplaints: high } = ctx.settings.deviceComplaints;
    const sql = `
      WITH c AS (
        SELECT trim(o.device_id) AS device_id, o.opinion_id
        FROM opinions o
        WHERE o.kind = '投诉'  /* 11.2 */
          AND nullif(trim(o.device_id), '') IS NOT NULL
          AND ${inPeriod('o.received_on', 'DATE')}
      ),
      per AS (
        SELECT device_id, count(*) AS n, list(opinion_id ORDER BY opinion_id) AS ids
        FROM c GROUP BY device_id HAVING count(*) >= ${min}  /* 11.1 */
      )
      SELECT 'device' AS subject_kind, p.device_id AS subject_id, d.unit_code AS unit,
             CASE WHEN p.n >= ${high} THEN 'high' ELSE 'medium' END AS severity,
             ${scoreRamp('p.n', min, high)} AS score,
             'device-many-complaints' AS rule,
             ${deviceLabel('p.device_id', 'd.name', 'd.kind')} ||
               '期间被群众投诉 ' || p.n || ' 次' AS title,
             [{'kind': 'device', 'id': p.device_id}] ||
               list_transform(p.ids, x -> {'kind': 'opinion', 'id': x}) AS evidence
      FROM per p
      LEFT JOIN devices d ON d.device_id = p.device_id
      ORDER BY subject_id`;
    return ctx.findings(sql);
  },
};
