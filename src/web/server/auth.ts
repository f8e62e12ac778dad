// The one place where a request meets authorisation: the Origin check on state-changing requests,
// the session, and the route's declared access. Handlers run only after this has passed; item
// scope (a brigade user's unit) is then applied by the supervise queries themselves.
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { canAdminister, canManageData } from '../../supervise/access.ts';
import { sessionUser } from '../../supervise/sessions.ts';
import { getConnInfo } from '@hono/node-server/conninfo';
import { fail, type Access, type Env, type RouteDef, type ServerContext } from './context.ts';
import { normalHost, type Origins } from './origins.ts';

export const SESSION_COOKIE = 'yanpan_session';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuse a state-changing request sent by another site: the browser names it in Sec-Fetch-Site and
 * Origin, and the Origin must be one of the server's own (origins.ts). Without a list of origins (an
 * app made without a server, in a test) the request's own Host stands in.
 */
export function sameOrigin(allowed: Origins | null): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE.has(c.req.method)) return next();
    if (c.req.header('sec-fetch-site') === 'cross-site') return fail(c, 403, '拒绝跨站请求');
    const origin = c.req.header('origin');
    if (origin !== undefined) {
      let parsed: URL | null = null;
      try {
        parsed = origin === 'null' ? null : new URL(origin);
      } catch {
        parsed = null;
      }
      const ok = parsed !== null && (allowed ? allowed.origins.has(parsed.origin) : parsed.host === c.req.header('host'));
      if (!ok) return fail(c, 403, '拒绝跨站请求');
    }
    return next();
  };
}

/** Refuse a request whose Host names another server (421): the page that sent it was not loaded from here. */
export function hostCheck(allowed: Origins, scheme: 'http' | 'https'): MiddlewareHandler {
  return async (c, next) => {
    const host = normalHost(c.req.header('host'), scheme);
    if (host === null || !allowed.hosts.has(host)) return fail(c, 421, '请求的主机名不是本服务器的地址（请使用管理员公布的地址访问）');
    return next();
  };
}

const ACCESS_CHECK: Record<Exclude<Access, 'public' | 'user'>, { allows: (u: Env['Variables']['user']) => boolean; zh: string }> = {
  'manage-data': { allows: canManageData, zh: '只有支队督察或管理员可以导入数据和运行分析' },
  admin: { allows: canAdminister, zh: '只有管理员可以管理用户和设置' },
};

/** The session and the route's access, before its handler. */
export function guard(route: Pick<RouteDef, 'access' | 'beforePasswordChange'>, ctx: ServerContext): MiddlewareHandler<Env> {
  const { access } = route;
  const limits = { idleMinutes: ctx.options.idleMinutes, lifetimeMinutes: ctx.options.lifetimeMinutes };
  return async (c, next) => {
    if (access === 'public') return next();
    const id = getCookie(c, SESSION_COOKIE);
    const user = id ? await sessionUser(ctx.store, id, limits, ctx.options.clock) : null;
    if (!id || !user) {
      if (id) deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return fail(c, 401, '未登录或登录已过期');
    }
    // An account made or reset by an administrator: nothing else until the user has chosen a password.
    if (user.mustChange && !route.beforePasswordChange) {
      return c.json({ error: '请先修改初始密码，再使用系统', must_change_password: true }, 403);
    }
    if (access !== 'user' && !ACCESS_CHECK[access].allows(user)) return fail(c, 403, ACCESS_CHECK[access].zh);
    c.set('user', user);
    c.set('sessionId', id);
    return next();
  };
}

export function setSessionCookie(c: Context, id: string, secure = false): void {
  // HttpOnly: page scripts never see it; SameSite=Strict: no other site's page can send it; Secure over
  // HTTPS: never sent in clear. No max-age: the browser forgets it when closed; the server forgets it
  // after the idle timeout or the lifetime.
  setCookie(c, SESSION_COOKIE, id, { httpOnly: true, sameSite: 'Strict', path: '/', secure });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

/** The client's address as the socket saw it (no proxy header is trusted); 'unknown' outside a node server. */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
