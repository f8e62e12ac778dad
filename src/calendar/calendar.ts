// Working days (RULES.md 0.3): weekends and public holidays do not count, the official make-up
// working days (调休上班日) do. The State Council schedule comes as data from the maintained package
// `chinese-days` (its dist/chinese-days.json: `holidays` = days off, `workdays` = make-up working
// days). An administrator extends or corrects it with rows in the DB table
// calendar_overrides(day, is_workday, note), which win over the package (e.g. next year's schedule
// before the package is updated, or a local adjustment).
//
// The calendar is exposed to SQL as a relation
//     calendar(day DATE, is_workday BOOLEAN, workday_no BIGINT)
// where workday_no counts the working days up to and including `day`. "N working days after t" is
// the day with is_workday AND workday_no = workday_no(date(t)) + N (the date of t is day 0, whether
// or not it is itself a working day).
import { createRequire } from 'node:module';
import type { Store } from '../store/db.ts';
import { addDays } from '../time/index.ts';

interface PackageData { holidays: Record<string, string>; workdays: Record<string, string> }

const require = createRequire(import.meta.url);
const pkg = require('chinese-days/dist/chinese-days.json') as PackageData;

// The shape of a day written into SQL as a literal (a guard, not a parser: days users give are parsed by time/day.ts).
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The package's special days: date → true (make-up working day) / false (holiday). */
export function packageSpecialDays(): ReadonlyMap<string, boolean> {
  const m = new Map<string, boolean>();
  for (const d of Object.keys(pkg.holidays)) if (DAY.test(d)) m.set(d, false);
  for (const d of Object.keys(pkg.workdays)) if (DAY.test(d)) m.set(d, true);
  return m;
}

/** Years for which the package carries a State Council schedule. */
export function scheduleYears(): number[] {
  const ys = new Set<number>();
  for (const d of packageSpecialDays().keys()) ys.add(Number(d.slice(0, 4)));
  return [...ys].sort((a, b) => a - b);
}

/** Years in [from, to] that neither the package nor the overrides table cover (for a note in the run). */
export async function uncoveredYears(store: Store, from: string, to: string): Promise<number[]> {
  const known = new Set(scheduleYears());
  const rows = await store.all<{ y: number }>('SELECT DISTINCT year(day) AS y FROM calendar_overrides');
  for (const r of rows) known.add(Number(r.y));
  const out: number[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) if (!known.has(y)) out.push(y);
  return out;
}

/** Package-only answer for one date (no overrides): weekday rule plus the State Council schedule. */
export function isWorkdayByPackage(day: string): boolean {
  const special = packageSpecialDays().get(day);
  if (special !== undefined) return special;
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
  return dow >= 1 && dow <= 5;
}

/**
 * A SELECT yielding calendar(day, is_workday, workday_no) for every day in [from, to] (inclusive),
 * usable as a CTE: `WITH calendar AS (${calendarSql(a, b)}) …`. Reads calendar_overrides.
 */
export function calendarSql(from: string, to: string): string {
  if (!DAY.test(from) || !DAY.test(to)) throw new Error(`calendar range must be YYYY-MM-DD: ${from} .. ${to}`);
  const special = [...packageSpecialDays()].filter(([d]) => d >= from && d <= to).sort(([a], [b]) => (a < b ? -1 : 1));
  const pkgRows = special.length
    ? `SELECT * FROM (VALUES ${special.map(([d, w]) => `(DATE '${d}', ${w})`).join(', ')}) AS p(day, is_workday)`
    : 'SELECT NULL::DATE AS day, NULL::BOOLEAN AS is_workday WHERE false';
  return `
    SELECT d.day,
           coalesce(o.is_workday, p.is_workday, isodow(d.day) <= 5) AS is_workday,
           sum(CASE WHEN coalesce(o.is_workday, p.is_workday, isodow(d.day) <= 5) THEN 1 ELSE 0 END)
             OVER (ORDER BY d.day ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)::BIGINT AS workday_no
    FROM (SELECT CAST(r.range AS DATE) AS day FROM range(DATE '${from}', DATE '${to}' + INTERVAL 1 DAY, INTERVAL 1 DAY) r) d
    LEFT JOIN (${pkgRows}) p ON p.day = d.day
    LEFT JOIN calendar_overrides o ON o.day = d.day`;
}

/** Materialise calendarSql(from, to) as a temp table (default name `calendar`), replacing any earlier one. */
export async function materializeCalendar(store: Store, from: string, to: string, table = 'calendar'): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`bad calendar table name ${table}`);
  await store.run(`CREATE OR REPLACE TEMP TABLE ${table} AS ${calendarSql(from, to)} ORDER BY day`);
}

/** Add or replace an administrator's override (a holiday or a make-up working day). */
export async function setOverride(store: Store, day: string, isWorkday: boolean, note: string | null = null): Promise<void> {
  if (!DAY.test(day)) throw new Error(`override day must be YYYY-MM-DD: ${day}`);
  await store.run('DELETE FROM calendar_overrides WHERE day = $1::DATE', [day]);
  await store.run('INSERT INTO calendar_overrides (day, is_workday, note) VALUES ($1::DATE, $2, $3)', [day, isWorkday, note]);
}

/** The N-th working day strictly after `day` (JS helper over the same calendar; for titles and tests). */
export async function addWorkingDays(store: Store, day: string, n: number): Promise<string | null> {
  const to = addDays(day, Math.max(30, n * 3 + 30));
  const rows = await store.all<{ day: string }>(
    `WITH calendar AS (${calendarSql(day, to)})
     SELECT c.day FROM calendar c, calendar c0
     WHERE c0.day = DATE '${day}' AND c.is_workday AND c.workday_no = c0.workday_no + ${Math.trunc(n)}`,
  );
  return rows[0]?.day ?? null;
}
