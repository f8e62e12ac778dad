// The HTTP application: the routes of routes/index.ts behind one guard, JSON errors, and the built
// console as static files. The web layer maps HTTP to the supervise functions and adds no logic.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { serveStatic } from '@hono/node-server/serve-static';
import type { SerialStore } from '../../store/serial.ts';
import { systemClock } from '../../time/index.ts';
import { addressThrottle, ADDRESS_POLICY } from '../../supervise/address-throttle.ts';
import { DEFAULT_IDLE_MINUTES, DEFAULT_LIFETIME_MINUTES } from '../../supervise/sessions.ts';
import { guard, hostCheck, sameOrigin } from './auth.ts';
import { answerFailure, fail, type AppOptions, type Env, type RouteDef, type ServerContext } from './context.ts';
import { FailureError } from '../../contract/failure.ts';
import type { RiskReport } from '../../report/risk.ts';
import { derivedCache } from './derived-cache.ts';
import type { DailyReport } from '../../report/daily.ts';
import { JobRegistry, WorkLimiter } from './jobs.ts';
import { recordRoute } from './security.ts';
import { ROUTES } from './routes/index.ts';
import { requestLog } from './request-log.ts';
import { VERSION } from '../../deploy/version.ts';

export const DEFAULT_BODY_LIMIT = 64 * 1024;

/**
 * Only the server's own origin: its scripts, styles, fonts, images and API. Element Plus and ECharts set
 * style attributes at run time, hence 'unsafe-inline' for styles (never for scripts); the favicon is a
 * data: URL and downloads are blob: URLs.
 */
export const CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:",
  "font-src 'self' data:", "connect-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'",
].join('; ');

export function createApp(store: SerialStore, options: AppOptions, routes: readonly RouteDef[] = ROUTES): { app: Hono<Env>; ctx: ServerContext } {
  const log = options.log ?? (() => undefined);
  const clock = options.clock ?? systemClock;
  const addressPolicy = options.addressPolicy ?? ADDRESS_POLICY;
  const ctx: ServerContext = {
    store,
    jobs: new JobRegistry(log),
    limiter: new WorkLimiter(),
    phase: { current: 'serving' },
    throttle: addressThrottle(addressPolicy, clock),
    riskReports: derivedCache<RiskReport>(),
    dailyReports: derivedCache<DailyReport>(),
    options: {
      dataDir: options.dataDir,
      staticDir: options.staticDir === undefined ? null : options.staticDir,
      clock,
      origins: options.origins ?? null,
      secure: options.secure ?? false,
      idleMinutes: options.idleMinutes ?? DEFAULT_IDLE_MINUTES,
      lifetimeMinutes: options.lifetimeMinutes ?? DEFAULT_LIFETIME_MINUTES,
      addressPolicy,
      // Each consecutive failure of a name doubles the wait, up to 4 s; the name locks after a few (users.LOGIN_POLICY).
      loginDelayMs: options.loginDelayMs ?? ((n) => Math.min(4000, 250 * 2 ** Math.max(0, n - 1))),
      maxAttachmentBytes: options.maxAttachmentBytes ?? 10 * 1024 * 1024,
      maxImportBytes: options.maxImportBytes ?? 2 * 1024 * 1024 * 1024,
      log,
      version: options.version ?? VERSION,
    },
  };
  const app = new Hono<Env>();
  if (options.log) app.use('*', requestLog(options.log));
  app.use('*', async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('X-Frame-Options', 'DENY');
    c.header('Referrer-Policy', 'same-origin');
    c.header('Content-Security-Policy', CSP);
    if (ctx.options.secure) c.header('Strict-Transport-Security', 'max-age=31536000');
    if (c.req.path.startsWith('/api/')) c.header('Cache-Control', 'no-store');
  });
  if (ctx.options.origins) app.use('*', hostCheck(ctx.options.origins, ctx.options.secure ? 'https' : 'http'));
  app.use('/api/*', sameOrigin(ctx.options.origins));
  for (const r of routes) {
    const maxSize = r.maxBody ?? DEFAULT_BODY_LIMIT;
    const limit: MiddlewareHandler = r.streamsBody
      ? async (c, next) => (Number(c.req.header('content-length') ?? 0) > maxSize ? fail(c, 413, '请求体过大') : next())
      : bodyLimit({ maxSize, onError: (c) => fail(c, 413, '请求体过大') });
    const security = r.security;
    const run = r.expensive ? limited(r, ctx) : (c: Context<Env>) => r.handler(c, ctx);
    const handler = async (c: Context<Env>): Promise<Response> => {
      try {
        return await run(c);
      } catch (err) {
        if (err instanceof FailureError) return answerFailure(c, err.failure);
        throw err;
      }
    };
    app.on(r.method, r.path, limit, guard(r, ctx), security
      ? async (c) => {
        const res = await handler(c);
        await recordRoute(c, ctx, security, res.status);
        return res;
      }
      : handler);
  }
  app.all('/api/*', (c) => fail(c, 404, '没有这个接口'));
  const dir = ctx.options.staticDir ? resolve(ctx.options.staticDir) : null;
  if (dir && existsSync(dir)) {
    app.use('/*', serveStatic({ root: dir }));
    // The console routes in the browser: any other page path gets its index.html.
    app.get('*', serveStatic({ root: dir, path: 'index.html' }));
  }
  app.notFound((c) => fail(c, 404, '没有这个页面'));
  app.onError((err, c) => {
    // A bug, not a user's mistake: log it here, answer without details.
    process.stderr.write(`[yanpan serve] ${c.req.method} ${c.req.path}: ${err.stack ?? err.message}\n`);
    return fail(c, 500, '服务器内部错误');
  });
  return { app, ctx };
}

/**
 * An expensive route's handler behind the work limiter: a slot for the user, or 429 with the reason. The slot
 * is given back with the answer, or, when the route started a background job (202), when that job ends.
 */
function limited(r: RouteDef, ctx: ServerContext): (c: Context<Env>) => Promise<Response> {
  return async (c) => {
    const slot = ctx.limiter.acquire(c.get('user').username);
    if (!slot.ok) {
      c.header('Retry-After', '5');
      return answerFailure(c, slot);
    }
    let res: Response;
    try {
      res = await r.handler(c, ctx);
    } catch (err) {
      slot.release();
      throw err;
    }
    const job = res.status === 202 ? ctx.jobs.running() : undefined;
    if (job) void ctx.jobs.whenDone(job.id).finally(slot.release);
    else slot.release();
    return res;
  };
}
