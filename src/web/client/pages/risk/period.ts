// The period of the risk pages, kept in the URL (from, to, as_of) so the list and an officer's page agree.
import type { LocationQuery } from 'vue-router';

export interface RiskPeriod { from: string; to: string; as_of: string }

const day = (d: Date): string => d.toISOString().slice(0, 10);

/** Default: the last six whole months, judged today (Beijing time). */
export function periodFrom(q: LocationQuery): RiskPeriod {
  const now = new Date(Date.now() + 8 * 3600_000);
  const firstOfMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 6, 1));
  const s = (k: string, d: string) => (typeof q[k] === 'string' && q[k] ? (q[k] as string) : d);
  return { from: s('from', day(from)), to: s('to', day(new Date(firstOfMonth.getTime() - 86400_000))), as_of: s('as_of', day(now)) };
}

export const CATEGORY_COLUMNS = [
  'favor-voiding', 'liability-change', 'case-shelving', 'irregular-business', 'bodycam-missing', 'bodycam-deletion',
  'bodycam-late-upload', 'duplicate-penalty', 'code-mismatch',
] as const;
