// 规则成效: how each rule's warnings fare when the units verify them — per category and per unit over a period,
// items dispatched, verified, 属实 and 不属实 (with the 不属实 share), returned on review, overdue, recurred, and
// the median days from dispatch to closing. Computed from the audit log alone (items give only each key's
// category and unit), so the figures can be rebuilt from the log; a test does exactly that.
//
// What falls in the period is the day of each audit entry (Beijing time, as the log records it): a dispatch,
// a verification, a return, a recurrence, a closing. A dispatch is overdue when its deadline passed before
// the item next reached review (or, not yet there, before `today`).
import type { Store } from '../store/db.ts';
import { scopeOf, unitCondition, type User } from '../supervise/access.ts';
import { addDays } from '../time/index.ts';
import { failure, FailureError, type Failure } from '../contract/failure.ts';

export interface EffectivenessSettings {
  /** Days back from today over which a category's 不属实 share is judged. */
  readonly windowDays: number;
  /** At least this many verifications in the window before a share means anything. */
  readonly minVerified: number;
  /** A share of 不属实 above this marks the category: the rule or its figures need a look. */
  readonly falseShare: number;
}

export const DEFAULT_EFFECTIVENESS: EffectivenessSettings = { windowDays: 90, minVerified: 10, falseShare: 0.3 };

/** What each figure may be (checked when an administrator changes them, and when they are read back). */
const EFFECTIVENESS_CHECKS: { readonly [K in keyof EffectivenessSettings]: { min: number; max: number; int: boolean; zh: string } } = {
  windowDays: { min: 7, max: 3650, int: true, zh: '统计天数' },
  minVerified: { min: 1, max: 100000, int: true, zh: '最少核查件数' },
  falseShare: { min: 0.01, max: 1, int: false, zh: '不属实占比上限' },
};

const SETTING_NAME = 'ruleEffectiveness';

/** Check figures given over the defaults: the settings, or a reason naming the key. Unknown keys are refused. */
export function checkEffectiveness(v: unknown): { ok: true; value: EffectivenessSettings } | Failure {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return failure('invalid', '规则成效设置应为 {"windowDays":N,"minVerified":N,"falseShare":0–1}');
  const o = v as Record<string, unknown>;
  const unknown = Object.keys(o).filter((k) => !Object.hasOwn(EFFECTIVENESS_CHECKS, k));
  if (unknown.length) return failure('invalid', `不认识的设置项：${unknown.join('、')}`);
  const out: Record<string, number> = { ...DEFAULT_EFFECTIVENESS };
  for (const [k, c] of Object.entries(EFFECTIVENESS_CHECKS)) {
    if (!Object.hasOwn(o, k)) continue;
    const n = o[k];
    if (typeof n !== 'number' || !Number.isFinite(n) || (c.int && !Number.isInteger(n)) || n < c.min || n > c.max) {
      return failure('invalid', `${c.zh}（${k}）应为 ${c.min}–${c.max} 的${c.int ? '整数' : '数'}`);
    }
    out[k] = n;
  }
  return { ok: true, value: out as unknown as EffectivenessSettings };
}

/** Where stored figures cannot be used: reported, never replaced by the defaults. */
export class StoredEffectivenessError extends FailureError {
  constructor(message: string) {
    super(failure('conflict', message));
  }
}

/** The figures in force: the administrator's (supervise_settings), else the defaults. Reads only. */
export async function effectivenessSettings(store: Pick<Store, 'all'>): Promise<EffectivenessSettings> {
  const [row] = await store.all<{ value: string }>('SELECT value FROM supervise_settings WHERE name = $1', [SETTING_NAME]);
  if (!row) return DEFAULT_EFFECTIVENESS;
  let parsed: unknown;
  try { parsed = JSON.parse(row.value); } catch { parsed = null; }
  const c = checkEffectiveness(parsed);
  if (!c.ok) throw new StoredEffectivenessError(`保存的规则成效设置无效：${c.error}`);
  return c.value;
}

/** Store new figures (the caller holds the transaction and records who changed them). */
export async function setEffectivenessSettings(store: Store, v: unknown): Promise<{ ok: true; value: EffectivenessSettings } | Failure> {
  const c = checkEffectiveness(v);
  if (!c.ok) return c;
  await store.run('DELETE FROM supervise_settings WHERE name = $1', [SETTING_NAME]);
  await store.run('INSERT INTO supervise_settings VALUES ($1, $2)', [SETTING_NAME, JSON.stringify(c.value)]);
  return c;
}

export interface EffectivenessRow {
  category: string;
  /** null on a category's total row. */
  unit: string | null;
  dispatched: number;
  verified: number;
  true_findings: number;
  false_findings: number;
  /** 不属实 ÷ verified, null when nothing was verified. */
  false_share: number | null;
  returned: number;
  overdue: number;
  recurred: number;
  closed: number;
  /** Median calendar days from the dispatch to the closing, over the closings in the period. */
  median_days_to_close: number | null;
}

export interface EffectivenessReport {
  from: string;
  to: string;
  rows: EffectivenessRow[];
  /** Categories whose 不属实 share over the window passes the setting. */
  flagged: { category: string; verified: number; false_findings: number; false_share: number; window_from: string; window_to: string }[];
  settings: EffectivenessSettings;
}

/** One row per audit event that counts, with its item's category and unit, and for a dispatch whether it went overdue. */
const EVENTS_SQL = (scope: string) => `
  WITH a AS (
    SELECT a.seq, substr(a.logged_at, 1, 10)::DATE AS day, a.item_key, a.action, a.from_status, a.to_status,
      json_extract_string(a.fields, '$.finding') AS finding, json_extract_string(a.fields, '$.deadline') AS deadline
    FROM audit a WHERE a.item_key IS NOT NULL
      -- Only the entries a figure reads: the log's other entries (an item made, refreshed, resolved in the data by a
      -- sync, one per item) are most of it at a city-year and would each be joined and looked around for nothing.
      AND (a.action IN ('dispatch', 'verify', 'return', 'recur', 'approve') OR a.to_status = 'review')
  ), e AS (
    SELECT a.*, i.category, i.unit,
      -- The day the item next reached review after this entry.
      (SELECT min(b.day) FROM a b WHERE b.item_key = a.item_key AND b.seq > a.seq AND b.to_status = 'review') AS next_review,
      -- For a closing: the latest dispatch before it.
      (SELECT max(b.day) FROM a b WHERE b.item_key = a.item_key AND b.seq < a.seq AND b.action = 'dispatch') AS dispatched_day
    FROM a JOIN items i ON i.item_key = a.item_key
    WHERE i.source = 'run' AND ${scope}
  )
  SELECT category, unit, day, action, finding,
    action = 'dispatch' AND deadline IS NOT NULL AND deadline <> '' AND deadline::DATE < coalesce(next_review, $today::DATE) AS overdue,
    CASE WHEN action = 'approve' THEN datediff('day', dispatched_day, day) END AS days_to_close
  FROM e`;

const FIGURES = `
  count(*) FILTER (WHERE action = 'dispatch')::INT AS dispatched,
  count(*) FILTER (WHERE action = 'verify')::INT AS verified,
  count(*) FILTER (WHERE action = 'verify' AND finding = '属实')::INT AS true_findings,
  count(*) FILTER (WHERE action = 'verify' AND finding = '不属实')::INT AS false_findings,
  count(*) FILTER (WHERE action = 'return')::INT AS returned,
  count(*) FILTER (WHERE overdue)::INT AS overdue,
  count(*) FILTER (WHERE action = 'recur')::INT AS recurred,
  count(*) FILTER (WHERE action = 'approve')::INT AS closed,
  median(days_to_close) FILTER (WHERE action = 'approve') AS median_days_to_close`;


/** The figures for [from, to] (days, inclusive) as `user` may see them, with the categories to look at as of `today`. */
export async function ruleEffectiveness(
  store: Pick<Store, 'all'>, user: User, period: { from: string; to: string; today: string },
  settings: EffectivenessSettings = DEFAULT_EFFECTIVENESS,
): Promise<EffectivenessReport> {
  const scope = unitCondition(scopeOf(user), 'i.unit');
  const params = { ...scope.params, today: period.today };
  const rows = await store.all<EffectivenessRow>(`
    SELECT category, unit, ${FIGURES}
    FROM (${EVENTS_SQL(scope.sql)}) WHERE day BETWEEN $from::DATE AND $to::DATE
    GROUP BY GROUPING SETS ((category, unit), (category))
    ORDER BY category, unit NULLS FIRST`, { ...params, from: period.from, to: period.to });
  const windowFrom = addDays(period.today, -(settings.windowDays - 1));
  const window = await store.all<{ category: string; verified: number; false_findings: number }>(`
    SELECT category, count(*) FILTER (WHERE action = 'verify')::INT AS verified,
      count(*) FILTER (WHERE action = 'verify' AND finding = '不属实')::INT AS false_findings
    FROM (${EVENTS_SQL(scope.sql)}) WHERE day BETWEEN $wfrom::DATE AND $today::DATE
    GROUP BY category ORDER BY category`, { ...params, wfrom: windowFrom });
  return {
    from: period.from,
    to: period.to,
    settings,
    rows: rows.map((r) => ({ ...r, false_share: r.verified ? r.false_findings / r.verified : null, median_days_to_close: r.median_days_to_close === null ? null : Number(r.median_days_to_close) })),
    flagged: window
      .filter((w) => w.verified >= settings.minVerified && w.false_findings / w.verified > settings.falseShare)
      .map((w) => ({ ...w, false_share: w.false_findings / w.verified, window_from: windowFrom, window_to: period.today })),
  };
}
