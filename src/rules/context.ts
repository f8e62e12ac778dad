import { daySpan } from '../time/index.ts';
import type { Store } from '../store/db.ts';
import { DEFAULT_SETTINGS, type Settings } from './settings.ts';
import { queryFindings } from './sql.ts';
import type { RuleContext } from './types.ts';

export function makeContext(
  store: Store,
  period: { from: string; to: string; asOf: string },
  settings: Settings = DEFAULT_SETTINGS,
): RuleContext {
  // The SQL's half-open period (time/day.ts): `to_excl` is the day after the inclusive last day.
  const toExcl = daySpan(period.from, period.to).toExclusive;
  const params = { from: period.from, to_excl: toExcl, as_of: period.asOf };
  return {
    store, settings, from: period.from, to: period.to, toExcl, asOf: period.asOf, params,
    findings: (sql) => queryFindings(store, sql, params),
  };
}
