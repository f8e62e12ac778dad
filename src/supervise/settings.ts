// Supervision settings an administrator may change (kept in supervise_settings, name → JSON value).
// Default deadlines by severity, in working days (RULES.md 0.3), used when a dispatch names none.
import { SEVERITIES, type Severity } from '../contract/vocabulary.ts';
import { transaction, type Store } from '../store/db.ts';
import { appendAudit } from './audit.ts';
import { localStamp, systemClock, type Clock } from '../time/index.ts';
import { failure, type Failure } from '../contract/failure.ts';


export interface SuperviseSettings {
  /** Working days the unit has from dispatch to submitting its result. */
  readonly deadlineDays: Readonly<Record<Severity, number>>;
}

export const DEFAULT_SUPERVISE_SETTINGS: SuperviseSettings = { deadlineDays: { high: 5, medium: 10, low: 15 } };

export async function superviseSettings(store: Store): Promise<SuperviseSettings> {
  const rows = await store.all<{ value: string }>("SELECT value FROM supervise_settings WHERE name = 'deadlineDays'");
  if (!rows.length) return DEFAULT_SUPERVISE_SETTINGS;
  const parsed = checkDeadlineDays(JSON.parse(rows[0].value) as unknown);
  return parsed.ok ? { deadlineDays: parsed.value } : DEFAULT_SUPERVISE_SETTINGS;
}

export function checkDeadlineDays(v: unknown): { ok: true; value: Record<Severity, number> } | Failure {
  if (typeof v !== 'object' || v === null) return failure('invalid', '期限设置应为 {"high":N,"medium":N,"low":N}');
  const o = v as Record<string, unknown>;
  const out = {} as Record<Severity, number>;
  for (const s of SEVERITIES) {
    const n = o[s] ?? DEFAULT_SUPERVISE_SETTINGS.deadlineDays[s];
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 120) return failure('invalid', `${s} 的期限应为 1–120 个工作日`);
    out[s] = n;
  }
  const extra = Object.keys(o).filter((k) => !(SEVERITIES as readonly string[]).includes(k));
  if (extra.length) return failure('invalid', `不认识的严重程度：${extra.join('、')}`);
  return { ok: true, value: out };
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
