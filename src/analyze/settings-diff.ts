// Try figures before adopting them: what a run of a period would change — warnings added and removed per
// category, and those whose severity moves — if the candidate settings were in force instead of the current
// ones. Only the rules that read a changed group run (rules/settings-use.ts); the others cannot change.
// Nothing is stored: the caller decides whether to adopt.
import type { Store } from '../store/db.ts';
import { RULES } from '../rules/index.ts';
import type { Settings } from '../rules/settings.ts';
import { categoriesReading, changedGroups } from '../rules/settings-use.ts';
import type { Category } from '../rules/types.ts';
import { warningKey, type Warning } from './merge.ts';
import type { Period } from './period.ts';
import { analyze } from './run.ts';

export interface DiffWarning {
  readonly key: string;
  readonly category: Category;
  readonly unit: string;
  readonly severity: string;
  readonly title: string;
}

export interface SettingsDiff {
  readonly period: Period;
  /** The settings groups whose figures differ. */
  readonly groups: readonly string[];
  /** Per category that may change: counts under the current and the candidate settings, and the changes. */
  readonly categories: readonly { category: Category; before: number; after: number; added: number; removed: number; severity_changed: number }[];
  readonly added: readonly DiffWarning[];
  readonly removed: readonly DiffWarning[];
  readonly severity_changed: readonly (DiffWarning & { readonly before: string })[];
}

const brief = (w: Warning): DiffWarning => ({ key: warningKey(w), category: w.category, unit: w.unit, severity: w.severity, title: w.title });

/** The warnings of `current` and `candidate` over `period`, compared by warning key. */
export async function diffSettings(store: Store, period: Period, current: Settings, candidate: Settings): Promise<SettingsDiff> {
  const groups = changedGroups(current, candidate);
  const categories = categoriesReading(groups);
  const rules = RULES.filter((r) => categories.includes(r.category));
  const before = rules.length ? (await analyze(store, period, current, rules)).warnings : [];
  const after = rules.length ? (await analyze(store, period, candidate, rules)).warnings : [];
  const was = new Map(before.map((w) => [warningKey(w), w]));
  const now = new Map(after.map((w) => [warningKey(w), w]));
  const added = after.filter((w) => !was.has(warningKey(w))).map(brief);
  const removed = before.filter((w) => !now.has(warningKey(w))).map(brief);
  const severityChanged = after.flatMap((w) => {
    const old = was.get(warningKey(w));
    return old && old.severity !== w.severity ? [{ ...brief(w), before: old.severity }] : [];
  });
  const count = (list: readonly { category: Category }[], c: Category): number => list.filter((w) => w.category === c).length;
  return {
    period,
    groups,
    categories: categories.map((c) => ({
      category: c, before: count(before, c), after: count(after, c),
      added: count(added, c), removed: count(removed, c), severity_changed: count(severityChanged, c),
    })),
    added, removed, severity_changed: severityChanged,
  };
}

/** The period a trial runs over by default: that of the latest run, else null (the caller names one). */
export async function latestRunPeriod(store: Pick<Store, 'all'>): Promise<Period | null> {
  const [r] = await store.all<{ from: string; to: string; as_of: string }>(
    'SELECT period_from::VARCHAR AS "from", period_to::VARCHAR AS "to", as_of::VARCHAR AS as_of FROM runs ORDER BY run_id DESC LIMIT 1');
  return r ? { from: r.from, to: r.to, asOf: r.as_of } : null;
}
