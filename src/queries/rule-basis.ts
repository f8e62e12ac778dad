// 预警详情 → 规则依据: the regulation and article behind the item's category and the clause in Chinese
// (contract/categories.ts, one declaration per category), what the records show, and the figures in force when
// the run that last found it was made (runs.settings, stored with every run), so a supervisor sees the
// clause and the thresholds behind the warning, not today's settings.
import { CATEGORY_INFO, SETTING_ZH, categoryZh, rulesPart } from '../contract/categories.ts';
import type { Store } from '../store/db.ts';
import type { Category } from '../rules/types.ts';

export interface RuleBasis {
  /**
   * The category's declaration: basis = the regulation and article; required = what it requires;
   * found = what the records show (the item's own finding); rules = the part of the detachment's rules
   * that turns the clause into a check.
   */
  clause: { part: number | null; zh: string; meaning: string; basis: string; required: string; found: string; rules: string | null };
  run: { run_id: number; period_from: string; period_to: string; as_of: string } | null;
  /** The settings version the run used (settings-versions.ts); null for a run made before versions were kept. */
  settings_version: { version: number; created_at: string; created_by: string; reason: string } | null;
  /** Each figure: its settings key, its Chinese name, its value. */
  figures: { name: string; zh: string; value: string }[];
}

export async function ruleBasis(store: Pick<Store, 'all'>, item: { category: string; last_run?: number | null; key: string; title?: string }): Promise<RuleBasis> {
  const info = (CATEGORY_INFO as Record<string, (typeof CATEGORY_INFO)[Category] | undefined>)[item.category];
  const found = item.title ?? '';
  const clause = info
    ? { part: info.part, zh: info.zh, meaning: info.meaning, basis: info.basis, required: info.required, found, rules: rulesPart(info.part) }
    : item.category === 'spot-check'
      ? { part: null, zh: categoryZh(item.category), meaning: '督察抽查的执法记录经检查不合格', basis: '支队执法质量抽查', required: '抽查的执法记录应当符合执法规范，逐项检查合格。', found, rules: null }
      : { part: null, zh: categoryZh(item.category), meaning: '', basis: '', required: '', found, rules: null };
  const [run] = await store.all<{ run_id: number; period_from: string; period_to: string; as_of: string; settings: string | null;
    version: number | null; created_at: string | null; created_by: string | null; reason: string | null }>(
    `SELECT r.run_id, r.period_from, r.period_to, r.as_of, r.settings, v.version, v.created_at, v.created_by, v.reason
     FROM items i JOIN runs r ON r.run_id = i.last_run LEFT JOIN rule_settings v ON v.version = r.settings_version WHERE i.item_key = $key`, { key: item.key });
  if (!run) return { clause, run: null, settings_version: null, figures: [] };
  const { settings, version, created_at, created_by, reason, ...runInfo } = run;
  const settingsVersion = version === null ? null : { version: Number(version), created_at: created_at ?? '', created_by: created_by ?? '', reason: reason ?? '' };
  let group: Record<string, unknown> = {};
  try {
    const all = JSON.parse(settings ?? '{}') as Record<string, Record<string, unknown>>;
    group = (info?.settings && all[info.settings]) || {};
  } catch { /* a run stored without readable settings shows no figures */ }
  const figures = Object.entries(group).map(([name, v]) => ({ name, zh: SETTING_ZH[`${info?.settings}.${name}`] ?? name, value: Array.isArray(v) ? v.join('、') : String(v) }));
  return { clause, run: runInfo, settings_version: settingsVersion, figures };
}
