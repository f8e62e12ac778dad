// 人情案（认定变更） liability-change (subject: accident) — RULES.md Part 4.
//
// 4.1 Warning. 认定变更次数 (liability_changes) ≥ 1, and 变更原因 (change_reason) does not show an
//   ordered review. That is: the reason is empty, 其他, 当事人协商, a bare 重新认定, or anything that
//   does not mention 复核.
// 4.2 Exempt. The reason mentions the review: 复核, 复核后重新认定, 复核结论, 上级复核 and similar.
// 4.3 Evidence. The accident and the responsible officer. Severity: high if changed two or more times.
//
// Scope (RULES silent): accidents that occurred in the period, like every accident rule. unit = 管辖单位 (0.9).
// A reason that mentions 复核 only to deny it (未经复核, 未复核, 无复核, 没有复核, 不经复核, 未申请/未提出复核, 无需复核 …)
// does not show a review.
import { inPeriod } from './sql.ts';
import type { Finding, Rule, RuleContext } from './types.ts';

const REVIEW = '复核';
const DENIED_REVIEW = '(未经|未|无|没有|不经|非经|无需|无须|不需|不需要|未申请|未提出|未提起|没有申请|没有提出|未进行|没有进行|不予)复核';

export const rule: Rule = {
  category: 'liability-change',
  needs: ['accidents'],
  async run(ctx: RuleContext): Promise<Finding[]> {
    const sql = `
      WITH hit AS (
        SELECT a.*, coalesce(a.liability_changes, 0) AS n, nullif(trim(coalesce(a.change_reason, '')), '') AS reason
        FROM accidents a
        WHERE ${inPeriod('a.occurred_at')}
          AND coalesce(a.liability_changes, 0) >= 1  /* 4.1 */
      )
      SELECT 'accident' AS subject_kind,
             accident_id AS subject_id,
             unit_code AS unit,
             CASE WHEN n >= 2 THEN 'high' ELSE 'medium' END AS severity,  /* 4.3 */
             CASE WHEN reason IS NULL OR reason IN ('其他', '当事人协商') THEN 0.9 ELSE 0.85 END
               + CASE WHEN n >= 2 THEN 0.05 ELSE 0 END AS score,
             'liability-changed-without-review' AS rule,
             '事故 ' || accident_id || ' 的责任认定变更 ' || n || ' 次，变更原因'
               || CASE WHEN reason IS NULL THEN '为空' ELSE '为“' || reason || '”' END
               || '，未见复核结论' || CASE WHEN officer_id IS NOT NULL THEN '（主办民警 ' || officer_id || '）' ELSE '' END AS title,
             [{'kind': 'accident', 'id': accident_id}]
               || CASE WHEN officer_id IS NOT NULL THEN [{'kind': 'officer', 'id': officer_id}] ELSE [] END AS evidence
      FROM hit
      WHERE reason IS NULL OR NOT contains(reason, '${REVIEW}') OR regexp_matches(reason, '${DENIED_REVIEW}')  /* 4.1, 4.2 */
      ORDER BY subject_id`;
    return ctx.findings(sql);
  },
};
