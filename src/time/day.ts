// Days as 'YYYY-MM-DD' and periods of days. One parser for every day a user or a file names: a
// calendar date between FIRST_DAY and LAST_DAY. Beyond them the rules' date arithmetic (a day after a
// period, deadlines in working days) leaves what DuckDB's dates hold, and no export of these systems
// is dated there. Pure: the console imports it too.
//
// The period convention. A user names a period by its first and last day, both inclusive (--from,
// --to, ?from=&to=). In SQL a period is half-open, `from` inclusive and `toExclusive` exclusive
// (`x >= from AND x < toExclusive`), which holds for timestamps within the last day as well:
// `daySpan` turns the one into the other, and the name `toExclusive` says which is meant.

export const FIRST_DAY = '1990-01-01';
export const LAST_DAY = '2099-12-31';

export type DayCheck = { ok: true; day: string } | { ok: false; why: 'not-a-date' } | { ok: false; why: 'out-of-range'; day: string };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 'YYYY-MM-DD' (also YYYY/MM/DD, YYYYMMDD, surrounding spaces) → the canonical day, or why not. */
export function checkDay(text: string): DayCheck {
  if (text.length > 20) return { ok: false, why: 'not-a-date' };
  const s = text.trim().replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3').replace(/\//g, '-');
  const m = DATE.exec(s);
  if (!m) return { ok: false, why: 'not-a-date' };
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  d.setUTCFullYear(+m[1]);
  if (!(d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3])) return { ok: false, why: 'not-a-date' };
  return s < FIRST_DAY || s > LAST_DAY ? { ok: false, why: 'out-of-range', day: s } : { ok: true, day: s };
}

/** The canonical day, or null when `text` is no calendar date between FIRST_DAY and LAST_DAY. */
export function parseDay(text: string): string | null {
  const c = checkDay(text);
  return c.ok ? c.day : null;
}

/** The day `n` days after `day` (n may be negative). `day` must be canonical. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** A period of days for SQL: `from` inclusive, `toExclusive` exclusive. */
export interface DaySpan { readonly from: string; readonly toExclusive: string }

/** The span of the days `from` to `to`, both inclusive. */
export const daySpan = (from: string, to: string): DaySpan => ({ from, toExclusive: addDays(to, 1) });
