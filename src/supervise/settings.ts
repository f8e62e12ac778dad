// Supervision settings an administrator may change (kept in supervise_settings, name → JSON value).
// Default deadlines by severity, in working days (RULES.md 0.3), used when a dispatch names none.
import { SEVERITIES, type Severity } from '../contract/vocabulary.ts';
import { SEVERITY_ZH } from '../contract/categories.ts';
import { transaction, type Store } from '../store/db.ts';
import { appendAudit } from './audit.ts';
import { localStamp, systemClock, type Clock } from '../time/index.ts';
import { failure, type Failure } from '../contract/failure.ts';


export interface SuperviseSettings {
  /** Working days the unit has from dispatch to submitting its result. */
  readonly deadlineDays: Readonly<Record<Severity, number>>;
}

export const DEFAULT_SUPERVISE_SETTINGS: SuperviseSettings = { deadlineDays: { high: 5, medium: 10, low: 15 } };

/**
 * A stored setting that no longer passes its checks (a figure edited in the database, or refused by a later
 * release): which field and why, in Chinese. It is reported — on /api/meta, on the settings page, in the
 * server log — never silently replaced; the default serves meanwhile so dispatching keeps working.
 */
export interface StoredSettingProblem {
  readonly field: string;
  readonly reason: string;
}

export interface SuperviseSettingsRead {
  /** The settings in force: the stored ones, or the defaults for a stored value that does not pass. */
  readonly settings: SuperviseSettings;
  readonly problems: readonly StoredSettingProblem[];
}

const DEFAULT_DAYS_ZH = SEVERITIES.map((s) => `${SEVERITY_ZH[s]} ${DEFAULT_SUPERVISE_SETTINGS.deadlineDays[s]}`).join('、');

/** The stored supervision settings with what is wrong with them. Reads only. */
export async function readSuperviseSettings(store: Pick<Store, 'all'>): Promise<SuperviseSettingsRead> {
  const rows = await store.all<{ value: string }>("SELECT value FROM supervise_settings WHERE name = 'deadlineDays'");
  if (!rows.length) return { settings: DEFAULT_SUPERVISE_SETTINGS, problems: [] };
  let stored: unknown;
  try {
    stored = JSON.parse(rows[0].value);
  } catch {
    stored = undefined;
  }
  const checked = stored === undefined ? null : deadlineDaysCheck(stored);
  if (checked?.ok) return { settings: { deadlineDays: checked.value }, problems: [] };
  const field = checked ? checked.field : 'deadlineDays';
  const why = checked ? checked.error : '无法读取（不是有效的 JSON）';
  const reason = `保存的督办期限设置无效：${why}；暂按默认期限（${DEFAULT_DAYS_ZH} 个工作日）办理，请管理员重新设置`;
  return { settings: DEFAULT_SUPERVISE_SETTINGS, problems: [{ field, reason }] };
}

/** The settings in force (see readSuperviseSettings for what is wrong with the stored ones). */
export async function superviseSettings(store: Pick<Store, 'all'>): Promise<SuperviseSettings> {
  return (await readSuperviseSettings(store)).settings;
}

type DaysCheck = { ok: true; value: Record<Severity, number> } | { ok: false; field: string; error: string };

function deadlineDaysCheck(v: unknown): DaysCheck {
  if (typeof v !== 'object' || v === null) return { ok: false, field: 'deadlineDays', error: '期限设置应为 {"high":N,"medium":N,"low":N}' };
  const o = v as Record<string, unknown>;
  const out = {} as Record<Severity, number>;
  for (const s of SEVERITIES) {
    const n = o[s] ?? DEFAULT_SUPERVISE_SETTINGS.deadlineDays[s];
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 120) return { ok: false, field: `deadlineDays.${s}`, error: `${s} 的期限应为 1–120 个工作日` };
    out[s] = n;
  }
  const extra = Object.keys(o).filter((k) => !(SEVERITIES as readonly string[]).includes(k));
  if (extra.length) return { ok: false, field: `deadlineDays.${extra[0]}`, error: `不认识的严重程度：${extra.join('、')}` };
  return { ok: true, value: out };
}

export function checkDeadlineDays(v: unknown): { ok: true; value: Record<Severity, number> } | Failure {
  const c = deadlineDaysCheck(v);
  return c.ok ? c : failure('invalid', c.error);
}

export async function setDeadlineDays(store: Store, v: unknown, actor: string, clock: Clock = systemClock): Promise<{ ok: true } | Failure> {
  const c = checkDeadlineDays(v);
  if (!c.ok) return c;
  await transaction(store, async () => {
    const before = await superviseSettings(store);
    await store.run("DELETE FROM supervise_settings WHERE name = 'deadlineDays'");
    await store.run("INSERT INTO supervise_settings VALUES ('deadlineDays', $1)", [JSON.stringify(c.value)]);
    await appendAudit(store, [{ at: localStamp(clock.now()), username: actor, itemKey: null, action: 'settings', from: null, to: null,
      fields: { deadlineDays: c.value, before: before.deadlineDays } }]);
  });
  return { ok: true };
}
