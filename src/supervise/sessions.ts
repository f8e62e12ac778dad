// Log-in sessions: a random id in an HttpOnly cookie; the database keeps only its SHA-256, the user,
// when it began and when it was last used. A session idle longer than the idle timeout, or older than
// the absolute lifetime however busy, is gone.
import { createHash, randomBytes } from 'node:crypto';
import type { Store } from '../store/db.ts';
import type { User } from './access.ts';
import { localStamp, systemClock, type Clock } from '../time/index.ts';
import type { Role } from './workflow.ts';

export const DEFAULT_IDLE_MINUTES = 30;
/** A session ends this long after its log-in, whatever its activity (a stolen cookie does not live for ever). */
export const DEFAULT_LIFETIME_MINUTES = 12 * 60;
// Writing last_seen on every request would make every read a write; a minute's precision is plenty.
const TOUCH_MS = 60_000;

export const digest = (id: string): string => createHash('sha256').update(id).digest('hex');

const VALID_ID = /^[A-Za-z0-9_-]{20,100}$/;

/** A new session for the user; `replaces`: the browser's previous session id, which ends now. */
export async function createSession(store: Store, username: string, clock: Clock = systemClock, replaces?: string): Promise<string> {
  const id = randomBytes(32).toString('base64url');
  const now = clock.now();
  if (replaces && VALID_ID.test(replaces)) await store.run('DELETE FROM sessions WHERE id_hash = $1', [digest(replaces)]);
  await store.run('INSERT INTO sessions (id_hash, username, created_at, last_seen_ms, created_ms) VALUES ($1, $2, $3, $4, $4)',
    [digest(id), username, localStamp(now), now.getTime()]);
  return id;
}

export interface SessionUser extends User {
  readonly unitName: string | null;
  readonly displayName: string | null;
  /** The user must change their password before anything else. */
  readonly mustChange: boolean;
}

export interface SessionLimits { readonly idleMinutes: number; readonly lifetimeMinutes: number }

/** The session's user, or null when the id is unknown, idle too long, past its lifetime, or the user is disabled. */
export async function sessionUser(store: Store, id: string, limits: SessionLimits = { idleMinutes: DEFAULT_IDLE_MINUTES, lifetimeMinutes: DEFAULT_LIFETIME_MINUTES }, clock: Clock = systemClock): Promise<SessionUser | null> {
  if (!VALID_ID.test(id)) return null;
  const h = digest(id);
  const rows = await store.all<{ username: string; role: Role; unit: string | null; unit_name: string | null; display_name: string | null; last_seen_ms: number; created_ms: number | null; disabled: boolean; must_change: boolean | null }>(
    `SELECT s.username, s.last_seen_ms, s.created_ms, u.role, u.unit, u.disabled, u.must_change, u.display_name, n.unit_name
     FROM sessions s JOIN users u USING (username) LEFT JOIN units n ON n.unit_code = u.unit
     WHERE s.id_hash = $1`, [h]);
  const r = rows[0];
  if (!r) return null;
  const now = clock.now().getTime();
  const started = Number(r.created_ms ?? r.last_seen_ms);
  if (r.disabled || now - Number(r.last_seen_ms) > limits.idleMinutes * 60_000 || now - started > limits.lifetimeMinutes * 60_000) {
    await store.run('DELETE FROM sessions WHERE id_hash = $1', [h]);
    return null;
  }
  if (now - Number(r.last_seen_ms) > TOUCH_MS) await store.run('UPDATE sessions SET last_seen_ms = $2 WHERE id_hash = $1', [h, now]);
  return { username: r.username, role: r.role, unit: r.unit, unitName: r.unit_name, displayName: r.display_name, mustChange: r.must_change === true };
}

export async function endSession(store: Store, id: string): Promise<void> {
  await store.run('DELETE FROM sessions WHERE id_hash = $1', [digest(id)]);
}
