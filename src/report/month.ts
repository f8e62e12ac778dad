// Calendar months as 'YYYY-MM' and as an index (year × 12 + month − 1) for arithmetic.

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export const isMonth = (s: string): boolean => MONTH.test(s);

export function monthIndex(month: string): number {
  const m = MONTH.exec(month);
  if (!m) throw new Error(`month must be YYYY-MM: ${month}`);
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

export function monthOf(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** First day 'YYYY-MM-01'. */
export const firstDay = (month: string): string => `${month}-01`;

/** Last day 'YYYY-MM-DD'. */
export function lastDay(month: string): string {
  const i = monthIndex(month);
  const d = new Date(Date.UTC(Math.floor(i / 12), (i % 12) + 1, 0));
  return d.toISOString().slice(0, 10);
}

export const daysIn = (month: string): number => Number(lastDay(month).slice(8));

/** The month `n` months after `month` (n may be negative). */
export const addMonths = (month: string, n: number): string => monthOf(monthIndex(month) + n);

/** '2021年6月'. */
export function monthLabel(month: string): string {
  const i = monthIndex(month);
  return `${Math.floor(i / 12)}年${(i % 12) + 1}月`;
}
