// 视频超时上传 bodycam-late-upload (subject: video) — RULES.md Part 8.
//
// 8.1 Scope. Recordings whose 开始时间 is in the period.
// 8.2 Warning. 上传时间 − 结束时间 > 24 hours. A recording that is still not uploaded also warns when
//     24 hours after 结束时间 have passed before the as-of date.
// 8.3 Not late. An upload 23 h 59 min after the end is on time. Measure from 结束时间, not 开始时间.
//     No extension is recorded in the data, so no other exemption applies.
// 8.4 Evidence. The video and the officer. Severity: high if more than 72 h late. unit (0.9) = the wearer's unit.
//
// Choices (docs/RULES-NOTES.md): exactly 24 h is on time (strictly greater is late). "Not yet uploaded" is
// judged at the as-of date 00:00 (0.2): it warns when ended_at + 24 h < as-of 00:00. "More than 72 h late"
// is read as the delay after 结束时间 (上传时间 − 结束时间 > 72 h; for a missing upload, as-of 00:00 −
// 结束时间 > 72 h), the same measure as the 24 h deadline.
import { inPeriod } from './sql.ts';
import type { Rule } from './types.ts';

export const rule: Rule = {
  category: 'bodycam-late-upload',
  needs: ['videos'],
  uses: ['officers'],
  async run(ctx) {
    const s = ctx.settings.bodycamLateUpload;
    const deadline = s.deadlineHours * 60;
    const high = s.highHours * 60;
    const sql = `
      WITH hits AS (
        SELECT v.*, COALESCE(v.uploaded_at, $as_of::TIMESTAMP) AS upload_or_asof,
               v.uploaded_at IS NULL AS missing
        FROM videos v
        WHERE ${inPeriod('v.started_at')}  /* 8.1 */
          AND v.ended_at IS NOT NULL
          AND ((v.uploaded_at IS NOT NULL AND v.uploaded_at > v.ended_at + to_minutes(${deadline}))  /* 8.2, 8.3 */
            OR (v.uploaded_at IS NULL AND v.ended_at + to_minutes(${deadline}) < $as_of::TIMESTAMP))
      )
      SELECT 'video' AS subject_kind, h.video_id AS subject_id, NULLIF(trim(o.unit_code), '') AS unit,
             CASE WHEN h.upload_or_asof > h.ended_at + to_minutes(${high}) THEN 'high' ELSE 'medium' END AS severity,  /* 8.4 */
             0.95 AS score,
             CASE WHEN h.missing THEN 'video-not-uploaded' ELSE 'video-uploaded-late' END AS rule,
             '视频 ' || h.video_id || '（' || COALESCE(o.name || ' ', '') || h.officer_id || '，结束于 '
               || strftime(h.ended_at, '%Y-%m-%d %H:%M') || '）'
               || CASE WHEN h.missing
                       THEN '截至 ' || strftime($as_of::TIMESTAMP, '%Y-%m-%d') || ' 仍未上传，已过 '
                            || round(epoch(h.upload_or_asof - h.ended_at) / 3600.0, 1) || ' 小时'
                       ELSE '结束后 ' || round(epoch(h.upload_or_asof - h.ended_at) / 3600.0, 1) || ' 小时才上传' END
               || '（限 ${s.deadlineHours} 小时内上传）' AS title,
             [{'kind': 'video', 'id': h.video_id}, {'kind': 'officer', 'id': h.officer_id}] AS evidence
      FROM hits h
      LEFT JOIN officers o ON o.officer_id = h.officer_id
      ORDER BY subject_id`;
    return ctx.findings(sql);
  },
};
