// The period the 风险画像 opens on: the six whole months ending at the data's last whole month, judged the day
// after 数据截至 (the latest day the records cover). The console computes it to open the page, the server to
// have that period's profile ready before anyone asks (risk-store.ts): one function, so both agree on the day.
import { addDays, addMonths, firstDay, lastDay } from '../time/index.ts';

/** The last month the data cover whole: the month before the day after 数据截至. */
export const lastWholeMonth = (through: string): string => addMonths(addDays(through, 1).slice(0, 7), -1);

/** The default risk period over data through `through` (or, without data, as of `today`). */
export function defaultRiskPeriod(through: string | null, today: string): { from: string; to: string; asOf: string } {
  const asOf = through ? addDays(through, 1) : today;
  const last = lastWholeMonth(addDays(asOf, -1));
  return { from: firstDay(addMonths(last, -5)), to: lastDay(last), asOf };
}
