// Users and log-in. Passwords: scrypt (node:crypto) with a per-user random salt; compared in constant
// time. Repeated failures slow the answer and then lock the account for a while, so a guessed
// password list gets nowhere even over a fast local network.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { transaction, type Store } from '../store/db.ts';
import type { User } from './access.ts';
import { appendAudit } from './audit.ts';
import { localStamp, systemClock, type Clock } from '../time/index.ts';
import { isRole, type Role } from './workflow.ts';

const scrypt = (pw: string, salt: Buffer, len: number, opts: ScryptOptions): Promise<Buffer> =>
  new Promise((ok, fail) => scryptCb(pw, salt, len, opts, (err, key) => (err ? fail(err) : ok(key))));
const SCRYPT = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEYLEN = 32;

export const LOGIN_POLICY = {
  /** Failures after which the account is locked … */
  maxFailures: 5,
  /** … for this long. */
  lockMinutes: 15,
};

export interface UserRow extends User { readonly disabled: boolean; readonly lockedUntil: string | null; readonly unitName: string | null }

const NAME = /^[\p{L}\p{N}_.-]{2,32}$/u;

async function hashPassword(password: string, salt: Buffer): Promise<Buffer> {
  return scrypt(password.normalize('NFC'), salt, KEYLEN, SCRYPT);
}

export function checkPassword(pw: string): string | null {
  if (pw.length < 8) return '密码至少 8 位';
  if (pw.length > 200) return '密码过长';
  return null;
}

export type Result = { ok: true } | { ok: false; error: string };

export async function addUser(store: Store, name: string, role: string, unit: string | null, password: string, actor = 'cli', clock: Clock = systemClock): Promise<Result> {
  if (!NAME.test(name)) return { ok: false, error: `用户名 ${name} 不合规：2–32 个字母、数字、汉字或 _ . -` };
  if (!isRole(role)) return { ok: false, error: `角色应为 supervisor、brigade 或 admin，而不是 ${role}` };
  if (role === 'brigade' && !unit) return { ok: false, error: '大队用户必须用 --unit 指定单位代码' };
  if (role !== 'brigade' && unit) return { ok: false, error: '只有大队用户属于某个单位（--unit 仅用于 brigade）' };
  if (unit) {
    const [{ n }] = await store.all<{ n: number }>('SELECT count(*) AS n FROM units WHERE unit_code = $1', [unit]);
    const [{ m }] = await store.all<{ m: number }>('SELECT count(*) AS m FROM units');
    // Before any data is imported the unit table is empty: accept the code then, refuse a typo later.
    if (n === 0 && m > 0) return { ok: false, error: `单位代码 ${unit} 不在单位表中` };
  }
  const pwErr = checkPassword(password);
  if (pwErr) return { ok: false, error: pwErr };
  const salt = randomBytes(16);
  const hash = await hashPassword(password, salt);
  return transaction(store, async () => {
    const [{ n }] = await store.all<{ n: number }>('SELECT count(*) AS n FROM users WHERE username = $1', [name]);
    if (n > 0) return { ok: false, error: `用户 ${name} 已存在` };
    const at = localStamp(clock.now());
    await store.run('INSERT INTO users (username, role, unit, salt, hash, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)',
      [name, role, unit, salt.toString('hex'), hash.toString('hex'), at]);
    await appendAudit(store, [{ at, username: actor, itemKey: null, action: 'user-add', from: null, to: null, fields: { user: name, role, unit } }]);
    return { ok: true };
  });
}

export async function listUsers(store: Store): Promise<UserRow[]> {
  const rows = await store.all<{ username: string; role: Role; unit: string | null; disabled: boolean; locked_until: string | null; unit_name: string | null }>(
    `SELECT u.username, u.role, u.unit, u.disabled, u.locked_until, n.unit_name
     FROM users u LEFT JOIN units n ON n.unit_code = u.unit ORDER BY u.username`);
  return rows.map((r) => ({ username: r.username, role: r.role, unit: r.unit, disabled: r.disabled, lockedUntil: r.locked_until, unitName: r.unit_name }));
}

export async function setDisabled(store: Store, name: string, disabled: boolean, actor = 'cli', clock: Clock = systemClock): Promise<Result> {
  return transaction(store, async () => {
    const rows = await store.all('SELECT 1 FROM users WHERE username = $1', [name]);
    if (!rows.length) return { ok: false, error: `没有用户 ${name}` };
    const at = localStamp(clock.now());
    await store.run('UPDATE users SET disabled = $2, updated_at = $3 WHERE username = $1', [name, disabled, at]);
    // A disabled user is logged out everywhere at once.
    if (disabled) await store.run('DELETE FROM sessions WHERE username = $1', [name]);
    await appendAudit(store, [{ at, username: actor, itemKey: null, action: disabled ? 'user-disable' : 'user-enable', from: null, to: null, fields: { user: name } }]);
    return { ok: true };
  });
}

export async function setPassword(store: Store, name: string, password: string, actor = 'cli', clock: Clock = systemClock): Promise<Result> {
  const pwErr = checkPassword(password);
  if (pwErr) return { ok: false, error: pwErr };
  const salt = randomBytes(16);
  const hash = await hashPassword(password, salt);
  return transaction(store, async () => {
    const rows = await store.all('SELECT 1 FROM users WHERE username = $1', [name]);
    if (!rows.length) return { ok: false, error: `没有用户 ${name}` };
    const at = localStamp(clock.now());
    // A new password also clears a lock and ends the sessions opened with the old one.
    await store.run('UPDATE users SET salt = $2, hash = $3, failed_logins = 0, locked_until = NULL, updated_at = $4 WHERE username = $1',
      [name, salt.toString('hex'), hash.toString('hex'), at]);
    await store.run('DELETE FROM sessions WHERE username = $1', [name]);
    await appendAudit(store, [{ at, username: actor, itemKey: null, action: 'user-passwd', from: null, to: null, fields: { user: name } }]);
    return { ok: true };
  });
}

export type LoginResult = { ok: true; user: User } | { ok: false; reason: 'bad' | 'locked' | 'disabled'; failures: number };

// Compared against when the name is unknown, so an unknown name costs the same time as a wrong password.
const DUMMY_SALT = randomBytes(16);

export async function checkLogin(store: Store, name: string, password: string, clock: Clock = systemClock): Promise<LoginResult> {
  const rows = await store.all<{ username: string; role: Role; unit: string | null; salt: string; hash: string; disabled: boolean; failed_logins: number; locked_until: string | null }>(
    'SELECT * FROM users WHERE username = $1', [name]);
  const u = rows[0];
  const given = await hashPassword(password, u ? Buffer.from(u.salt, 'hex') : DUMMY_SALT);
  if (!u) return { ok: false, reason: 'bad', failures: 0 };
  const now = clock.now();
  if (u.locked_until && new Date(u.locked_until) > now) return { ok: false, reason: 'locked', failures: u.failed_logins };
  const good = timingSafeEqual(given, Buffer.from(u.hash, 'hex'));
  if (!good) {
    const failures = (u.locked_until ? 0 : u.failed_logins) + 1;
    const lock = failures >= LOGIN_POLICY.maxFailures ? localStamp(new Date(now.getTime() + LOGIN_POLICY.lockMinutes * 60_000)) : null;
    await store.run('UPDATE users SET failed_logins = $2, locked_until = $3 WHERE username = $1', [name, lock ? 0 : failures, lock]);
    return { ok: false, reason: lock ? 'locked' : 'bad', failures };
  }
  if (u.disabled) return { ok: false, reason: 'disabled', failures: 0 };
  if (u.failed_logins || u.locked_until) await store.run('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE username = $1', [name]);
  return { ok: true, user: { username: u.username, role: u.role, unit: u.unit } };
}
