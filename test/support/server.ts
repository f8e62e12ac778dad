// A real server for HTTP tests: a fresh DuckDB file in a temp folder, the app on 127.0.0.1 port 0.
//
//   const srv = await startTestServer({ users: [{ name: 'sup', role: 'supervisor' }], data: { units: [...] } });
//   const cookie = await srv.login('sup');            // password is TEST_PASSWORD unless given
//   const r = await srv.fetch('/api/items', { cookie });
//   await srv.close();                                 // stops the server, closes the DB, removes the folder
//   (srv.stop() stops and closes but keeps the folder, to reopen the database file)
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../src/store/db.ts';
import { serialStore, type SerialStore } from '../../src/store/serial.ts';
import type { Clock } from '../../src/time/index.ts';
import { addUser } from '../../src/supervise/users.ts';
import { startServer, type RunningServer, type ServerOptions } from '../../src/web/server/serve.ts';
import { insertRows, type Fixture } from './fixture.ts';

export const TEST_PASSWORD = 'test-password-1';

export interface TestUser { name: string; role: 'supervisor' | 'brigade' | 'admin'; unit?: string; password?: string; mustChange?: boolean }

export interface TestServer {
  readonly url: string;
  readonly dir: string;
  readonly store: SerialStore;
  readonly server: RunningServer;
  /** Log in and return the Cookie header value. Throws when the log-in fails. */
  login(name: string, password?: string): Promise<string>;
  /** fetch(url + path) with an optional session cookie and JSON body; same-origin by default. */
  fetch(path: string, init?: { method?: string; cookie?: string; json?: unknown; body?: BodyInit; headers?: Record<string, string> }): Promise<Response>;
  /** Stop the server and close the database, keeping the folder (to reopen the file). */
  stop(): Promise<void>;
  /** Stop (if not yet) and remove the folder. */
  close(): Promise<void>;
}

export async function startTestServer(o: { users?: TestUser[]; data?: Fixture; clock?: Clock; options?: Partial<ServerOptions>; setup?: (store: Store) => Promise<void> } = {}): Promise<TestServer> {
  const dir = await mkdtemp(join(tmpdir(), 'yanpan-http-'));
  const raw = await openStore(join(dir, 'yanpan.duckdb'));
  const store = serialStore(raw, { readers: 2 });
  if (o.data) await insertRows(raw, o.data);
  for (const u of o.users ?? []) {
    const r = await addUser(store, u.name, u.role, u.unit ?? null, u.password ?? TEST_PASSWORD, 'test', undefined, { mustChange: u.mustChange });
    if (!r.ok) throw new Error(r.error);
  }
  if (o.setup) await o.setup(store);
  const server = await startServer(store, { host: '127.0.0.1', port: 0, dataDir: dir, clock: o.clock, loginDelayMs: () => 0, ...o.options });
  const url = server.url;
  const doFetch: TestServer['fetch'] = (path, init = {}) => {
    const headers: Record<string, string> = { origin: url, ...init.headers };
    if (init.cookie) headers.cookie = init.cookie;
    let body = init.body;
    if (init.json !== undefined) { headers['content-type'] = 'application/json'; body = JSON.stringify(init.json); }
    return fetch(url + path, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
  };
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await server.close();
    store.close();
  };
  return {
    url, dir, store, server,
    fetch: doFetch,
    async login(name, password = TEST_PASSWORD) {
      const r = await doFetch('/api/login', { json: { username: name, password } });
      if (r.status !== 200) throw new Error(`login ${name}: ${r.status} ${await r.text()}`);
      const set = r.headers.get('set-cookie') ?? '';
      return set.split(';')[0];
    },
    stop,
    async close() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
