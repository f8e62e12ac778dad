// Log-in sessions: a random id in an HttpOnly cookie; the database keeps only its SHA-256, the user
// and when it was last used. A session idle longer than the timeout is gone.
import { createHash, randomBytes } from 'node:crypto';
import type { Store } from '../store/db.ts';
import type { User } from './access.ts';
import { localStamp, systemClock, type Clock } from '../time/index.ts';
import type { Role } from './workflow.ts';

export const DEFAULT_IDLE_MINUTES = 30;
// Writing last_seen on every request would make every read a write; a minute's precision is plenty.
const TOUCH_MS = 60_000;

const digest = (id: string): string => createHash('sha256').update(id).digest('hex');

export async function createSession(store: Store, username: string, clock: Clock = systemClock): Promise<string> {
  const id = randomBytes(32).toString('base64url');
  const now = clock.now();
  await store.run('INSERT INTO sessions VALUES ($1, $2, $3, $4)', [digest(id), username, localStamp(now), now.getTime()]);
  return id;
}

export interface SessionUser extends User { readonly unitName: string | null }

/** The session's user, or null when the id is unknown, idle too long, or the user is disabled. */
export async function sessionUser(store: Store, id: string, idleMinutes = DEFAULT_IDLE_MINUTES, clock: Clock = systemClock): Promise<SessionUser | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(id)) return null;
  const h = digest(id);
  const rows = await store.all<{ username: string; role: Role; unit: string | null; unit_name: string | null; last_seen_ms: number; disabled: boolean }>(
    `SELECT s.username, s.last_seen_ms, u.role, u.unit, u.disabled, n.unit_name
     FROM sessions s JOIN users u USING (username) LEFT JOIN units n ON n.unit_code = u.unit
     WHERE s.id_hash = $1`, [h]);
  const r = rows[0];
  if (!r) return null;
  const now = clock.now().getTime();
  if (r.disabled || now - Number(r.last_seen_ms) > idleMinutes * 60_000) {
    await store.run('DELETE FROM sessions WHERE id_hash = $1', [h]);
    return null;
  }
  if (now - Number(r.last_seen_ms) > TOUCH_MS) await store.run('UPDATE sessions SET last_seen_ms = $2 WHERE id_hash = $1', [h, now]);
  return { username: r.username, role: r.role, unit: r.unit, unitName: r.unit_name };
}

export async function endSession(store: Store, id: string): Promise<void> {
  await store.run('DELETE FROM sessions WHERE id_hash = $1', [digest(id)]);
}
