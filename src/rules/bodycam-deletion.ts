// 视频违规删除 bodycam-deletion (subject: video 视频编号) — RULES.md Part 7.
//
// 7.1 Scope. Recordings whose 开始时间 is in the period. Deletions up to the as-of date count (0.2).
// 7.2 Warning. 存储状态 = 已删除 and 删除时间 is earlier than 6 calendar months after 结束时间.
//     A recording filed under a violation or accident (关联业务编号 not empty) is evidence, so deleting it
//     at any time is a warning.
// 7.3 Exempt. Deletion of a recording that is not evidence, once it is 6 months old or more.
// 7.4 Evidence. The video, the wearer (警号) and the deleter (删除人). unit (0.9) = the wearer's unit.
//
// Choices (docs/RULES-NOTES.md): "6 calendar months" is DuckDB's ended_at + INTERVAL 6 MONTH (month-end
// clamped); a deletion at exactly that instant is not early. A deletion counts when it was recorded before
// the as-of date 00:00 (0.2). An empty 存储状态 with a recorded 删除时间 is a deletion. A recording marked 已删除 with no 删除时间 was deleted before the export:
// it is early when even the as-of date is earlier than the 6-month mark, otherwise its age is unknown and
// only an evidence recording warns. Severity: high for an evidence recording, medium otherwise.
import { inPeriod } from './sql.ts';
import type { Rule } from './types.ts';

export const rule: Rule = {
  category: 'bodycam-deletion',
  needs: ['videos'],
  uses: ['officers'],
  async run(ctx) {
    const months = ctx.settings.bodycamDeletion.retentionMonths;
    const sql = `
      WITH hits AS (
        SELECT v.*, NULLIF(trim(v.linked_id), '') AS link,
               NULLIF(trim(v.deleted_by), '') AS deleter,
               v.ended_at + to_months(${months}) AS keep_until
        FROM videos v
        WHERE ${inPeriod('v.started_at')}  /* 7.1 */
          AND (v.status = '已删除' OR (v.status IS NULL AND v.deleted_at IS NOT NULL))  /* 7.2 */
          AND (v.deleted_at IS NULL OR v.deleted_at < $as_of::TIMESTAMP)
      )
      SELECT 'video' AS subject_kind, h.video_id AS subject_id, NULLIF(trim(w.unit_code), '') AS unit,
             CASE WHEN h.link IS NOT NULL THEN 'high' ELSE 'medium' END AS severity,
             CASE WHEN h.deleted_at IS NULL THEN 0.85 ELSE 0.95 END AS score,
             CASE WHEN h.link IS NOT NULL THEN 'evidence-video-deleted' ELSE 'video-deleted-early' END AS rule,
             '视频 ' || h.video_id || '（' || COALESCE(w.name || ' ', '') || h.officer_id || ' 录制于 '
               || strftime(h.started_at, '%Y-%m-%d %H:%M')
               || CASE WHEN h.link IS NOT NULL THEN '，系 ' || h.link || ' 的执法证据' ELSE '' END || '）'
               || CASE WHEN h.deleted_at IS NOT NULL
                       THEN '于 ' || strftime(h.deleted_at, '%Y-%m-%d') || ' 被删除（结束后 '
                            || date_diff('day', h.ended_at, h.deleted_at) || ' 天）'
                       ELSE '已被删除（删除时间未登记）' END
               || CASE WHEN h.deleter IS NOT NULL THEN '，删除人 ' || COALESCE(d.name || ' ', '') || h.deleter ELSE '' END
               || CASE WHEN h.link IS NOT NULL THEN '，证据视频应永久保存' ELSE '，未满 ${months} 个月保存期' END AS title,
             [{'kind': 'video', 'id': h.video_id}, {'kind': 'officer', 'id': h.officer_id}]
               || CASE WHEN h.deleter IS NOT NULL AND h.deleter <> h.officer_id
                       THEN [{'kind': 'officer', 'id': h.deleter}] ELSE [] END AS evidence
      FROM hits h
      LEFT JOIN officers w ON w.officer_id = h.officer_id
      LEFT JOIN officers d ON d.officer_id = h.deleter
      WHERE h.link IS NOT NULL  /* 7.2 evidence */
         OR COALESCE(h.deleted_at, $as_of::TIMESTAMP) < h.keep_until  /* 7.2, 7.3 */
      ORDER BY subject_id`;
    return ctx.findings(sql);
  },
};
