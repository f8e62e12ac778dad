// 执法无视频 bodycam-missing (subject: violation or accident) — RULES.md Part 6.
//
// 6.1 Acts that must be recorded.
//   - On-site ticket. Every violation with 采集方式 = 现场. The responsible officer is 执勤民警 (officer_id).
//     The act lasts from 违法时间 to 违法时间 + 12 minutes. This applies whatever the later status is,
//     even if the ticket was voided.
//   - Attended accident. Every accident with a 主办民警 and a 勘查结束时间, under either procedure. The
//     responsible officer is the 主办民警. The act lasts from arrival to 勘查结束时间. Arrival is taken as
//     接警时间 + 15 minutes, or 勘查结束时间 − 5 minutes if that is earlier.
//   - An act is in the period when its start is in the period.
// 6.2 Covered. (i) Any recording is filed under it (关联业务编号 = the violation_id or accident_id), by
//     whichever officer. (ii) A recording by the responsible officer has a span [开始时间, 结束时间] that
//     overlaps the act's span widened by 30 minutes on each side. Tag, link, lateness of upload and later
//     deletion do not matter. A recording by another officer that is not filed under the act does not cover it.
// 6.3 Warning. An act in scope that is not covered.
// 6.4 Exempt. Accidents with 主办民警 empty; non-site camera captures.
// 6.5 Evidence. The violation or accident record and the officer. unit = the officer's unit.
//
// Choices (docs/RULES-NOTES.md): spans are closed intervals, so a recording ending exactly 30 min before
// the act still covers it; an accident without 接警时间 arrives at 勘查结束时间 − 5 min; an on-site ticket
// naming no officer can only be covered by (i), and its unit falls back to 处理单位 (0.9); a deleted or
// never-uploaded recording still covers.
import { inPeriod } from './sql.ts';
import type { Rule } from './types.ts';

export const rule: Rule = {
  category: 'bodycam-missing',
  // Without the camera platform's export every act would look unrecorded: skip rather than accuse.
  needs: ['videos'],
  uses: ['violations', 'accidents', 'officers'],
  async run(ctx) {
    const { ticketMinutes, arrivalMinutes, arrivalBeforeSceneEndMinutes: beforeEnd, slackMinutes: slack } = ctx.settings.bodycamMissing;
    const sql = `
      WITH acts AS (  /* 6.1 */
        SELECT 'violation' AS subject_kind, v.violation_id AS act_id, NULLIF(trim(v.officer_id), '') AS officer_id,
               v.occurred_at AS act_start, v.occurred_at + to_minutes(${ticketMinutes}) AS act_end,
               NULLIF(trim(v.handling_unit), '') AS fallback_unit, v.status AS status, v.code AS code
        FROM violations v
        WHERE v.source = '现场' AND ${inPeriod('v.occurred_at')}
        UNION ALL
        SELECT * FROM (
          SELECT 'accident', a.accident_id, NULLIF(trim(a.officer_id), ''),
                 CASE WHEN a.reported_at IS NOT NULL
                           AND a.reported_at + to_minutes(${arrivalMinutes}) < a.scene_done_at - to_minutes(${beforeEnd})
                      THEN a.reported_at + to_minutes(${arrivalMinutes})
                      ELSE a.scene_done_at - to_minutes(${beforeEnd}) END AS act_start,
                 a.scene_done_at, NULLIF(trim(a.unit_code), ''), a.status, NULL
          FROM accidents a
          WHERE NULLIF(trim(a.officer_id), '') IS NOT NULL AND a.scene_done_at IS NOT NULL  /* 6.4 */
        ) x
        WHERE ${inPeriod('x.act_start')}
      ),
      filed AS (  /* 6.2(i) */
        SELECT DISTINCT trim(linked_id) AS act_id FROM videos WHERE NULLIF(trim(linked_id), '') IS NOT NULL
      ),
      -- The acts no recording is filed under: only these need the search by officer and time below.
      unfiled AS MATERIALIZED (
        SELECT a.* FROM acts a WHERE NOT EXISTS (SELECT 1 FROM filed f WHERE f.act_id = a.act_id)
      ),
      -- 6.2(ii) as an ASOF join: some own recording has started_at <= act_end + slack and ended_at >= act_start − slack
      -- exactly when, among the officer's recordings started by act_end + slack, the latest end is >= act_start − slack.
      reach AS (
        SELECT officer_id, started_at,
               max(ended_at) OVER (PARTITION BY officer_id ORDER BY started_at) AS reach_end
        FROM videos WHERE officer_id IS NOT NULL AND started_at IS NOT NULL AND ended_at IS NOT NULL
      ),
      own AS (
        SELECT a.subject_kind, a.act_id
        FROM unfiled a ASOF JOIN reach r
          ON r.officer_id = a.officer_id AND r.started_at <= a.act_end + to_minutes(${slack})
        WHERE r.reach_end >= a.act_start - to_minutes(${slack})
      ),
      missing AS (  /* 6.3 */
        SELECT a.* FROM unfiled a
        WHERE NOT EXISTS (SELECT 1 FROM own o WHERE o.subject_kind = a.subject_kind AND o.act_id = a.act_id)
      )
      SELECT m.subject_kind, m.act_id AS subject_id,
             COALESCE(NULLIF(trim(o.unit_code), ''), m.fallback_unit) AS unit,
             'medium' AS severity, 0.9 AS score,
             CASE m.subject_kind WHEN 'violation' THEN 'ticket-no-video' ELSE 'accident-no-video' END AS rule,
             CASE m.subject_kind
               WHEN 'violation' THEN
                 '现场处罚 ' || m.act_id || '（' || strftime(m.act_start, '%Y-%m-%d %H:%M') || '，代码 ' || COALESCE(m.code, '?')
                 || CASE WHEN m.status IN ('已作废', '已撤销') THEN '，现' || m.status ELSE '' END
                 || '）执勤民警 ' || COALESCE(o.name || ' ', '') || COALESCE(m.officer_id, '（未登记）')
                 || ' 无执法记录仪视频覆盖'
               ELSE
                 '事故 ' || m.act_id || ' 现场处置（到场 ' || strftime(m.act_start, '%Y-%m-%d %H:%M') || ' 至勘查结束 '
                 || strftime(m.act_end, '%H:%M') || '）主办民警 ' || COALESCE(o.name || ' ', '') || m.officer_id
                 || ' 无执法记录仪视频覆盖'
             END AS title,
             CASE WHEN m.officer_id IS NULL THEN [{'kind': m.subject_kind, 'id': m.act_id}]
                  ELSE [{'kind': m.subject_kind, 'id': m.act_id}, {'kind': 'officer', 'id': m.officer_id}] END AS evidence
      FROM missing m
      LEFT JOIN officers o ON o.officer_id = m.officer_id
      ORDER BY subject_id, subject_kind`;
    return ctx.findings(sql);
  },
};
