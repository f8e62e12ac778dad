// The period of the risk pages, kept in the URL (from, to, as_of) so the list and an officer's page agree.
import type { LocationQuery } from 'vue-router';
import { addDays, addMonths, firstDay, today } from '../../../../time/index.ts';

export interface RiskPeriod { from: string; to: string; as_of: string }

/** Default: the last six whole months, judged today (Beijing time). */
export function periodFrom(q: LocationQuery): RiskPeriod {
  const now = today();
  const month = now.slice(0, 7);
  const s = (k: string, d: string) => (typeof q[k] === 'string' && q[k] ? (q[k] as string) : d);
  return { from: s('from', firstDay(addMonths(month, -6))), to: s('to', addDays(firstDay(month), -1)), as_of: s('as_of', now) };
}

export const CATEGORY_COLUMNS = [
  'favor-voiding', 'liability-change', 'case-shelving', 'irregular-business', 'bodycam-missing', 'bodycam-deletion',
  'bodycam-late-upload', 'duplicate-penalty', 'code-mismatch',
] as const;
