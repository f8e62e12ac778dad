// The rule settings as numbered versions (who, when, why). The version "in force" is the latest one
// adopted — by an administrator in the console or with `yanpan settings adopt` — and every run records
// the version it used, so a warning can always be traced to the figures behind it. A run made with other
// figures (`analyze --settings FILE`) stores them as a version too, but a trial does not change what is
// in force. Versions are never edited or deleted; the table is the history.
import type { Store } from '../store/db.ts';
import { transaction } from '../store/db.ts';
import { DEFAULT_SETTINGS, mergeSettings, type Settings } from '../rules/settings.ts';
import { failure, FailureError, type Failure } from '../contract/failure.ts';

export interface SettingsVersion {
  readonly version: number;
  readonly created_at: string;
  readonly created_by: string;
  readonly reason: string;
  readonly adopted: boolean;
}

export interface SettingsInForce {
  /** null while no version is stored yet: the RULES.md defaults are in force. */
  readonly version: number | null;
  readonly settings: Settings;
}

/** Where stored settings cannot be used (a later release refuses a figure): reported, never replaced by the default. */
export class StoredSettingsError extends FailureError {
  constructor(message: string) {
    super(failure('conflict', message));
  }
}

/** The canonical text of a settings object: the defaults' key order, so equal settings give equal text. */
export const settingsJson = (s: Settings): string => {
  const merged = mergeSettings(s);
  if (!merged.ok) throw new StoredSettingsError(merged.error);
  return JSON.stringify(merged.settings);
};

function load(version: number, json: string): Settings {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new StoredSettingsError(`规则设置第 ${version} 版无法读取（不是有效的 JSON）`);
  }
  const merged = mergeSettings(parsed);
  if (!merged.ok) throw new StoredSettingsError(`规则设置第 ${version} 版无效：${merged.error}`);
  return merged.settings;
}

/** The settings in force. Reads only. */
export async function settingsInForce(store: Pick<Store, 'all'>): Promise<SettingsInForce> {
  const [row] = await store.all<{ version: number; settings: string }>(
    'SELECT version, settings FROM rule_settings WHERE adopted ORDER BY version DESC LIMIT 1');
  return row ? { version: Number(row.version), settings: load(Number(row.version), row.settings) } : { version: null, settings: DEFAULT_SETTINGS };
}

/** One version's settings, or null when there is no such version. */
export async function settingsOfVersion(store: Pick<Store, 'all'>, version: number): Promise<Settings | null> {
  const [row] = await store.all<{ settings: string }>('SELECT settings FROM rule_settings WHERE version = $1', [version]);
  return row ? load(version, row.settings) : null;
}

/** Every version, newest first. */
export async function listSettingsVersions(store: Pick<Store, 'all'>): Promise<(SettingsVersion & { in_force: boolean; runs: number })[]> {
  const rows = await store.all<SettingsVersion & { runs: number }>(`
    SELECT v.version, v.created_at, v.created_by, v.reason, v.adopted,
      (SELECT count(*) FROM runs r WHERE r.settings_version = v.version) AS runs
    FROM rule_settings v ORDER BY v.version DESC`);
  const inForce = rows.find((r) => r.adopted)?.version;
  return rows.map((r) => ({ ...r, version: Number(r.version), runs: Number(r.runs), in_force: r.version === inForce }));
}

interface NewVersion { readonly by: string; readonly reason: string; readonly at: string }

async function insertVersion(store: Store, json: string, adopted: boolean, v: NewVersion): Promise<number> {
  const [{ id }] = await store.all<{ id: number }>('SELECT coalesce(max(version), 0) + 1 AS id FROM rule_settings');
  await store.run('INSERT INTO rule_settings VALUES ($1, $2, $3, $4, $5, $6)', [Number(id), v.at, v.by, v.reason, adopted, json]);
  return Number(id);
}

/**
 * The version a run with these settings records: the stored version with the same figures (the one in force
 * first), else a new one. The first run of a database stores the defaults as version 1, in force; other
 * figures make a trial version that is not in force. Must run inside the caller's transaction.
 */
export async function versionForRun(store: Store, settings: Settings, v: NewVersion): Promise<number> {
  const json = settingsJson(settings);
  const [same] = await store.all<{ version: number }>(
    'SELECT version FROM rule_settings WHERE settings = $1 ORDER BY adopted DESC, version DESC LIMIT 1', [json]);
  if (same) return Number(same.version);
  const [{ n }] = await store.all<{ n: number }>('SELECT count(*) AS n FROM rule_settings WHERE adopted');
  const first = Number(n) === 0 && json === JSON.stringify(DEFAULT_SETTINGS);
  return insertVersion(store, json, first, first ? { ...v, reason: 'RULES.md 默认值' } : v);
}

export type AdoptResult = { ok: true; version: number; unchanged: boolean } | Failure;

/**
 * Put new figures in force: `overrides` is a partial settings object over the RULES.md defaults (the shape of
 * `analyze --settings`), checked as that is. Figures equal to those in force change nothing.
 */
export async function adoptSettings(store: Store, overrides: unknown, v: NewVersion): Promise<AdoptResult> {
  if (!v.reason.trim()) return failure('invalid', '请填写修改原因');
  const merged = mergeSettings(overrides);
  if (!merged.ok) return merged;
  const json = settingsJson(merged.settings);
  return transaction(store, async (): Promise<AdoptResult> => {
    const current = await settingsInForce(store);
    if (current.version !== null && settingsJson(current.settings) === json) return { ok: true, version: current.version, unchanged: true };
    return { ok: true, version: await insertVersion(store, json, true, { ...v, reason: v.reason.trim() }), unchanged: false };
  });
}
