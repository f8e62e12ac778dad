// A backup: a folder holding a consistent copy of the database, the attachments, and manifest.json with the
// SHA-256 of every file and the audit chains' last entries. Taken by the process that holds the database
// (the server, on request or on its schedule; otherwise the command itself), because DuckDB lets one
// process open the file: the copy is DuckDB's own COPY FROM DATABASE, one statement, one snapshot, so an
// import running meanwhile on another connection is either wholly in it or not at all.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { chown, cp, lstat, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { failure, type Failure } from '../contract/failure.ts';
import { openStore, type Store } from '../store/db.ts';
import { SCHEMA_VERSION } from '../store/migrations.ts';
import { localStamp } from '../time/index.ts';
import { appendSecurity } from '../supervise/security-log.ts';
import { chainHeads } from './chains.ts';
import { DB_FILE } from './config.ts';
import { VERSION } from './version.ts';

export const MANIFEST = 'manifest.json';
export const MANIFEST_FORMAT = 'yanpan-backup/1';

/**
 * The manifest as written: canonical JSON ending with its own SHA-256 (over the text without that line), so
 * that one byte changed anywhere in it, even in a field nothing else checks, is found.
 */
export function manifestText(m: Manifest): string {
  const body = JSON.stringify(m, null, 2);
  return `${body.slice(0, -2)},\n  "manifest_sha256": "${createHash('sha256').update(body).digest('hex')}"\n}\n`;
}

/** The manifest of `text` when the text is exactly as manifestText wrote it; null otherwise. */
export function readManifestText(text: string): Record<string, unknown> | null {
  let v: unknown;
  try { v = JSON.parse(text); } catch { return null; }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const { manifest_sha256: _self, ...rest } = v as Record<string, unknown>;
  return manifestText(rest as unknown as Manifest) === text ? rest : null;
}

export interface ManifestFile { readonly path: string; readonly bytes: number; readonly sha256: string }
export interface Manifest {
  readonly format: typeof MANIFEST_FORMAT;
  /** The release that took it. */
  readonly version: string;
  readonly schema_version: number;
  readonly created_at: string;
  /** The chains' last entries, SEQ:HASH (null: the log is empty). */
  readonly audit: Record<string, string | null>;
  /** Every file of the backup but the manifest, in path order ('/'-separated, relative). */
  readonly files: readonly ManifestFile[];
}

/** Scheduled backups are named auto-…, and only those are pruned; one asked for (and the installer's) is kept. */
export const AUTO_PREFIX = 'auto-';
export const MANUAL_PREFIX = 'yanpan-';

/** A backup that failed may work later (disk space, a log being written): `unavailable`. */
export type BackupResult = { ok: true; dir: string; manifest: Manifest } | Failure;

export const backupsDir = (dataDir: string): string => join(dataDir, 'backups');

export interface BackupOptions {
  readonly parent?: string;
  readonly kind?: 'auto' | 'manual';
  readonly now?: Date;
  /** Who asked (the operating-system user of the command); the schedule when absent. */
  readonly by?: string;
}

// Two backups at once (the schedule and a request) would race for the folder name; one at a time.
let running: Promise<unknown> = Promise.resolve();

/**
 * Back up the database `store` holds (with the attachments of `dataDir`) into a new folder under `parent`
 * (default: the data folder's backups/). Written as `NAME.partial` and renamed when complete, so a backup
 * cut short never looks like one.
 */
export function takeBackup(store: Store, dataDir: string, o: BackupOptions = {}): Promise<BackupResult> {
  const work = running.then(() => backupOnce(store, dataDir, o), () => backupOnce(store, dataDir, o));
  running = work.catch(() => undefined);
  return work;
}

async function backupOnce(store: Store, dataDir: string, o: BackupOptions): Promise<BackupResult> {
  const parent = o.parent ?? backupsDir(dataDir);
  const stamp = localStamp(o.now ?? new Date()).slice(0, 19).replace(/[-:]/g, '').replace('T', '-').replace(' ', '-');
  let name = `${o.kind === 'auto' ? AUTO_PREFIX : MANUAL_PREFIX}${stamp}`;
  for (let n = 2; existsSync(join(parent, name)); n++) name = `${o.kind === 'auto' ? AUTO_PREFIX : MANUAL_PREFIX}${stamp}-${n}`;
  const dir = join(parent, name);
  const partial = `${dir}.partial`;
  try {
    await mkdir(partial, { recursive: true });
    // Logged before the copy, so the backup carries the entry that records it (and its anchor covers it).
    // (A database of a release before the security log has none to write to.)
    if (await hasTable(store, 'security_log')) {
      await appendSecurity(store, { user: o.by ?? 'system', address: o.by ? 'cli' : 'local', event: 'backup', outcome: 'success', detail: name });
    }
    const alias = `yanpan_backup_${randomBytes(4).toString('hex')}`;
    const [{ db }] = await store.all<{ db: string }>('SELECT current_database() AS db');
    await store.run(`ATTACH '${join(partial, DB_FILE).replaceAll("'", "''")}' AS ${alias}`);
    try {
      await store.run(`COPY FROM DATABASE "${db.replaceAll('"', '""')}" TO ${alias}`);
    } finally {
      await store.run(`DETACH ${alias}`);
    }
    const attachments = join(dataDir, 'attachments');
    if (existsSync(attachments)) await cp(attachments, join(partial, 'attachments'), { recursive: true, preserveTimestamps: true });
    // The anchors are read from the copy, so they describe exactly what the backup holds.
    const copy = await openStore(join(partial, DB_FILE), { readOnly: true });
    let heads: Awaited<ReturnType<typeof chainHeads>>;
    let schema: number;
    try {
      heads = await chainHeads(copy);
      [{ v: schema }] = await copy.all<{ v: number }>('SELECT max(version)::INT AS v FROM schema_version');
    } finally {
      copy.close();
    }
    if (!heads.ok) throw new Error(`审计日志已不完整，未备份：${heads.error}`);
    const manifest: Manifest = {
      format: MANIFEST_FORMAT, version: VERSION, schema_version: schema ?? SCHEMA_VERSION,
      created_at: (o.now ?? new Date()).toISOString(), audit: heads.heads, files: await describeFiles(partial),
    };
    await writeFile(join(partial, MANIFEST), manifestText(manifest));
    await rename(partial, dir);
    await ownLike(dir, parent);
    return { ok: true, dir, manifest };
  } catch (err) {
    // Nothing to remove when the folder could not be made (a parent that is not a folder): the failure says why.
    await rm(partial, { recursive: true, force: true }).catch(() => undefined);
    return failure('unavailable', `备份失败：${(err as Error).message}`);
  }
}

export async function hasTable(store: Store, table: string): Promise<boolean> {
  const [{ n }] = await store.all<{ n: number }>("SELECT count(*)::INT AS n FROM duckdb_tables() WHERE table_name = $1 AND database_name = current_database()", [table]);
  return n > 0;
}

/** Every regular file under `dir` but the manifest, with its size and SHA-256. */
export async function describeFiles(dir: string): Promise<ManifestFile[]> {
  const out: ManifestFile[] = [];
  for (const path of await listFiles(dir)) {
    if (path === MANIFEST) continue;
    const full = join(dir, path);
    out.push({ path, bytes: (await stat(full)).size, sha256: await sha256File(full) });
  }
  return out;
}

/** Relative '/'-separated paths of everything under `dir` that is not a folder (a link or a FIFO is listed too, to be refused). */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.isDirectory()) await walk(full);
      else out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  await walk(dir);
  return out.sort();
}

export function sha256File(path: string): Promise<string> {
  return new Promise((ok, fail) => {
    const h = createHash('sha256');
    createReadStream(path).on('error', fail).on('data', (b) => h.update(b)).on('end', () => ok(h.digest('hex')));
  });
}

/** Keep the newest `keep` scheduled backups under `parent`; returns the folders removed. */
export async function pruneBackups(parent: string, keep: number): Promise<string[]> {
  if (!existsSync(parent)) return [];
  const autos = (await readdir(parent, { withFileTypes: true }))
    .filter((e) => e.isDirectory() && e.name.startsWith(AUTO_PREFIX) && !e.name.endsWith('.partial'))
    .map((e) => e.name).sort();
  const gone = autos.slice(0, Math.max(0, autos.length - keep));
  for (const name of gone) await rm(join(parent, name), { recursive: true, force: true });
  return gone;
}

/**
 * Run by root (the installer, an officer with sudo), a command writes files the service's user could not
 * then read or replace: give what it wrote to the owner of the folder it wrote into.
 */
export async function ownLike(path: string, reference: string): Promise<void> {
  if (process.getuid?.() !== 0) return;
  const { uid, gid } = await stat(reference);
  if (uid === 0) return;
  const walk = async (p: string): Promise<void> => {
    await chown(p, uid, gid);
    if ((await lstat(p)).isDirectory()) for (const e of await readdir(p)) await walk(join(p, e));
  };
  await walk(path);
}
