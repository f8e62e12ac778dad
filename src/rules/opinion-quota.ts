// 纳谏不足 opinion-quota (subject: unit-quarter, id "UNITCODE/YYYYQn") — RULES.md Part 16.
//
// 16.1 Scope. Every unit in the units table, including the 支队部门 (detachment departments), not only
//      brigades. Check every calendar quarter that overlaps the period. Count records dated anywhere in that
//      calendar quarter, including dates before --from when the period starts mid-quarter.
// 16.2 Warning. The unit-quarter has no record with 类型 = 意见建议 and 征集单位 = the unit.
// 16.3 Not counted as opinions heard. Complaints (类型 = 投诉), whatever their channel, whether about devices
//      or officers. A unit-quarter with only complaints still warns.
// 16.4 Evidence. The unit. Id example: 140700010200/2021Q2. unit = that unit (0.9).
//
// Choices (docs/RULES-NOTES.md): a quarter that has not ended before the as-of date still warns (16.1 checks
// every overlapping quarter), but as severity low and a lower score, since the unit may yet hold its
// solicitation; a finished quarter is medium. Records dated after the quarter, or on/after the as-of date (0.2:
// not yet heard at its 00:00), never count for it. 类型 and 征集单位 are compared trimmed.
import type { Rule } from './types.ts';

export const rule: Rule = {
  category: 'opinion-quota',
  // Without the opinion ledger every unit-quarter would warn: skip rather than accuse.
  needs: ['units', 'opinions'],
  async run(ctx) {
    const sql = `
      WITH quarters AS (  /* 16.1 every quarter overlapping the period */
        SELECT CAST(q AS DATE) AS q_start, CAST(q + INTERVAL 3 MONTH AS DATE) AS q_end
        FROM generate_series(CAST(date_trunc('quarter', $from::DATE) AS TIMESTAMP),
                             CAST(date_trunc('quarter', $to_excl::DATE - 1) AS TIMESTAMP),
                             INTERVAL 3 MONTH) t(q)
      ),
      counted AS (
        SELECT u.unit_code, any_value(u.unit_name) AS unit_name, q.q_start, q.q_end,
               count(o.opinion_id) FILTER (WHERE trim(o.kind) = '意见建议') AS opinions,  /* 16.2, 16.3 */
               count(o.opinion_id) FILTER (WHERE trim(o.kind) = '投诉') AS complaints
        FROM units u CROSS JOIN quarters q
        LEFT JOIN opinions o ON trim(o.unit_code) = u.unit_code AND o.received_on >= q.q_start AND o.received_on < q.q_end
                             AND o.received_on < $as_of::DATE
        GROUP BY u.unit_code, q.q_start, q.q_end
      )
      SELECT 'unit-quarter' AS subject_kind,
             unit_code || '/' || year(q_start) || 'Q' || quarter(q_start) AS subject_id,
             unit_code AS unit,
             CASE WHEN q_end <= $as_of::DATE THEN 'medium' ELSE 'low' END AS severity,
             CASE WHEN q_end <= $as_of::DATE THEN 0.9 ELSE 0.6 END AS score,
             'no-opinion-in-quarter' AS rule,
             COALESCE(unit_name, unit_code) || ' ' || year(q_start) || '年第' || quarter(q_start) || '季度'
               || CASE WHEN q_end <= $as_of::DATE THEN '' ELSE '（截至 ' || strftime($as_of::DATE, '%Y-%m-%d') || '，季度未结束）' END
               || '未记录任何群众意见建议'
               || CASE WHEN complaints > 0 THEN '（同季度仅有投诉 ' || complaints || ' 件，不计入）' ELSE '' END AS title,
             [{'kind': 'unit', 'id': unit_code}] AS evidence
      FROM counted
      WHERE opinions = 0  /* 16.2 */
      ORDER BY subject_id`;
    return ctx.findings(sql);
  },
};
