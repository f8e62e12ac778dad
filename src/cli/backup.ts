// `yanpan backup [--to DIR]` and `yanpan restore BACKUP_DIR`, over --config FILE or --db FILE like the other
// commands. A backup is taken by whoever holds the database: this command when no server runs, the server
// (asked through the data folder's socket) when one does.
import { existsSync } from 'node:fs';
import { cp, mkdir, rename, rm } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { DatabaseLockedError, openStore } from '../store/db.ts';
import { backupsDir, ownLike, takeBackup, type BackupResult, type Manifest } from '../deploy/backup.ts';
import { adminSocketPath, requestBackup } from '../deploy/admin-socket.ts';
import { restoreBackup } from '../deploy/restore.ts';
import { exitWith } from './output.ts';
import { loadServeConfig } from './serve.ts';

interface Where { config?: string; db?: string }

/** The operating-system user running the command, for the security log. */
const operator = (): string => { try { return userInfo().username; } catch { return 'cli'; } };

const mb = (m: Manifest) => (m.files.reduce((a, f) => a + f.bytes, 0) / 1048576).toFixed(1);
const anchors = (m: Manifest) => Object.entries(m.audit).map(([k, v]) => `${k} ${v ?? '（空）'}`).join('；');

export async function backupCommand(o: Where & { to?: string }): Promise<number> {
  const loaded = await loadServeConfig({ config: o.config, db: o.db });
  if (!loaded.ok) return exitWith(loaded);
  const { db } = loaded.config;
  const dataDir = resolve(loaded.config.dataDir);
  if (!existsSync(db)) { process.stderr.write(`数据库不存在：${db}\n`); return 2; }
  const to = o.to === undefined ? undefined : resolve(o.to);
  let result: BackupResult;
  let viaServer = false;
  try {
    // Not migrated: a backup must hold the database as it is (the installer backs up before an upgrade).
    const store = await openStore(db, { migrate: false });
    try {
      if (to) await mkdir(to, { recursive: true });
      result = await takeBackup(store, dataDir, { parent: to ?? backupsDir(dataDir), by: operator() });
    } finally {
      store.close();
    }
  } catch (err) {
    if (!(err instanceof DatabaseLockedError)) throw err;
    const asked = await requestBackup(adminSocketPath(dataDir), operator());
    if (!asked) {
      process.stderr.write(`数据库 ${db} 正被另一个进程使用，但数据目录中的服务器没有应答（${adminSocketPath(dataDir)}）。\n`);
      return 1;
    }
    result = asked;
    viaServer = true;
  }
  if (!result.ok) return exitWith(result);
  let dir = result.dir;
  if (viaServer && to) {
    // The service may write only its data folder: it backs up there, and this command moves the folder.
    await mkdir(to, { recursive: true });
    const dest = join(to, basename(dir));
    try {
      await rename(dir, dest);
    } catch {
      await cp(dir, dest, { recursive: true, preserveTimestamps: true });
      await rm(dir, { recursive: true, force: true });
    }
    await ownLike(dest, to);
    dir = dest;
  }
  const m = result.manifest;
  process.stdout.write(`备份完成${viaServer ? '（由运行中的服务器制作）' : ''}：${m.files.length} 个文件，${mb(m)} MB，结构版本 ${m.schema_version}\n`);
  process.stdout.write(`审计锚点：${anchors(m)}\n`);
  process.stdout.write(`${dir}\n`);
  return 0;
}

/** Exit codes: 0 restored; 1 the database is in use; 2 bad arguments; 3 the backup failed its checks (nothing changed). */
export async function restoreCommand(backupDir: string, o: Where): Promise<number> {
  const loaded = await loadServeConfig({ config: o.config, db: o.db });
  if (!loaded.ok) return exitWith(loaded);
  const r = await restoreBackup(resolve(backupDir), loaded.config.db, resolve(loaded.config.dataDir), { by: operator() });
  if (!r.ok) {
    if (r.file === null) return exitWith(r);
    process.stderr.write(`备份未通过校验，未作任何改动。${r.file}：${r.error}\n`);
    return 3;
  }
  process.stdout.write(`已从 ${resolve(backupDir)} 恢复（${r.manifest.created_at} 由 ${r.manifest.version} 制作）到 ${r.db}\n`);
  process.stdout.write(`审计日志完整，与备份清单的锚点一致：${anchors(r.manifest)}\n`);
  if (r.aside) process.stdout.write(`被替换的数据已保留在 ${r.aside}\n`);
  return 0;
}
