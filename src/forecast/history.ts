// What the forecaster may know: the monthly accident counts per unit (管辖单位) from the accidents
// that occurred before a given day, and the calendar of each month (days, working days, holidays).
import { createRequire } from 'node:module';
import type { Store } from '../store/db.ts';
import { calendarSql, packageSpecialDays } from '../calendar/calendar.ts';
import { daysIn, firstDay, lastDay, monthIndex, monthOf } from '../time/index.ts';

export interface History {
  /** Unit codes with at least one accident in the history, sorted. */
  readonly units: string[];
  /** unit → month index → count (absent = 0 within the unit's span). */
  readonly counts: ReadonlyMap<string, ReadonlyMap<number, number>>;
  /** unit → month index of its first accident. */
  readonly firstOf: ReadonlyMap<string, number>;
  /** First and last complete month of the history (index); last < first when there is none. */
  readonly first: number;
  readonly last: number;
}

export interface MonthCalendar {
  days: number; workdays: number; holidays: number;
  /** Days of the Spring Festival holiday, and of the ten days before it (春运), in the month. */
  festival: number; preFestival: number;
}

// The Spring Festival's days off, by the package's holiday names: it moves between January and February,
// and the weeks before it (春运, travel home) differ from the holiday itself.
const FESTIVAL = new Set(Object.entries((createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as { holidays: Record<string, string> }).holidays)
  .filter(([, name]) => name.startsWith('Spring Festival')).map(([d]) => d));
const PRE_FESTIVAL = new Set<string>();
for (const d of FESTIVAL) {
  const t = Date.parse(`${d}T00:00:00Z`);
  for (let k = 1; k <= 10; k++) { const p = new Date(t - k * 86_400_000).toISOString().slice(0, 10); if (!FESTIVAL.has(p)) PRE_FESTIVAL.add(p); }
}

/**
 * Monthly counts of the accidents that occurred before `before` ('YYYY-MM-DD'). A first or last month
 * that the data cover only in part (the export started or ended inside it) is left out of the span:
 * a short month would read as a fall in accidents.
 */
export async function loadHistory(store: Store, before: string): Promise<History> {
  const rows = await store.all<{ unit: string; month: string; n: number }>(
    `SELECT trim(unit_code) AS unit, strftime(occurred_at, '%Y-%m') AS month, count(*)::BIGINT AS n
     FROM accidents
     WHERE occurred_at < $before::TIMESTAMP AND NULLIF(trim(unit_code), '') IS NOT NULL
     GROUP BY ALL ORDER BY ALL`,
    { before },
  );
  const [span] = await store.all<{ lo: string | null; hi: string | null }>(
    `SELECT min(occurred_at)::DATE::VARCHAR AS lo, max(occurred_at)::DATE::VARCHAR AS hi
     FROM accidents WHERE occurred_at < $before::TIMESTAMP`,
    { before },
  );
  const counts = new Map<string, Map<number, number>>();
  const firstOf = new Map<string, number>();
  for (const r of rows) {
    const i = monthIndex(r.month);
    let m = counts.get(r.unit);
    if (!m) { m = new Map(); counts.set(r.unit, m); firstOf.set(r.unit, i); }
    m.set(i, Number(r.n));
  }
  let first = 0, last = -1;
  if (span?.lo && span.hi) {
    const lo = span.lo.slice(0, 7), hi = span.hi.slice(0, 7);
    first = monthIndex(lo) + (Number(span.lo.slice(8)) > 3 ? 1 : 0);
    // The last month counts as complete when the data reach its last three days (a quiet unit may
    // have no accident on the very last day).
    last = monthIndex(hi) - (Number(span.hi.slice(8)) >= daysIn(hi) - 2 ? 0 : 1);
  }
  return { units: [...counts.keys()].sort(), counts, firstOf, first, last };
}

/** Days, working days and holidays (days off that are not ordinary weekends, or official holidays) per month. */
export async function monthCalendars(store: Store, from: number, to: number): Promise<Map<number, MonthCalendar>> {
  const out = new Map<number, MonthCalendar>();
  if (to < from) return out;
  const special = packageSpecialDays();
  const rows = await store.all<{ day: string; is_workday: boolean }>(
    `WITH calendar AS (${calendarSql(firstDay(monthOf(from)), lastDay(monthOf(to)))}) SELECT day::VARCHAR AS day, is_workday FROM calendar ORDER BY day`,
  );
  for (const r of rows) {
    const i = monthIndex(r.day.slice(0, 7));
    const c = out.get(i) ?? { days: 0, workdays: 0, holidays: 0, festival: 0, preFestival: 0 };
    c.days++;
    if (FESTIVAL.has(r.day)) c.festival++;
    else if (PRE_FESTIVAL.has(r.day)) c.preFestival++;
    if (r.is_workday) c.workdays++;
    else {
      const dow = new Date(`${r.day}T00:00:00Z`).getUTCDay();
      if (special.get(r.day) === false || (dow >= 1 && dow <= 5)) c.holidays++;
    }
    out.set(i, c);
  }
  return out;
}
