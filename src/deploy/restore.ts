// Restore: believe nothing of a backup until it is checked. The manifest must list every file exactly (none
// missing, none extra, each with its size and SHA-256), the database copy must open, be of a schema this
// release knows, and hold audit chains that are whole and end at the entries the manifest recorded. Only
// then is the data replaced, and what it replaces is moved aside, not deleted.
import { existsSync } from 'node:fs';
import { copyFile, cp, mkdir, readFile, rename, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { failure, type Failure } from '../contract/failure.ts';
import { DatabaseLockedError, openStore } from '../store/db.ts';
import { SCHEMA_VERSION } from '../store/migrations.ts';
import { localStamp } from '../time/index.ts';
import { appendSecurity } from '../supervise/security-log.ts';
import { MANIFEST, MANIFEST_FORMAT, hasTable, listFiles, ownLike, readManifestText, sha256File, type Manifest } from './backup.ts';
import { checkChains } from './chains.ts';
import { DB_FILE } from './config.ts';

/** A backup or restore refused: the file that fails its checks (null when no one file does). */
export type RestoreFailure = Failure & { readonly file: string | null };

export type CheckResult = { ok: true; manifest: Manifest } | RestoreFailure;

const refuse = (file: string | null, error: string): RestoreFailure => ({ ...failure('invalid', error), file });

function isManifest(v: unknown): v is Manifest {
  if (typeof v !== 'object' || v === null) return false;
  const m = v as Record<string, unknown>;
  return m.format === MANIFEST_FORMAT && typeof m.version === 'string' && Number.isInteger(m.schema_version)
    && typeof m.audit === 'object' && m.audit !== null && Array.isArray(m.files)
    && m.files.every((f: unknown) => typeof f === 'object' && f !== null
      && typeof (f as Record<string, unknown>).path === 'string' && Number.isInteger((f as Record<string, unknown>).bytes)
      && /^[0-9a-f]{64}$/.test(String((f as Record<string, unknown>).sha256)));
}

/** Check a backup folder without changing anything; a refusal names the file that fails. */
export async function checkBackup(dir: string): Promise<CheckResult> {
  if (!existsSync(dir) || !(await stat(dir)).isDirectory()) return refuse(null, `备份目录不存在：${dir}`);
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST), 'utf8');
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    return refuse(MANIFEST, missing ? `备份不完整：缺少 ${MANIFEST}` : `无法读取 ${MANIFEST}：${(err as Error).message}`);
  }
  const manifest = readManifestText(text);
  if (!manifest) return refuse(MANIFEST, `备份已损坏：${MANIFEST} 被改动（与其自身的 SHA-256 不符）`);
  if (!isManifest(manifest)) return refuse(MANIFEST, `${MANIFEST} 不是研判备份清单`);
  const listed = new Map(manifest.files.map((f) => [f.path, f]));
  if (!listed.has(DB_FILE)) return refuse(MANIFEST, `${MANIFEST} 未列出数据库文件 ${DB_FILE}`);
  const present = new Set((await listFiles(dir)).filter((p) => p !== MANIFEST));
  for (const f of manifest.files) {
    if (!present.has(f.path)) return refuse(f.path, `备份不完整：缺少文件 ${f.path}`);
    const full = join(dir, f.path);
    const st = await stat(full);
    if (!st.isFile()) return refuse(f.path, `备份中的 ${f.path} 不是普通文件`);
    if (st.size !== f.bytes) return refuse(f.path, `备份已损坏：${f.path} 的大小为 ${st.size} 字节，清单记为 ${f.bytes} 字节`);
    if ((await sha256File(full)) !== f.sha256) return refuse(f.path, `备份已损坏：${f.path} 的 SHA-256 与清单不符`);
  }
  for (const p of present) if (!listed.has(p)) return refuse(p, `备份中有清单未列出的文件 ${p}`);
  if (manifest.schema_version > SCHEMA_VERSION) {
    return refuse(DB_FILE, `此备份由更新的版本（${manifest.version}，结构版本 ${manifest.schema_version}）制作，本程序只支持到结构版本 ${SCHEMA_VERSION}`);
  }
  let copy;
  try {
    copy = await openStore(join(dir, DB_FILE), { readOnly: true });
  } catch (err) {
    return refuse(DB_FILE, `备份中的数据库无法打开：${(err as Error).message}`);
  }
  try {
    const chains = await checkChains(copy, manifest.audit);
    if (!chains.ok) return refuse(DB_FILE, `审计日志与备份清单的锚点不符：${chains.error}`);
  } catch (err) {
    return refuse(DB_FILE, `备份中的数据库无法读取：${(err as Error).message}`);
  } finally {
    copy.close();
  }
  return { ok: true, manifest };
}

export type RestoreResult =
  | { ok: true; manifest: Manifest; db: string; aside: string | null }
  | RestoreFailure;

/**
 * Check the backup, then put its database at `db` and its attachments in `dataDir`. Whatever was there
 * is moved into `dataDir/replaced-<time>/` first. Refused while another process (the server) holds `db`.
 */
export async function restoreBackup(backupDir: string, db: string, dataDir: string, o: { now?: Date; by?: string } = {}): Promise<RestoreResult> {
  const now = o.now ?? new Date();
  const checked = await checkBackup(backupDir);
  if (!checked.ok) return checked;
  const target = resolve(db);
  if (existsSync(target)) {
    try {
      (await openStore(target, { readOnly: true })).close();
    } catch (err) {
      if (err instanceof DatabaseLockedError) return { ...failure('unavailable', `数据库 ${db} 正被另一个进程（yanpan serve）使用：请先停止服务（systemctl stop yanpan），再恢复。`), file: null };
      // A damaged database is what a restore is for: it is moved aside like any other.
    }
  }
  await mkdir(dataDir, { recursive: true });
  const replaced = [target, `${target}.wal`, join(dataDir, 'attachments')].filter((p) => existsSync(p));
  let aside: string | null = null;
  if (replaced.length) {
    aside = join(dataDir, `replaced-${localStamp(now).slice(0, 19).replace(/[-:]/g, '').replace(/[T ]/, '-')}`);
    for (let n = 2; existsSync(aside); n++) aside = `${aside.replace(/-\d+$/, '')}-${n}`;
    await mkdir(aside, { recursive: true });
    for (const p of replaced) await rename(p, join(aside, basename(p)));
  }
  await mkdir(dirname(target), { recursive: true });
  await copyFile(join(backupDir, DB_FILE), target);
  const attachments = join(backupDir, 'attachments');
  if (existsSync(attachments)) await cp(attachments, join(dataDir, 'attachments'), { recursive: true, preserveTimestamps: true });
  // The restored database records that it was restored (its chain goes on from the backup's anchor).
  const restored = await openStore(target, { migrate: false });
  try {
    if (await hasTable(restored, 'security_log')) {
      await appendSecurity(restored, { user: o.by ?? 'cli', address: 'cli', event: 'restore', outcome: 'success',
        detail: `从 ${basename(backupDir)} 恢复${aside ? `，被替换的数据在 ${basename(aside)}` : ''}` });
    }
    await restored.run('CHECKPOINT');
  } finally {
    restored.close();
  }
  for (const p of [target, join(dataDir, 'attachments'), ...(aside ? [aside] : [])]) if (existsSync(p)) await ownLike(p, dataDir);
  return { ok: true, manifest: checked.manifest, db: target, aside };
}
