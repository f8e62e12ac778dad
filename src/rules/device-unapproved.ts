// 设备未审核公告 device-unapproved (subject: device 设备编号) — RULES.md Part 9.
//
// 9.1 Warning. The device has at least one valid capture (0.4: 处理状态 未处理/已处理) in the period that
//     was taken while the device was not reviewed and announced:
//     - 审核状态 = 未审核 (no review date is recorded: the current status stands for the whole period,
//       every valid capture is unlawful); or
//     - 公告日期 (announced_on) is empty; or
//     - the capture date is earlier than 公告日期.
// 9.2 Exempt. A device unreviewed/unannounced that issued no penalty (e.g. 停用); a device announced
//     before it was enabled, however short the gap; captures on or after the announcement date;
//     建设方式 (社会资金, 企业租赁) and 外接平台 are not elements.
// 9.3 Evidence. The device, the number of unlawful captures, the first and last such capture records.
//     Severity: high.
//
// Choices (docs/RULES-NOTES.md): valid as things stood at the as-of date (0.2): 未处理/已处理, or voided with a
// 作废时间 on or after the as-of date. A capture is a violation record naming the device (采集设备), whatever
// its 采集方式; "capture date" = the calendar date of 违法时间; first/last = by 违法时间 then 违法编号.
// A capture naming a device that is not in the registry is not judged here (nothing to judge it by).
// Title: 设备 <id>（<name>）<reasons>，期间抓拍有效违法 N 起（first … last）.
import { deviceLabel, inPeriod, validAsOf, CAPTURE_SPAN, CAPTURE_DATES, CAPTURE_EVIDENCE } from './sql.ts';
import type { Rule } from './types.ts';

export const rule: Rule = {
  category: 'device-unapproved',
  needs: ['devices', 'violations'],
  async run(ctx) {
    const sql = `
      WITH bad AS (
        SELECT d.device_id, d.name, d.unit_code, d.review_status, d.announced_on,
               v.violation_id, v.occurred_at,
               (d.review_status = '未审核') AS unreviewed,
               (d.announced_on IS NULL) AS unannounced,
               (d.announced_on IS NOT NULL AND CAST(v.occurred_at AS DATE) < d.announced_on) AS before_announced
        FROM violations v
        -- Only the devices that can have such a capture in the period (a capture dated on or after the period's
        -- start, before the announcement): so few that DuckDB filters the captures by their device as it reads them.
        JOIN (SELECT * FROM devices WHERE review_status = '未审核' OR announced_on IS NULL OR announced_on > $from::DATE) d
          ON d.device_id = v.device_id
        WHERE ${validAsOf('v')} AND ${inPeriod('v.occurred_at')}
          AND (d.review_status = '未审核' OR d.announced_on IS NULL OR CAST(v.occurred_at AS DATE) < d.announced_on)  /* 9.1 */
      ),
      per AS (
        SELECT device_id, any_value(name) AS name, any_value(unit_code) AS unit_code,
               any_value(announced_on) AS announced_on,
               bool_or(unreviewed) AS unreviewed, bool_or(unannounced) AS unannounced,
               ${CAPTURE_SPAN}
        FROM bad GROUP BY device_id
      )
      SELECT 'device' AS subject_kind, device_id AS subject_id, unit_code AS unit,
             'high' AS severity,
             CASE WHEN unreviewed OR unannounced THEN 0.97 ELSE 0.95 END AS score,
             CASE WHEN unreviewed THEN 'device-unreviewed'
                  WHEN unannounced THEN 'device-unannounced'
                  ELSE 'device-before-announcement' END AS rule,
             ${deviceLabel('device_id', 'name')} ||
               concat_ws('、',
                 CASE WHEN unreviewed THEN '未审核' END,
                 CASE WHEN unannounced THEN '未向社会公告' END,
                 CASE WHEN NOT unreviewed AND NOT unannounced
                      THEN '公告日期 ' || strftime(announced_on, '%Y-%m-%d') || ' 前已抓拍' END) ||
               '，期间抓拍有效违法 ' || n || ' 起用于处罚（' ||
               ${CAPTURE_DATES} || '）' AS title,
             ${CAPTURE_EVIDENCE} AS evidence
      FROM per
      ORDER BY subject_id`;
    return ctx.findings(sql);
  },
};
