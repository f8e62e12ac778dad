// `yanpan serve [--config FILE] [flags]`: the API and the console. This process owns the database file while it runs.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../store/db.ts';
import { failure, type Failure } from '../contract/failure.ts';
import { exitWith } from './output.ts';
import { parseConfig, resolveConfig, type ServeFlags, type ServerConfig } from '../deploy/config.ts';
import { startServer, type RunningServer } from '../web/server/serve.ts';
import { backupsDir, pruneBackups, takeBackup } from '../deploy/backup.ts';
import { adminSocketPath, listenAdmin } from '../deploy/admin-socket.ts';
import { scheduleDaily } from '../deploy/schedule.ts';

/** Where the console build lands (vite's output folder); served when present. */
export const CONSOLE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist/console');

export interface ServeArgs extends ServeFlags { config?: string }

/** The configuration file (when given) under the flags; an error message names what is wrong. */
export async function loadServeConfig(o: ServeArgs): Promise<{ ok: true; config: ServerConfig } | Failure> {
  let values = {};
  if (o.config !== undefined) {
    let text: string;
    try {
      text = await readFile(o.config, 'utf8');
    } catch (err) {
      return failure('invalid', `无法读取配置文件 ${o.config}：${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    const parsed = parseConfig(text, o.config);
    if (!parsed.ok) return parsed;
    values = parsed.values;
  }
  return resolveConfig(values, o, o.config === undefined ? '配置' : `配置文件 ${o.config}`);
}

const log = (line: string) => { process.stdout.write(`${line}\n`); };

export async function serveCommand(o: ServeArgs, banner: (server: RunningServer) => string = () => ''): Promise<number> {
  const loaded = await loadServeConfig(o);
  if (!loaded.ok) return exitWith(loaded);
  const cfg = loaded.config;
  let tls: { cert: Buffer; key: Buffer } | null = null;
  if (cfg.tlsCert && cfg.tlsKey) {
    try {
      tls = { cert: await readFile(cfg.tlsCert), key: await readFile(cfg.tlsKey) };
    } catch (err) {
      process.stderr.write(`无法读取 TLS 证书或私钥：${(err as NodeJS.ErrnoException).path ?? ''} ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\n`);
      return 2;
    }
  }
  let server: RunningServer;
  try {
    server = await startServer(openStore(cfg.db), {
      host: cfg.address, port: cfg.port, dataDir: resolve(cfg.dataDir), staticDir: CONSOLE_DIR, log, tls, publicUrl: cfg.publicUrl,
      inbox: cfg.inbox === null ? null : { dir: resolve(cfg.inbox) },
      onListening: (url) => log(`正在打开数据库 ${cfg.db}（${url}/api/health 在就绪前答 503）`),
    });
  } catch (err) {
    process.stderr.write(`无法启动服务（${cfg.address}:${cfg.port}，数据库 ${cfg.db}）：${(err as Error).message}\n`);
    return 1;
  }
  // Backups are taken here, by the process that holds the database: on `yanpan backup` (through the data
  // folder's socket) and nightly at backup_time.
  const dataDir = resolve(cfg.dataDir);
  const backup = async (kind: 'auto' | 'manual', by?: string) => {
    const t0 = Date.now();
    const r = await takeBackup(server.store, dataDir, { kind, by });
    log(r.ok ? `backup ${kind} ok ${Date.now() - t0}ms ${r.dir}` : `backup ${kind} failed ${Date.now() - t0}ms error=${JSON.stringify(r.error)}`);
    return r;
  };
  let admin: Awaited<ReturnType<typeof listenAdmin>> | null = null;
  try {
    admin = await listenAdmin(adminSocketPath(dataDir), { backup: (by) => backup('manual', by) });
  } catch (err) {
    log(`无法在数据目录中建立本机管理接口（yanpan backup 将无法在服务运行时备份）：${(err as Error).message}`);
  }
  const nightly = cfg.backupTime === null ? null : scheduleDaily(cfg.backupTime, async () => {
    const r = await backup('auto');
    if (r.ok) for (const gone of await pruneBackups(backupsDir(dataDir), cfg.backupKeep)) log(`backup pruned ${gone}`);
  });
  process.stdout.write(`研判控制台已启动：${server.url}/  （数据库 ${cfg.db}；按 Ctrl+C 停止）\n${banner(server)}`);
  await new Promise<void>((ok) => {
    const stop = () => { process.off('SIGINT', stop); process.off('SIGTERM', stop); ok(); };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  log('正在停止服务：不再接受新连接，等待进行中的请求完成，取消进行中的导入或分析…');
  nightly?.stop();
  await admin?.close();
  await server.close();
  // Everything committed goes from the write-ahead log into the database file before it closes.
  await server.store.run('CHECKPOINT').catch((err: unknown) => log(`检查点失败：${(err as Error).message}`));
  server.store.close();
  log('服务已停止。');
  return 0;
}
