// 数据截至: the latest day the records cover — the last violation, accident, transaction or recording — so pages
// open on the data rather than the calendar (exports lag the calendar by days or weeks). A record dated after
// today is a data error and does not count.
import type { Store } from '../store/db.ts';
import { addDays } from '../time/index.ts';

const EVENTS = [['violations', 'occurred_at'], ['accidents', 'occurred_at'], ['business', 'accepted_at'], ['videos', 'started_at']] as const;

export async function dataThrough(store: Pick<Store, 'all'>, today: string): Promise<string | null> {
  const [row] = await store.all<{ d: string | null }>(
    `SELECT max(d)::VARCHAR AS d FROM (${EVENTS.map(([t, c]) => `SELECT max(${c})::DATE AS d FROM ${t} WHERE ${c} < $tomorrow::TIMESTAMP`).join(' UNION ALL ')})`,
    { tomorrow: addDays(today, 1) });
  return row?.d ?? null;
}

/** Whether any record falls on day: an empty daily report then means "no problems", not "no data". */
export async function hasDataOn(store: Pick<Store, 'all'>, day: string): Promise<boolean> {
  const [row] = await store.all<{ n: number }>(
    `SELECT (${EVENTS.map(([t, c]) => `EXISTS (SELECT 1 FROM ${t} WHERE ${c} >= $day::TIMESTAMP AND ${c} < $day::TIMESTAMP + INTERVAL 1 DAY)`).join(' OR ')})::INTEGER AS n`,
    { day });
  return Number(row?.n) === 1;
}
