// Calendar months as 'YYYY-MM', bounded like days (day.ts), and as an index (year × 12 + month − 1)
// for arithmetic. Pure: the console imports it too.
import { FIRST_DAY, LAST_DAY, type DaySpan } from './day.ts';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const FIRST_MONTH = FIRST_DAY.slice(0, 7);
export const LAST_MONTH = LAST_DAY.slice(0, 7);

/** 'YYYY-MM' (surrounding spaces allowed) → the month, or null when it is no month between FIRST_MONTH and LAST_MONTH. */
export function parseMonth(text: string): string | null {
  if (text.length > 20) return null;
  const s = text.trim();
  return MONTH.test(s) && s >= FIRST_MONTH && s <= LAST_MONTH ? s : null;
}

/** Exactly a month 'YYYY-MM' in range (no spaces). */
export const isMonth = (s: string): boolean => parseMonth(s) === s;

export function monthIndex(month: string): number {
  const m = MONTH.exec(month);
  if (!m) throw new Error(`month must be YYYY-MM: ${month}`);
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

export function monthOf(index: number): string {
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** First day 'YYYY-MM-01'. */
export const firstDay = (month: string): string => `${month}-01`;

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

export function daysIn(month: string): number {
  const i = monthIndex(month);
  return i % 12 === 1 && isLeap(Math.floor(i / 12)) ? 29 : DAYS[i % 12];
}

/** Last day 'YYYY-MM-DD'. */
export const lastDay = (month: string): string => `${month}-${String(daysIn(month)).padStart(2, '0')}`;

/** The month `n` months after `month` (n may be negative). */
export const addMonths = (month: string, n: number): string => monthOf(monthIndex(month) + n);

/** The month's days for SQL: its first day inclusive, the next month's first day exclusive. */
export const monthSpan = (month: string): DaySpan => ({ from: firstDay(month), toExclusive: firstDay(addMonths(month, 1)) });

/** '2021年6月'. */
export function monthLabel(month: string): string {
  const i = monthIndex(month);
  return `${Math.floor(i / 12)}年${(i % 12) + 1}月`;
}
