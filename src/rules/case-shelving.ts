// 压案不办 case-shelving (subject: accident 事故编号) — RULES.md Part 2.
//
// 2.1 Scope. Accidents handled under 一般程序 (general procedure) that occurred in the period.
// 2.2 Deadline.
//   - Base: 勘查结束时间 (scene_done_at) + 10 working days (0.3).
//   - If 是否检验鉴定 (appraisal) = 是: 鉴定结论时间 (appraisal_done_at) + 5 working days, replacing the base.
//     If the appraisal conclusion is not yet recorded (appraisal_done_at empty), no deadline runs.
//   - If 延期审批 (extended) = 是, an extension was approved: the deadline is moved 30 calendar days later.
// 2.3 Warning. The case has no determination (认定时间 empty, status 已受理 or 调查中), and its
//   deadline has passed on the as-of date (0.2: a deadline on date X has passed when X < D).
// 2.4 Exempt. Hit-and-run (是否逃逸 = 是) with status 调查中 (a hit-and-run still at 已受理 is NOT
//   exempt: base deadline); appraisal pending; approved extension not yet passed; still within time;
//   简易程序; cases already determined (已认定/已结案) or withdrawn (已撤销).
// 2.5 Evidence. The accident record and the responsible officer (主办民警). unit = 管辖单位.
//   Severity: high if overdue by more than 30 days or the case involves a death, otherwise medium.
//
// Working days: calendar/ (State Council schedule from chinese-days + calendar_overrides).
// "Overdue by N days" = as-of date − deadline date (as-of = deadline + 1 → 1 day overdue).
// A case with neither a recorded scene end nor (when appraised) an appraisal conclusion has no
// deadline that can be computed and raises no warning (docs/RULES-NOTES.md). An empty 是否检验鉴定 with a
// recorded 鉴定结论时间 is an appraisal (the conclusion shows one was made).
import { calendarSql } from '../calendar/calendar.ts';
import { addDays } from '../time/index.ts';
import { inPeriod } from './sql.ts';
import type { Finding, Rule, RuleContext } from './types.ts';

const SCOPE = `
  a.procedure = '一般程序' AND ${inPeriod('a.occurred_at')}  /* 2.1 */
  AND a.determined_at IS NULL AND a.status IN ('已受理', '调查中')  /* 2.3 no determination */
  AND NOT (coalesce(a.hit_and_run, false) AND a.status = '调查中')  /* 2.4 hit-and-run under investigation */`;

export const rule: Rule = {
  category: 'case-shelving',
  needs: ['accidents'],
  async run(ctx: RuleContext): Promise<Finding[]> {
    const { sceneWorkingDays: sceneN, appraisalWorkingDays: apprN, extensionDays: extN, highOverdueDays: highN } = ctx.settings.caseShelving;

    // The calendar must span every start day up to beyond the as-of date.
    const [range] = await ctx.store.all<{ lo: string | null; hi: string | null }>(
      `SELECT min(start_day)::VARCHAR AS lo, max(start_day)::VARCHAR AS hi FROM (
         SELECT CASE WHEN coalesce(a.appraisal, a.appraisal_done_at IS NOT NULL) THEN CAST(a.appraisal_done_at AS DATE)
                     ELSE CAST(a.scene_done_at AS DATE) END AS start_day
         FROM accidents a WHERE ${SCOPE}) t`,
      { from: ctx.params.from, to_excl: ctx.params.to_excl },
    );
    if (!range?.lo || !range.hi) return [];
    const calTo = addDays(range.hi > ctx.asOf ? range.hi : ctx.asOf, 120);

    const sql = `
      WITH calendar AS (${calendarSql(range.lo, calTo)}),
      acc AS (
        SELECT a.*,
               coalesce(a.appraisal, a.appraisal_done_at IS NOT NULL) AS appraised,
               CASE WHEN coalesce(a.appraisal, a.appraisal_done_at IS NOT NULL) THEN CAST(a.appraisal_done_at AS DATE)
                    ELSE CAST(a.scene_done_at AS DATE) END AS start_day,
               CASE WHEN coalesce(a.appraisal, a.appraisal_done_at IS NOT NULL) THEN ${apprN} ELSE ${sceneN} END AS n_wd  /* 2.2 */
        FROM accidents a WHERE ${SCOPE}
      ),
      dl AS (
        SELECT acc.*, c.day AS legal_day,
               c.day + CASE WHEN coalesce(acc.extended, false) THEN ${extN} ELSE 0 END AS deadline  /* 2.2 extension */
        FROM acc
        JOIN calendar c0 ON c0.day = acc.start_day
        JOIN calendar c ON c.is_workday AND c.workday_no = c0.workday_no + acc.n_wd
      ),
      hit AS (
        SELECT dl.*, date_diff('day', dl.deadline, $as_of::DATE) AS overdue
        FROM dl WHERE dl.deadline < $as_of::DATE  /* 2.3 passed on the as-of date (0.2) */
      )
      SELECT 'accident' AS subject_kind,
             accident_id AS subject_id,
             unit_code AS unit,
             CASE WHEN overdue > ${highN} OR coalesce(deaths, 0) > 0 THEN 'high' ELSE 'medium' END AS severity,  /* 2.5 */
             0.85 + least(0.1, overdue / 300.0) AS score,
             'accident-determination-overdue' AS rule,
             '一般程序事故 ' || accident_id || '：'
               || CASE WHEN coalesce(deaths, 0) > 0 THEN '死亡 ' || deaths || ' 人，' ELSE '' END
               || CASE WHEN appraised THEN '鉴定结论于 ' || strftime(start_day, '%Y-%m-%d') || ' 作出'
                       ELSE '勘查于 ' || strftime(start_day, '%Y-%m-%d') || ' 结束' END
               || '，应在 ' || n_wd || ' 个工作日内'
               || CASE WHEN coalesce(extended, false) THEN '（经延期 ' || ${extN} || ' 日）' ELSE '' END
               || '即 ' || strftime(deadline, '%Y-%m-%d') || ' 前作出认定，至今逾期 ' || overdue || ' 天仍未认定（'
               || status || CASE WHEN officer_id IS NOT NULL THEN '，主办民警 ' || officer_id ELSE '' END || '）' AS title,
             [{'kind': 'accident', 'id': accident_id}]
               || CASE WHEN officer_id IS NOT NULL THEN [{'kind': 'officer', 'id': officer_id}] ELSE [] END AS evidence
      FROM hit
      ORDER BY subject_id`;
    return ctx.findings(sql);
  },
};
