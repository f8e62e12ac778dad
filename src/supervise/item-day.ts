// The day the misconduct behind an item happened, for the 总览's period and monthly trend: the earliest
// dated record among its evidence (违法时间, 事故时间, 视频开始时间, 受理时间, 意见日期); for a
// unit-quarter (纳谏不足) the quarter's first day; an item with no dated evidence (a camera judged on its
// volume) falls back to the last day of the period of the run that first found it, then to the day it
// was created. The items table stores evidence as JSON [{kind,id}]; this resolves it in SQL, and sync.ts
// stores the result in items.day whenever it makes or refreshes an item (migration 009 filled it in for older
// databases), so the 总览 and the list's period read a column instead of resolving evidence per request.

import { parseDay } from '../time/index.ts';
import { EVIDENCE_SOURCE } from '../contract/vocabulary.ts';
import { failure, type Failure } from '../contract/failure.ts';

/** A period of item days, inclusive; either end may be open. */
export interface DayRange { readonly from?: string; readonly to?: string }

/** A period from a query string (the 总览 and the item list share it): each end optional, a calendar date, from ≤ to. */
export function parseDayRange(q: { from?: string; to?: string }): { ok: true; range: DayRange } | Failure {
  const range: { from?: string; to?: string } = {};
  for (const k of ['from', 'to'] as const) {
    const v = q[k];
    if (v === undefined || v === '') continue;
    const day = parseDay(v);
    if (!day) return failure('invalid', `${k} 应为日期 YYYY-MM-DD`);
    range[k] = day;
  }
  if (range.from && range.to && range.from > range.to) return failure('invalid', '开始日期晚于结束日期');
  return { ok: true, range };
}

/** The dated evidence kinds and the column of their time; table and id are the contract's (EVIDENCE_SOURCE). */
const DATED = ([
  ['violation', 'occurred_at'], ['accident', 'occurred_at'], ['video', 'started_at'], ['business', 'accepted_at'], ['opinion', 'received_on'],
] as const).map(([kind, at]) => ({ kind, ...EVIDENCE_SOURCE[kind], at }));

/**
 * SQL of a relation (item_key, day DATE) over the items that satisfy `where` (a condition on alias `i`,
 * e.g. the user's scope). Parameters of `where` pass through unchanged.
 */
export function itemDaySql(where: string): string {
  const dated = DATED.map((d) => `SELECT ev.item_key, min(x.${d.at})::DATE AS day FROM ev JOIN ${d.table} x ON ev.kind = '${d.kind}' AND x.${d.id} = ev.id GROUP BY ev.item_key`);
  return `(WITH ev AS MATERIALIZED (
      SELECT item_key, e.kind AS kind, e.id AS id
      FROM (SELECT i.item_key, unnest(from_json(i.evidence, '[{"kind":"VARCHAR","id":"VARCHAR"}]')) AS e FROM items i WHERE ${where})
    ), days AS (${dated.join(' UNION ALL ')})
    SELECT i.item_key,
      CASE WHEN i.subject_kind = 'unit-quarter' AND regexp_matches(i.subject_id, '/\\d{4}Q[1-4]$')
        THEN make_date(CAST(regexp_extract(i.subject_id, '/(\\d{4})Q', 1) AS INTEGER), CAST(regexp_extract(i.subject_id, 'Q([1-4])$', 1) AS INTEGER) * 3 - 2, 1)
        ELSE coalesce(min(d.day), any_value(r.period_to), TRY_CAST(left(i.created_at, 10) AS DATE)) END AS day
    FROM items i LEFT JOIN days d USING (item_key) LEFT JOIN runs r ON r.run_id = i.first_run
    WHERE ${where}
    GROUP BY i.item_key, i.subject_kind, i.subject_id, i.created_at)`;
}
