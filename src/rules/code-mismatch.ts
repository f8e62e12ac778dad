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
      -- The codes of the period, each trimmed and looked up once (not once per record).
      codes_seen AS (
        SELECT r.raw, c.code IS NULL AS unknown, c.points AS c_points, c.fine_min, c.fine_max, c.kinds
        FROM (SELECT DISTINCT code AS raw FROM violations WHERE ${inPeriod('occurred_at')}) r
        LEFT JOIN code_table c ON c.code = trim(r.raw)
      ),
      -- Only what the clauses test is read for every record (and its rowid); the texts of the warning (id, plate,
      -- trimmed code, device and unit) are read and made for the few records flagged.
      recs AS (
        SELECT v.rowid AS rid, v.code AS raw_code, v.fine, v.points, v.source, v.device_id AS raw_device_id,
               coalesce(k.unknown, true) AS unknown, k.c_points, k.fine_min, k.fine_max, k.kinds,
               d.kind AS dev_kind, d.device_id IS NOT NULL AS dev_known, d.unit_code AS dev_unit
        FROM violations v
        LEFT JOIN codes_seen k ON k.raw = v.code
        LEFT JOIN devices d ON d.device_id = v.device_id
        WHERE ${inPeriod('v.occurred_at')}
      ),
      flagged AS MATERIALIZED (  /* 14.1, one flag per clause */
        SELECT * FROM (
          SELECT *,
                 unknown AS f_unknown,
                 NOT unknown AND source = '非现场'
                   AND (len(kinds) = 0 OR (dev_known AND NOT list_contains(kinds, dev_kind))) AS f_kind,
                 NOT unknown AND points IS NOT NULL AND c_points IS NOT NULL AND points <> c_points AS f_points,
                 NOT unknown AND fine IS NOT NULL
                   AND ((fine_min IS NOT NULL AND fine < fine_min) OR (fine_max IS NOT NULL AND fine > fine_max)) AS f_fine
          FROM recs)
        WHERE f_unknown OR f_kind OR f_points OR f_fine
      ),
      texts AS (
        SELECT rowid AS rid, violation_id, plate, officer_id, handling_unit FROM violations
        WHERE rowid IN (SELECT rid FROM flagged)
      ),
      hits AS (
        SELECT f.*, t.violation_id, t.plate, trim(f.raw_code) AS code, NULLIF(trim(f.raw_device_id), '') AS device_id,
               COALESCE(CASE WHEN f.source = '非现场' THEN NULLIF(trim(f.dev_unit), '') ELSE NULLIF(trim(o.unit_code), '') END,
                        NULLIF(trim(t.handling_unit), '')) AS unit
        FROM flagged f
        JOIN texts t ON t.rid = f.rid
        LEFT JOIN officers o ON o.officer_id = t.officer_id
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
