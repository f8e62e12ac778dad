// `yanpan serve`: the API and the console. This process owns the database file while it runs.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../store/db.ts';
import { startServer, type RunningServer } from '../web/server/serve.ts';

/** Where the console build lands (vite's output folder); served when present. */
export const CONSOLE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist/console');

export interface ServeArgs { db: string; host: string; port: string }

export async function serveCommand(o: ServeArgs, banner: (server: RunningServer) => string = () => ''): Promise<number> {
  const port = Number(o.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) { process.stderr.write(`--port 应为 0–65535 的整数，而不是 ${o.port}\n`); return 2; }
  const store = await openStore(o.db);
  let server: RunningServer;
  try {
    server = await startServer(store, { host: o.host, port, dataDir: dirname(resolve(o.db)), staticDir: CONSOLE_DIR });
  } catch (err) {
    store.close();
    process.stderr.write(`无法在 ${o.host}:${port} 上启动服务：${(err as Error).message}\n`);
    return 1;
  }
  process.stdout.write(`研判控制台已启动：${server.url}/  （数据库 ${o.db}；按 Ctrl+C 停止）\n${banner(server)}`);
  await new Promise<void>((ok) => {
    const stop = () => { process.off('SIGINT', stop); process.off('SIGTERM', stop); ok(); };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  process.stdout.write('正在停止服务…\n');
  await server.close();
  store.close();
  return 0;
}
