// The period of the risk pages, kept in the URL (from, to, as_of) so the list and an officer's page agree.
import type { LocationQuery } from 'vue-router';
import { dataPeriod, type Period } from '../../data-period.ts';

export type RiskPeriod = Period;

/** What the URL does not say comes from the data: the six whole months ending at its last month (data-period.ts). */
export function periodFrom(q: LocationQuery, through: string | null): RiskPeriod {
  const d = dataPeriod(through);
  const s = (k: keyof RiskPeriod) => (typeof q[k] === 'string' && q[k] ? (q[k] as string) : d[k]);
  return { from: s('from'), to: s('to'), as_of: s('as_of') };
}

export const CATEGORY_COLUMNS = [
  'favor-voiding', 'liability-change', 'case-shelving', 'irregular-business', 'bodycam-missing', 'bodycam-deletion',
  'bodycam-late-upload', 'duplicate-penalty', 'code-mismatch',
] as const;
