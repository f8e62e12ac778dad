// 预警详情 → 规则依据: the RULES.md part that defines the item's category and the figures in force when
// the run that last found it was made (runs.settings, stored with every run), so a supervisor sees the
// clause and the thresholds behind the warning, not today's settings.
import { CATEGORY_INFO, SETTING_ZH } from '../contract/categories.ts';
import type { Store } from '../store/db.ts';
import type { Category } from '../rules/types.ts';

export interface RuleBasis {
  clause: { part: number | null; zh: string; meaning: string };
  run: { run_id: number; period_from: string; period_to: string; as_of: string } | null;
  /** Each figure: its settings key, its Chinese name, its value. */
  figures: { name: string; zh: string; value: string }[];
}

export async function ruleBasis(store: Pick<Store, 'all'>, item: { category: string; last_run?: number | null; key: string }): Promise<RuleBasis> {
  const info = (CATEGORY_INFO as Record<string, (typeof CATEGORY_INFO)[Category] | undefined>)[item.category];
  const clause = info ? { part: info.part, zh: info.zh, meaning: info.meaning } : { part: null, zh: item.category, meaning: '' };
  const [run] = await store.all<{ run_id: number; period_from: string; period_to: string; as_of: string; settings: string | null }>(
    `SELECT r.run_id, r.period_from, r.period_to, r.as_of, r.settings FROM items i JOIN runs r ON r.run_id = i.last_run WHERE i.item_key = $key`, { key: item.key });
  if (!run) return { clause, run: null, figures: [] };
  const { settings, ...runInfo } = run;
  let group: Record<string, unknown> = {};
  try {
    const all = JSON.parse(settings ?? '{}') as Record<string, Record<string, unknown>>;
    group = (info?.settings && all[info.settings]) || {};
  } catch { /* a run stored without readable settings shows no figures */ }
  const figures = Object.entries(group).map(([name, v]) => ({ name, zh: SETTING_ZH[`${info?.settings}.${name}`] ?? name, value: Array.isArray(v) ? v.join('、') : String(v) }));
  return { clause, run: runInfo, figures };
}
