// Users and log-in. Passwords: scrypt (node:crypto) with a per-user random salt; compared in constant
// time. Failed log-ins are counted per name in one statement (so parallel guesses add up), for known
// and unknown names alike (so the two look the same); enough of them lock the name for a while.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { failure, type Failure } from '../contract/failure.ts';
import { transaction, type Store } from '../store/db.ts';
import type { User } from './access.ts';
import { appendAudit } from './audit.ts';
import { localStamp, systemClock, type Clock } from '../time/index.ts';
import { displayNameProblem, passwordProblem, userNameProblem } from './credentials.ts';
import { digest } from './sessions.ts';
import { isRole, type Role } from './workflow.ts';

const scrypt = (pw: string, salt: Buffer, len: number, opts: ScryptOptions): Promise<Buffer> =>
  new Promise((ok, fail) => scryptCb(pw, salt, len, opts, (err, key) => (err ? fail(err) : ok(key))));
const SCRYPT = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEYLEN = 32;

export const LOGIN_POLICY = {
  /**
   * Failures (from any addresses) after which the name is locked … Above the per-address limit
   * (address-throttle.ts), so one address alone cannot lock anyone out.
   */
  maxFailures: 10,
  /** … for this long. */
  lockMinutes: 15,
};

export interface UserRow extends User {
  readonly displayName: string | null;
  readonly disabled: boolean;
  readonly lockedUntil: string | null;
  /** The last successful log-in (security log), Beijing time stamp; null if never. */
  readonly lastLogin: string | null;
  readonly unitName: string | null;
  readonly mustChange: boolean;
}

async function hashPassword(password: string, salt: Buffer): Promise<Buffer> {
  return scrypt(password.normalize('NFC'), salt, KEYLEN, SCRYPT);
}

export type Result = { ok: true } | Failure;

export interface NewUserOptions {
  readonly displayName?: string | null;
  /** The account must change its password at its first log-in (made by an administrator). */
  readonly mustChange?: boolean;
}

export async function addUser(store: Store, name: string, role: string, unitGiven: string | null, password: string, actor = 'cli', clock: Clock = systemClock, opts: NewUserOptions = {}): Promise<Result> {
  const unit = unitGiven || null;
  const displayName = opts.displayName?.trim() || null;
  const nameErr = userNameProblem(name);
  if (nameErr) return failure('invalid', nameErr);
  if (!isRole(role)) return failure('invalid', `角色应为 supervisor、brigade 或 admin，而不是 ${role}`);
  if (role === 'brigade' && !unit) return failure('invalid', '大队用户必须指定单位代码（unit）');
  if (role !== 'brigade' && unit) return failure('invalid', '只有大队用户属于某个单位（unit 仅用于 brigade）');
  const dnErr = displayName ? displayNameProblem(displayName) : null;
  if (dnErr) return failure('invalid', dnErr);
  if (unit) {
    const [{ n }] = await store.all<{ n: number }>('SELECT count(*) AS n FROM units WHERE unit_code = $1', [unit]);
    const [{ m }] = await store.all<{ m: number }>('SELECT count(*) AS m FROM units');
    // Before any data is imported the unit table is empty: accept the code then, refuse a typo later.
    if (n === 0 && m > 0) return failure('invalid', `单位代码 ${unit} 不在单位表中`);
  }
  const pwErr = passwordProblem(password, name);
  if (pwErr) return failure('invalid', pwErr);
  const salt = randomBytes(16);
  const hash = await hashPassword(password, salt);
  return transaction(store, async () => {
    // Names differing only in case would be told apart by nobody reading a log.
    const [{ n }] = await store.all<{ n: number }>('SELECT count(*) AS n FROM users WHERE lower(username) = lower($1)', [name]);
    if (n > 0) return failure('conflict', `用户 ${name} 已存在`);
    const at = localStamp(clock.now());
    await store.run(`INSERT INTO users (username, role, unit, salt, hash, created_at, updated_at, must_change, display_name)
      VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8)`,
      [name, role, unit, salt.toString('hex'), hash.toString('hex'), at, opts.mustChange === true, displayName]);
    await store.run('DELETE FROM login_failures WHERE username = $1', [name]);
    await appendAudit(store, [{ at, username: actor, itemKey: null, action: 'user-add', from: null, to: null, fields: { user: name, role, unit } }]);
    return { ok: true };
  });
}

export async function listUsers(store: Store, clock: Clock = systemClock): Promise<UserRow[]> {
  const rows = await store.all<{ username: string; display_name: string | null; role: Role; unit: string | null; disabled: boolean; locked_until: string | null; unit_name: string | null; must_change: boolean | null; last_login: string | null }>(
    `SELECT u.username, u.display_name, u.role, u.unit, u.disabled, u.must_change, n.unit_name,
            CASE WHEN f.locked_until > $1 THEN f.locked_until END AS locked_until, l.last_login
     FROM users u LEFT JOIN units n ON n.unit_code = u.unit LEFT JOIN login_failures f ON f.username = u.username
     LEFT JOIN (SELECT username, max(logged_at) AS last_login FROM security_log WHERE event = 'login' AND outcome = 'success' GROUP BY username) l
       ON l.username = u.username
     ORDER BY u.username`, [localStamp(clock.now())]);
  return rows.map((r) => ({
    username: r.username, displayName: r.display_name, role: r.role, unit: r.unit, disabled: r.disabled,
    lockedUntil: r.locked_until, unitName: r.unit_name, mustChange: r.must_change === true, lastLogin: r.last_login,
  }));
}

/** An administrator lifts a log-in lock before it runs out (解锁): the failures are forgotten; nothing else changes. */
export async function unlockUser(store: Store, name: string, actor = 'cli', clock: Clock = systemClock): Promise<Result> {
  return transaction(store, async () => {
    const rows = await store.all('SELECT 1 FROM users WHERE username = $1', [name]);
    if (!rows.length) return failure('not-found', `没有用户 ${name}`);
    const at = localStamp(clock.now());
    const [locked] = await store.all('SELECT 1 FROM login_failures WHERE username = $1 AND locked_until > $2', [name, at]);
    if (!locked) return failure('conflict', `用户 ${name} 未被锁定`);
    await store.run('DELETE FROM login_failures WHERE username = $1', [name]);
    await appendAudit(store, [{ at, username: actor, itemKey: null, action: 'user-unlock', from: null, to: null, fields: { user: name } }]);
    return { ok: true };
  });
}

export async function setDisabled(store: Store, name: string, disabled: boolean, actor = 'cli', clock: Clock = systemClock): Promise<Result> {
  return transaction(store, async () => {
    const rows = await store.all('SELECT 1 FROM users WHERE username = $1', [name]);
    if (!rows.length) return failure('not-found', `没有用户 ${name}`);
    const at = localStamp(clock.now());
    await store.run('UPDATE users SET disabled = $2, updated_at = $3 WHERE username = $1', [name, disabled, at]);
    // A disabled user is logged out everywhere at once.
    if (disabled) await store.run('DELETE FROM sessions WHERE username = $1', [name]);
    await appendAudit(store, [{ at, username: actor, itemKey: null, action: disabled ? 'user-disable' : 'user-enable', from: null, to: null, fields: { user: name } }]);
    return { ok: true };
  });
}

/**
 * An administrator sets a user's password. `mustChange`: the user must choose their own at the next
 * log-in (what the console does). A new password also clears a lock and ends every session of the user.
 */
export async function setPassword(store: Store, name: string, password: string, actor = 'cli', clock: Clock = systemClock, opts: { mustChange?: boolean } = {}): Promise<Result> {
  const pwErr = passwordProblem(password, name);
  if (pwErr) return failure('invalid', pwErr);
  const salt = randomBytes(16);
  const hash = await hashPassword(password, salt);
  return transaction(store, async () => {
    const rows = await store.all('SELECT 1 FROM users WHERE username = $1', [name]);
    if (!rows.length) return failure('not-found', `没有用户 ${name}`);
    const at = localStamp(clock.now());
    await store.run('UPDATE users SET salt = $2, hash = $3, must_change = $5, updated_at = $4 WHERE username = $1',
      [name, salt.toString('hex'), hash.toString('hex'), at, opts.mustChange === true]);
    await store.run('DELETE FROM login_failures WHERE username = $1', [name]);
    await store.run('DELETE FROM sessions WHERE username = $1', [name]);
    await appendAudit(store, [{ at, username: actor, itemKey: null, action: 'user-passwd', from: null, to: null, fields: { user: name } }]);
    return { ok: true };
  });
}

/** Refused: `forbidden` when the current password is wrong, `invalid` when the new one breaks the rule. */
export type ChangeResult = { ok: true } | Failure;

/**
 * A user changes their own password: the current one must be right and the new one pass the rule.
 * Every other session of the user ends (the one given by `keepSession`, the caller's, stays).
 */
export async function changeOwnPassword(store: Store, name: string, current: string, next: string, keepSession: string, clock: Clock = systemClock): Promise<ChangeResult> {
  const [u] = await store.all<{ salt: string; hash: string }>('SELECT salt, hash FROM users WHERE username = $1', [name]);
  const given = await hashPassword(current, u ? Buffer.from(u.salt, 'hex') : DUMMY_SALT);
  if (!u || !timingSafeEqual(given, Buffer.from(u.hash, 'hex'))) return failure('forbidden', '当前密码不正确');
  const rule = passwordProblem(next, name);
  if (rule) return failure('invalid', rule);
  if (next === current) return failure('invalid', '新密码不能与当前密码相同');
  const salt = randomBytes(16);
  const hash = await hashPassword(next, salt);
  return transaction(store, async () => {
    const at = localStamp(clock.now());
    await store.run('UPDATE users SET salt = $2, hash = $3, must_change = false, updated_at = $4 WHERE username = $1',
      [name, salt.toString('hex'), hash.toString('hex'), at]);
    await store.run('DELETE FROM sessions WHERE username = $1 AND id_hash <> $2', [name, digest(keepSession)]);
    await appendAudit(store, [{ at, username: name, itemKey: null, action: 'user-passwd', from: null, to: null, fields: { user: name } }]);
    return { ok: true };
  });
}

export type LoginResult =
  | { ok: true; user: User & { mustChange: boolean } }
  | { ok: false; reason: 'bad' | 'locked' | 'disabled'; failures: number; /** This failure set the lock. */ justLocked?: boolean };

// Compared against when the name is unknown, so an unknown name costs the same time as a wrong password.
const DUMMY_SALT = randomBytes(16);
const DUMMY_HASH = randomBytes(KEYLEN);

/**
 * Count one failure for a name, in one statement under the store's write serialisation: parallel
 * failures each add one, and the one that reaches the threshold sets the lock. A lock that has run
 * out starts the count again.
 */
async function countFailure(store: Store, name: string, now: Date): Promise<{ failures: number; locked: boolean }> {
  const nowStamp = localStamp(now);
  const lockUntil = localStamp(new Date(now.getTime() + LOGIN_POLICY.lockMinutes * 60_000));
  const [r] = await transaction(store, () => store.all<{ failures: number; locked_until: string | null }>(
    `INSERT INTO login_failures AS f (username, failures, locked_until) VALUES ($1, 1, CASE WHEN 1 >= $4 THEN $3 END)
     ON CONFLICT (username) DO UPDATE SET
       failures = CASE WHEN f.locked_until IS NOT NULL AND f.locked_until <= $2 THEN 1 ELSE f.failures + 1 END,
       locked_until = CASE
         WHEN f.locked_until IS NOT NULL AND f.locked_until > $2 THEN f.locked_until
         WHEN (CASE WHEN f.locked_until IS NOT NULL THEN 1 ELSE f.failures + 1 END) >= $4 THEN $3
         END
     RETURNING failures, locked_until`, [name, nowStamp, lockUntil, LOGIN_POLICY.maxFailures]));
  return { failures: Number(r.failures), locked: r.locked_until !== null && r.locked_until > nowStamp };
}

/** Whether the name is locked now, and its failures so far. */
async function lockState(store: Store, name: string, now: Date): Promise<{ failures: number; locked: boolean }> {
  const [r] = await store.all<{ failures: number; locked_until: string | null }>('SELECT failures, locked_until FROM login_failures WHERE username = $1', [name]);
  if (!r) return { failures: 0, locked: false };
  const nowStamp = localStamp(now);
  const locked = r.locked_until !== null && r.locked_until > nowStamp;
  return { failures: r.locked_until !== null && !locked ? 0 : Number(r.failures), locked };
}

/**
 * Check a log-in. Known and unknown names take the same path: the password is hashed either way, the
 * failure is counted under the name given, and the answer is the same.
 */
export async function checkLogin(store: Store, name: string, password: string, clock: Clock = systemClock): Promise<LoginResult> {
  const rows = await store.all<{ username: string; role: Role; unit: string | null; salt: string; hash: string; disabled: boolean; must_change: boolean | null }>(
    'SELECT username, role, unit, salt, hash, disabled, must_change FROM users WHERE username = $1', [name]);
  const u = rows[0];
  const given = await hashPassword(password, u ? Buffer.from(u.salt, 'hex') : DUMMY_SALT);
  const good = timingSafeEqual(given, u ? Buffer.from(u.hash, 'hex') : DUMMY_HASH) && u !== undefined;
  const now = clock.now();
  const before = await lockState(store, name, now);
  if (before.locked) return { ok: false, reason: 'locked', failures: before.failures };
  if (!good) {
    const after = await countFailure(store, name, now);
    return { ok: false, reason: after.locked ? 'locked' : 'bad', failures: after.failures, justLocked: after.locked };
  }
  // A lock set by a parallel guess between the look above and now still wins.
  const cleared = await transaction(store, async () => {
    const [r] = await store.all<{ locked_until: string | null }>('SELECT locked_until FROM login_failures WHERE username = $1', [name]);
    if (r?.locked_until && r.locked_until > localStamp(now)) return false;
    await store.run('DELETE FROM login_failures WHERE username = $1', [name]);
    return true;
  });
  if (!cleared) return { ok: false, reason: 'locked', failures: LOGIN_POLICY.maxFailures };
  if (u.disabled) return { ok: false, reason: 'disabled', failures: 0 };
  return { ok: true, user: { username: u.username, role: u.role, unit: u.unit, mustChange: u.must_change === true } };
}
