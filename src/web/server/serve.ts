// Start the HTTP server on a store. Used by `yanpan serve`, the demo and the tests.
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Store } from '../../store/db.ts';
import { serialStore, type SerialStore } from '../../store/serial.ts';
import { createApp } from './app.ts';
import type { AppOptions, ServerContext } from './context.ts';

export interface RunningServer {
  readonly url: string;
  readonly store: SerialStore;
  readonly ctx: ServerContext;
  close(): Promise<void>;
}

export async function startServer(store: Store, options: AppOptions & { host?: string; port?: number }): Promise<RunningServer> {
  // Three read connections: on two cores more only queue in DuckDB's own scheduler.
  const serial = 'transaction' in store ? (store as SerialStore) : serialStore(store, { readers: 3 });
  const { app, ctx } = createApp(serial, options);
  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<ReturnType<typeof serve>>((ok, fail) => {
    const s = serve({ fetch: app.fetch, hostname: host, port: options.port ?? 8080 }, () => ok(s));
    s.once('error', fail);
  });
  const port = (server.address() as AddressInfo).port;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}`,
    store: serial,
    ctx,
    async close() {
      await new Promise<void>((ok) => server.close(() => ok()));
      await ctx.jobs.idle();
    },
  };
}
