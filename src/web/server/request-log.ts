// One line per request on the server's standard output (journald keeps it): when, who, from where, what, how it
// ended and how long it took. Never the query string, a header, a cookie or a body: those carry passwords,
// sessions, search terms and records.
import type { MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Env } from './context.ts';

export function requestLog(log: (line: string) => void): MiddlewareHandler<Env> {
  return async (c, next) => {
    const t0 = performance.now();
    try {
      await next();
    } finally {
      let address = '-';
      try { address = getConnInfo(c).remote.address ?? '-'; } catch { /* not a node socket (tests calling app.fetch) */ }
      const user = (c.get('user') as Env['Variables']['user'] | undefined)?.username ?? '-';
      log(`${new Date().toISOString()} ${address} ${user} ${c.req.method} ${c.req.path} ${c.res.status} ${Math.round(performance.now() - t0)}ms`);
    }
  };
}
