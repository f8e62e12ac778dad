// The one helper through which the server writes the security log (supervise/security-log.ts): the
// user of the session (or the name given at log-in), the client's address, the event and outcome. A
// route names its event in its declaration (RouteDef.security) and the app records it after the
// handler; the log-in routes call recordSecurity themselves, since what they record depends on why.
import type { Context } from 'hono';
import { appendSecurity, type Outcome, type SecurityEvent } from '../../supervise/security-log.ts';
import { clientAddress } from './auth.ts';
import type { Env, RouteSecurity, ServerContext } from './context.ts';

export async function recordSecurity(c: Context<Env>, ctx: ServerContext, e: { event: SecurityEvent; outcome: Outcome; detail?: string; user?: string }): Promise<void> {
  const user = e.user ?? (c.get('user') as Env['Variables']['user'] | undefined)?.username ?? '-';
  await appendSecurity(ctx.store, { user, address: clientAddress(c), event: e.event, outcome: e.outcome, detail: e.detail }, ctx.options.clock);
}

/** A status as an outcome: refused when authorisation or a limit said no, failed on bad input or a conflict. */
export const outcomeOf = (status: number): Outcome => (status < 400 ? 'success' : status === 401 || status === 403 || status === 429 ? 'refused' : 'failure');

/** What a request asked for, for the detail: its path and query, without anything secret (no route takes a secret in its URL). */
export const requested = (c: Context): string => {
  const u = new URL(c.req.url);
  return decodeURIComponent(u.pathname + u.search);
};

/** Record a declared route's event after its handler answered. */
export async function recordRoute(c: Context<Env>, ctx: ServerContext, s: RouteSecurity, status: number): Promise<void> {
  let detail: string;
  try {
    detail = s.detail ? await s.detail(c) : requested(c);
  } catch {
    detail = requested(c);
  }
  await recordSecurity(c, ctx, { event: s.event, outcome: outcomeOf(status), detail });
}
