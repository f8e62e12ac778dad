// The console's default dates and periods, taken from 数据截至 (the latest day the records cover) rather than the
// calendar: exports lag, so "yesterday" or "last month" is often a day or a month with no records at all.
// Pure functions of that day (tested beside); the pages ask dataThrough() once and fall back to today without it.
import { addDays, addMonths, firstDay, lastDay, today } from '../../time/index.ts';
import { defaultRiskPeriod, lastWholeMonth } from '../../report/risk-period.ts';

export { lastWholeMonth };

export interface Period { from: string; to: string; as_of: string }

/** The six whole months ending at the data's last whole month, judged the day after 数据截至. */
export function dataPeriod(through: string | null): Period {
  // The server keeps this period's profile ready (report/risk-store.ts): the same function decides it.
  const { from, to, asOf } = defaultRiskPeriod(through, today());
  return { from, to, as_of: asOf };
}

/** The six months ending with the month that holds day (a link from one day keeps that day inside the period),
 *  judged the day after the month or after 数据截至, whichever is earlier. */
export function periodContaining(day: string, through: string | null): Period {
  const month = day.slice(0, 7);
  const to = lastDay(month);
  const end = addDays(to, 1);
  const asOf = through && addDays(through, 1) < end ? addDays(through, 1) : end;
  return { from: firstDay(addMonths(month, -5)), to, as_of: asOf < day ? addDays(day, 1) : asOf };
}

/** The day a daily page opens on: 数据截至, or yesterday when the database holds no records. */
export const dataDay = (through: string | null): string => through ?? addDays(today(), -1);

/** The month a monthly page opens on: the data's last whole month, or last calendar month without data. */
export const dataMonth = (through: string | null): string => lastWholeMonth(through ?? addDays(today(), -1));
