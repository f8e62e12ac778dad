import type { Store } from '../store/db.ts';
import { DEFAULT_SETTINGS, type Settings } from './settings.ts';
import type { RuleContext } from './types.ts';

/** The day after a 'YYYY-MM-DD' date, as 'YYYY-MM-DD'. */
export function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export function makeContext(
  store: Store,
  period: { from: string; to: string; asOf: string },
  settings: Settings = DEFAULT_SETTINGS,
): RuleContext {
  const toExcl = nextDay(period.to);
  return {
    store, settings, from: period.from, to: period.to, toExcl, asOf: period.asOf,
    params: { from: period.from, to_excl: toExcl, as_of: period.asOf },
  };
}
