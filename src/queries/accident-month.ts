// The accident situation of a month (总览; the bulletin's 一、): accidents of both procedures, deaths and
// injuries that occurred in the month, beside the previous month and the same month a year earlier,
// with the change on each. A brigade user sees its own unit's (管辖单位) accidents only.
import type { Store } from '../store/db.ts';
import { recordCondition, scopeOf, type User } from '../supervise/access.ts';
import { addMonths } from '../time/index.ts';

export interface AccidentFigures { month: string; accidents: number; deaths: number; injuries: number }

export interface AccidentMonth {
  current: AccidentFigures;
  previous: AccidentFigures;
  lastYear: AccidentFigures;
  /** Change on the previous month / the same month last year, in percent; null where the base is 0 or the data do not reach back. */
  change: Record<'previous' | 'lastYear', Record<'accidents' | 'deaths' | 'injuries', number | null>>;
  /** Whether the data reach back to each comparison month (some accident occurred in or before it). */
  reaches: { previous: boolean; lastYear: boolean };
}


const pct = (now: number, base: number, reaches: boolean): number | null =>
  !reaches || base === 0 ? null : Math.round(((now - base) / base) * 1000) / 10;

export async function accidentMonth(store: Pick<Store, 'all'>, user: User, month: string): Promise<AccidentMonth> {
  // addMonths checks the format, so the months are safe to write into the SQL.
  const months = [addMonths(month, 0), addMonths(month, -1), addMonths(month, -12)];
  const scope = recordCondition(scopeOf(user), 'accidents', 'a');
  const rows = await store.all<AccidentFigures>(
    `SELECT m.month, count(a.accident_id) AS accidents, coalesce(sum(a.deaths), 0) AS deaths, coalesce(sum(a.injuries), 0) AS injuries
     FROM (VALUES ${months.map((m) => `('${m}')`).join(', ')}) m(month)
     LEFT JOIN accidents a ON strftime(a.occurred_at, '%Y-%m') = m.month AND ${scope.sql}
     GROUP BY m.month`, scope.params);
  const [{ first }] = await store.all<{ first: string | null }>(
    `SELECT strftime(min(a.occurred_at), '%Y-%m') AS first FROM accidents a WHERE ${scope.sql}`, scope.params);
  const get = (m: string): AccidentFigures => {
    const r = rows.find((x) => x.month === m);
    return { month: m, accidents: Number(r?.accidents ?? 0), deaths: Number(r?.deaths ?? 0), injuries: Number(r?.injuries ?? 0) };
  };
  const [current, previous, lastYear] = months.map(get);
  const reaches = { previous: first !== null && first <= previous.month, lastYear: first !== null && first <= lastYear.month };
  const change = (base: AccidentFigures, ok: boolean) => ({
    accidents: pct(current.accidents, base.accidents, ok), deaths: pct(current.deaths, base.deaths, ok), injuries: pct(current.injuries, base.injuries, ok),
  });
  return { current, previous, lastYear, change: { previous: change(previous, reaches.previous), lastYear: change(lastYear, reaches.lastYear) }, reaches };
}

/** The latest month with an accident in the user's scope (the 总览's default), or null before any import. */
export async function latestAccidentMonth(store: Pick<Store, 'all'>, user: User): Promise<string | null> {
  const scope = recordCondition(scopeOf(user), 'accidents', 'a');
  const [{ m }] = await store.all<{ m: string | null }>(
    `SELECT strftime(max(a.occurred_at), '%Y-%m') AS m FROM accidents a WHERE ${scope.sql}`, scope.params);
  return m;
}
