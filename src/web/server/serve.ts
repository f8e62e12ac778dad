// Start the HTTP server on a store. Used by `yanpan serve`, the demo and the tests.
import { serve } from '@hono/node-server';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Hono } from 'hono';
import type { Store } from '../../store/db.ts';
import { serialStore, type SerialStore } from '../../store/serial.ts';
import { VERSION } from '../../deploy/version.ts';
import { createApp } from './app.ts';
import { supervisionSettingsReported } from './settings-problems.ts';
import { startInbox, type InboxOptions } from './inbox.ts';
import type { AppOptions, Env, ServerContext } from './context.ts';
import { serverOrigins } from './origins.ts';

export interface RunningServer {
  readonly url: string;
  readonly store: SerialStore;
  readonly ctx: ServerContext;
  /**
   * Stop gracefully: /api/health turns 503, no new connection is accepted, running requests finish, a
   * running import or analysis is called off (its transaction rolls back). The store stays open for the
   * caller to checkpoint and close.
   */
  close(): Promise<void>;
}

/**
 * Everything `yanpan serve` can be told — by flags or by the configuration file — as one plain object:
 * `startServer(store, options)` is the whole server.
 */
export interface ServerOptions extends Omit<AppOptions, 'origins' | 'secure'> {
  host?: string;
  port?: number;
  /** A PEM certificate (chain) and its private key: serve HTTPS; the cookie is then Secure, answers carry HSTS. */
  tls?: { cert: string | Buffer; key: string | Buffer } | null;
  /**
   * The address(es) users reach the server by (`--public-url`); default: the bound address. A request
   * naming another Host is refused, and a state-changing request must come from one of these origins.
   */
  publicUrl?: string | readonly string[] | null;
  /** Called once the port is bound, before the store is ready (while /api/health answers 503 "starting"). */
  onListening?: (url: string) => void;
  /** How long running requests may take to finish on close before their connections are cut (ms). */
  drainMs?: number;
  /** A folder whose dropped exports the server imports (inbox.ts); none by default. */
  inbox?: InboxOptions | null;
}

/**
 * `store` may be a promise (the database still opening and migrating): the port is bound at once and
 * every request is answered 503 until it is ready, so a service manager sees the server starting.
 */
export async function startServer(store: Store | Promise<Store>, options: ServerOptions): Promise<RunningServer> {
  let app: Hono<Env> | null = null;
  const version = options.version ?? VERSION;
  const starting = (req: Request): Response => {
    const health = new URL(req.url).pathname === '/api/health';
    return Response.json(health ? { status: 'starting', version } : { error: '服务正在启动，请稍候' }, { status: 503, headers: { 'retry-after': '5' } });
  };
  const host = options.host ?? '127.0.0.1';
  let server: ReturnType<typeof serve>;
  try {
    server = await new Promise<ReturnType<typeof serve>>((ok, fail) => {
      const fetch = (req: Request, env: unknown) => (app ? app.fetch(req, env as never) : starting(req));
      const s = options.tls
        ? serve({ fetch, hostname: host, port: options.port ?? 8080, createServer: createHttpsServer, serverOptions: { cert: options.tls.cert, key: options.tls.key } }, () => ok(s))
        : serve({ fetch, hostname: host, port: options.port ?? 8080 }, () => ok(s));
      s.once('error', fail);
    });
  } catch (err) {
    // The port is taken: the store that was opening is not wanted.
    void Promise.resolve(store).then((s) => s.close(), () => undefined);
    throw err;
  }
  const port = (server.address() as AddressInfo).port;
  const shown = host.includes(':') ? `[${host}]` : host;
  const scheme = options.tls ? 'https' : 'http';
  const url = `${scheme}://${shown}:${port}`;
  const publicUrls = options.publicUrl == null ? [] : typeof options.publicUrl === 'string' ? [options.publicUrl] : [...options.publicUrl];
  const origins = serverOrigins({ scheme, host, port, publicUrls });
  const stopListening = (drainMs: number) => new Promise<void>((ok) => {
    // close() stops accepting and ends idle keep-alive connections; a request still running gets drainMs to finish.
    const cut = setTimeout(() => (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.(), drainMs);
    server.close(() => { clearTimeout(cut); ok(); });
  });
  options.onListening?.(url);
  let ready: Store;
  try {
    ready = await store;
  } catch (err) {
    await stopListening(0);
    throw err;
  }
  // Three read connections: on two cores more only queue in DuckDB's own scheduler.
  const serial = 'transaction' in ready ? (ready as SerialStore) : serialStore(ready, { readers: 3 });
  const made = createApp(serial, { ...options, version, origins, secure: scheme === 'https' });
  const { ctx } = made;
  app = made.app;
  // A stored setting that no longer passes its checks is in the log from the start, not only when a page asks.
  await supervisionSettingsReported(ctx);
  const inbox = options.inbox ? startInbox(ctx, options.inbox) : null;
  return {
    url,
    store: serial,
    ctx,
    async close() {
      ctx.phase.current = 'stopping';
      ctx.jobs.cancelAll('服务正在停止');
      await inbox?.stop();
      await Promise.all([stopListening(options.drainMs ?? 30_000), ctx.jobs.idle()]);
    },
  };
}
