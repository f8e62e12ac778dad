// 代码录入错误 code-mismatch (subject: violation) — RULES.md Part 14.
//
// 14.1 Warning. A violation record (occurred in the period) is flagged when any of the following holds:
//   - its 违法代码 is not in the code table;
//   - 违法记分 ≠ the code's 记分;
//   - 罚款金额 is outside [罚款下限, 罚款上限];
//   - it is a 非现场 capture, and the capturing device's 设备类型 is not among the code's 适用设备类型
//     (split on ';'). A code with empty 适用设备类型 is on-site only and can never be camera-captured.
// 14.2 Not errors. Any fine within the range, including a middle value. An on-site ticket using a code that
//   cameras may also capture (on-site enforcement may use any code). A 多功能 device capturing any code whose
//   适用设备类型 lists 多功能. Zero-point codes recorded with 0 points.
// 14.3 Evidence. The violation record, the code and the device.
//
// Choices (docs/RULES-NOTES.md): every record is checked whatever its 处理状态 — 14.1 says "a violation
// record", where other parts say "valid" when they mean 0.4; a voided record with a wrong code is still a
// data-entry error. Missing values are not checkable and never flag: an empty 违法记分 or 罚款金额, an empty
// bound (unbounded on that side), a non-site capture whose device is not in the registry (unless the code is
// on-site only, which no camera may capture). Codes and kinds are compared trimmed; 适用设备类型 is split on ';'
// and also on what other exports use between kinds (full-width '；', '、', commas, '/', '|', blanks): no kind
// name contains any of them. One finding per record listing every clause hit; rule = the first of code-unknown,
// device-kind-mismatch, points-mismatch, fine-out-of-range. unit (0.9) = the camera's 管理单位 (非现场) or the
// ticketing officer's unit (现场), else 处理单位.
import { inPeriod } from './sql.ts';
import type { Rule } from './types.ts';

/** A yuan amount without trailing zeros: 300, 150.5. */
const yuan = (col: string): string => `regexp_replace(CAST(${col} AS DECIMAL(18, 2))::VARCHAR, '\\.?0+$', '')`;

export const rule: Rule = {
  category: 'code-mismatch',
  needs: ['violations', 'codes'],
  uses: ['devices', 'officers'],
  async run(ctx) {
    const sql = `
      WITH code_table AS (
        SELECT trim(code) AS code, points, fine_min, fine_max,
               [k FOR k IN regexp_split_to_array(COALESCE(device_kinds, ''), '[;；,，、/|\\s\u3000]+') IF k <> ''] AS kinds
        FROM codes
      ),
      recs AS (
        SELECT v.violation_id, v.plate, trim(v.code) AS code, v.fine, v.points, v.source,
               NULLIF(trim(v.device_id), '') AS device_id,
               c.code IS NULL AS unknown, c.points AS c_points, c.fine_min, c.fine_max, c.kinds,
               d.kind AS dev_kind, d.device_id IS NOT NULL AS dev_known,
               COALESCE(CASE WHEN v.source = '非现场' THEN NULLIF(trim(d.unit_code), '') ELSE NULLIF(trim(o.unit_code), '') END,
                        NULLIF(trim(v.handling_unit), '')) AS unit
        FROM violations v
        LEFT JOIN code_table c ON c.code = trim(v.code)
        LEFT JOIN devices d ON d.device_id = v.device_id
        LEFT JOIN officers o ON o.officer_id = v.officer_id
        WHERE ${inPeriod('v.occurred_at')}
      ),
      flagged AS (  /* 14.1, one flag per clause */
        SELECT *,
               unknown AS f_unknown,
               NOT unknown AND source = '非现场'
                 AND (len(kinds) = 0 OR (dev_known AND NOT list_contains(kinds, dev_kind))) AS f_kind,
               NOT unknown AND points IS NOT NULL AND c_points IS NOT NULL AND points <> c_points AS f_points,
               NOT unknown AND fine IS NOT NULL
                 AND ((fine_min IS NOT NULL AND fine < fine_min) OR (fine_max IS NOT NULL AND fine > fine_max)) AS f_fine
        FROM recs
      ),
      hits AS (
        SELECT * FROM flagged WHERE f_unknown OR f_kind OR f_points OR f_fine
      )
      SELECT 'violation' AS subject_kind, violation_id AS subject_id, unit, 'medium' AS severity, 0.9 AS score,
             CASE WHEN f_unknown THEN 'code-unknown' WHEN f_kind THEN 'device-kind-mismatch'
                  WHEN f_points THEN 'points-mismatch' ELSE 'fine-out-of-range' END AS rule,
             '违法记录 ' || violation_id || '（' || COALESCE(plate, '') || '，代码 ' || COALESCE(code, '空') || '）'
             || array_to_string(list_filter([
                  CASE WHEN f_unknown THEN '违法代码不在代码表中' END,
                  CASE WHEN f_kind THEN
                    CASE WHEN len(kinds) = 0 THEN '该代码仅限现场执法，却由设备 ' || COALESCE(device_id, '（未登记）') || ' 非现场抓拍'
                         ELSE dev_kind || '设备 ' || device_id || ' 不适用该代码（适用：' || array_to_string(kinds, '、') || '）' END END,
                  CASE WHEN f_points THEN '记 ' || points || ' 分，代码表为 ' || c_points || ' 分' END,
                  CASE WHEN f_fine THEN '罚款 ' || ${yuan('fine')} || ' 元超出 ['
                    || COALESCE(${yuan('fine_min')}, '不限') || ', ' || COALESCE(${yuan('fine_max')}, '不限') || '] 元' END
                ], lambda x: x IS NOT NULL), '；') AS title,
             CASE WHEN device_id IS NOT NULL
                  THEN [{'kind': 'violation', 'id': violation_id}, {'kind': 'device', 'id': device_id}]
                  ELSE [{'kind': 'violation', 'id': violation_id}] END AS evidence
      FROM hits
      ORDER BY subject_id`;
    return ctx.findings(sql);
  },
};
