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
import { findings } from './sql.ts';
import type { Rule } from './types.ts';


export const rule: Rule = {
  category: 'device-complaints',
  needs: ['opinions'],
  uses: ['devices'],
  async run(ctx) {
    const s = ctx.settings.deviceComplaints;
    const min = Math.round(Number(s.minComplaints));
    const high = Math.round(Number(s.highComplaints));
    const sql = `
      WITH c AS (
        SELECT trim(o.device_id) AS device_id, o.opinion_id
        FROM opinions o
        WHERE o.kind = '投诉'
          AND nullif(trim(o.device_id), '') IS NOT NULL
          AND o.received_on >= $from::DATE AND o.received_on < $to_excl::DATE
      ),
      per AS (
        SELECT device_id, count(*) AS n, list(opinion_id ORDER BY opinion_id) AS ids
        FROM c GROUP BY device_id HAVING count(*) >= ${min}
      )
      SELECT 'device' AS subject_kind, p.device_id AS subject_id, d.unit_code AS unit,
             CASE WHEN p.n >= ${high} THEN 'high' ELSE 'medium' END AS severity,
             CASE WHEN p.n >= ${high} THEN 0.95
                  ELSE 0.7 + 0.25 * (p.n - ${min}) / greatest(${high} - ${min}, 1) END AS score,
             'device-many-complaints' AS rule,
             coalesce(d.kind, '') || '设备 ' || p.device_id || coalesce('（' || d.name || '）', '') ||
               '期间被群众投诉 ' || p.n || ' 次' AS title,
             [{'kind': 'device', 'id': p.device_id}] ||
               list_transform(p.ids, x -> {'kind': 'opinion', 'id': x}) AS evidence
      FROM per p
      LEFT JOIN devices d ON d.device_id = p.device_id
      ORDER BY subject_id`;
    return findings(ctx.store, sql, ctx.params);
  },
};
