// `yanpan import DIR`: every contract table found in the folder, in one transaction. A file that cannot
// be read fails the whole import and leaves the database exactly as it was.
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TABLES, TABLE_KEYS, type TableKey } from '../contract/tables.ts';
import { datasetFiles, matchNote, type DatasetFile, type IgnoredFile, type MatchRule } from './match-files.ts';
import { sha256Of } from './source.ts';
import { findSoffice } from './xls.ts';
import { transaction, type Store } from '../store/db.ts';
import { failureMessage } from './failure.ts';
import { inOrderAhead } from './ahead.ts';
import { loadSource, type FileReport } from './load-file.ts';
import { profiler } from './progress.ts';
import { readSource } from './source.ts';
import { loadOrder } from './load-order.ts';
import { setVacuumFor } from './vacuum.ts';
import { localStamp } from '../time/index.ts';

export interface ImportReport {
  readonly importId: number;
  readonly folder: string;
  readonly files: readonly (FileReport & { readonly matchedBy: MatchRule })[];
  /** Files in the folder that are not contract tables (ignored), each with the reason. */
  readonly ignored: readonly IgnoredFile[];
  /** Contract tables with no file in the folder. */
  readonly absent: readonly TableKey[];
  readonly seconds: number;
}

export type ImportOutcome =
  | { ok: true; report: ImportReport }
  | { ok: false; file: string | null; message: string };

export interface ImportEvents {
  fileStart?(file: string, table: TableKey, bytes: number): void;
  fileProgress?(file: string, fraction: number): void;
  fileDone?(report: FileReport): void;
}

class FileFailure extends Error {
  constructor(readonly file: string, message: string) {
    super(message);
  }
}

export interface ImportOptions {
  /** The LibreOffice command for .xls files: found on PATH unless given; null refuses them. */
  readonly soffice?: string | null;
  /** Who imported what, as people name it (the uploaded file names, not the server's folder): the history's 来源 and 导入人. */
  readonly origin?: { readonly source: string; readonly by: string };
}

/** Now as a Beijing wall-clock TIMESTAMP literal: the history shows Beijing time whatever the server's zone. */
const beijingNow = (): string => localStamp(new Date()).slice(0, 23).replace('T', ' ');

export async function importDataset(store: Store, dir: string, events: ImportEvents = {}, options: ImportOptions = {}): Promise<ImportOutcome> {
  const started = Date.now();
  const folder = resolve(dir);
  const names = await readdir(folder).catch(() => null);
  if (!names) return { ok: false, file: null, message: `无法读取数据目录：${folder}` };

  await removeStaleTemps(tmpdir());
  let tmp: string;
  try {
    tmp = await mkdtemp(join(tmpdir(), `${TEMP_PREFIX}${process.pid}-`));
  } catch (err) {
    return { ok: false, file: null, message: failureMessage(err, { database: store.path, tmpDir: tmpdir() }) };
  }
  try {
    const soffice = options.soffice !== undefined ? options.soffice : await findSoffice();
    const listing = await datasetFiles(folder, { soffice, workDir: tmp });
    if (!listing) return { ok: false, file: null, message: `无法读取数据目录：${folder}` };
    if (!listing.ok) return { ok: false, file: listing.file, message: listing.message };
    if (!listing.files.length) {
      const why = listing.ignored.length ? `；${listing.ignored.map((f) => `${f.file}：${f.reason}`).join('；')}` : '';
      return { ok: false, file: null, message: `目录 ${folder} 中没有任何数据表文件（如 violations.csv、devices.xlsx、单位.csv）${why}` };
    }
    return await importFiles(store, folder, listing.files, listing.ignored, tmp, events, started, options.origin);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

async function importFiles(
  store: Store, folder: string, listed: readonly DatasetFile[], ignored: IgnoredFile[], tmp: string,
  events: ImportEvents, started: number, origin?: ImportOptions['origin'],
): Promise<ImportOutcome> {
  const sizes = await Promise.all(listed.map((f) => stat(f.path).then((s) => s.size, () => 0)));
  const order = loadOrder(listed.map((f, i) => ({ table: f.table, bytes: sizes[i] })));
  const files = order.map((i) => ({ ...listed[i], bytes: sizes[i] }));
  // The source step of every file runs ahead, in load order, while DuckDB loads the files before it; the last file
  // (the largest after the referenced tables, load-order.ts) in a lane of its own, from the start (ahead.ts).
  const largest = files.length - 1;
  const sources = inOrderAhead(files, async (f) => {
    const step = profiler();
    const source = await readSource(TABLES[f.table], f.path, tmp);
    step(`source of ${f.name} (${source.ok ? source.source.encoding : 'failed'}), ahead of its load`);
    if (!source.ok) return source;
    // How the file was matched, and a converted .xls's own checksum, go with its report.
    const note = matchNote(f);
    const converted = f.path !== f.original;
    return {
      ok: true as const,
      source: {
        ...source.source,
        sha256: converted ? await sha256Of(f.original) : source.source.sha256,
        notes: [...(note ? [note] : []), ...(converted ? ['旧版 Excel（.xls）文件，已由 LibreOffice 转换后读取'] : []), ...source.source.notes],
      },
    };
  }, (_f, i) => (i === largest ? 1 : 0));
  // The file being loaded when an error is thrown (null: the commit), for the message.
  let current: string | null = null;
  try {
    let id = 0;
    const reports = await transaction(store, async () => {
      [{ id }] = await store.all<{ id: number }>('SELECT coalesce(max(import_id), 0) + 1 AS id FROM imports');
      await store.run(`INSERT INTO imports VALUES ($1, $3::TIMESTAMP, NULL, $2, 'running', NULL)`, [id, folder, beijingNow()]);
      if (origin) await store.run('INSERT INTO import_origin VALUES ($1, $2, $3)', [id, origin.source, origin.by]);
      const out: (FileReport & { matchedBy: MatchRule })[] = [];
      for (const [i, f] of files.entries()) {
        current = f.name;
        events.fileStart?.(f.name, f.table, f.bytes);
        const source = await sources.take(i);
        // A failure of the source step other than a refusal (a full disk) is the import's to report, as it was there.
        if (!source.ok) throw source.error;
        const progress = events.fileProgress;
        const res = await loadSource(store, TABLES[f.table], f.name, source.value, {
          importId: id, tmpDir: tmp, onProgress: progress && ((p) => progress(f.name, p)),
        });
        if (!res.ok) throw new FileFailure(res.file, res.message);
        events.fileDone?.(res.report);
        out.push({ ...res.report, matchedBy: f.rule });
        const r = res.report;
        await store.run('INSERT INTO import_files VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)', [
          id, r.file, r.table, r.format, r.encoding, r.sha256, r.rows, r.loaded, r.replaced, r.rejected,
          r.unknownColumns.join('、'), r.notes.join('；')]);
      }
      current = null;
      await setVacuumFor(store, out);
      await store.run(`UPDATE imports SET finished_at = $2::TIMESTAMP, status = 'ok' WHERE import_id = $1`, [id, beijingNow()]);
      return out;
    });
    const present = new Set(reports.map((r) => r.table));
    // Reported in the contract's order of tables, whatever order they loaded in.
    reports.sort((a, b) => TABLE_KEYS.indexOf(a.table as TableKey) - TABLE_KEYS.indexOf(b.table as TableKey));
    return {
      ok: true,
      report: {
        importId: id, folder, files: reports, ignored,
        absent: TABLE_KEYS.filter((k) => !present.has(k)), seconds: (Date.now() - started) / 1000,
      },
    };
  } catch (err) {
    if (err instanceof FileFailure) return { ok: false, file: err.file, message: err.message };
    return { ok: false, file: current, message: failureMessage(err, { database: store.path, tmpDir: tmp }) };
  } finally {
    // No source step may still be writing into the folder being removed.
    await sources.stop();
  }
}

/**
 * An import that failed leaves nothing in the database but this line of the history (the inbox's imports, which no
 * one watches as they run): the folder and the reason, status 'failed'.
 */
export async function recordFailedImport(store: Store, folder: string, message: string): Promise<number> {
  return transaction(store, async () => {
    const [{ id }] = await store.all<{ id: number }>('SELECT coalesce(max(import_id), 0) + 1 AS id FROM imports');
    await store.run(`INSERT INTO imports VALUES ($1, $4::TIMESTAMP, $4::TIMESTAMP, $2, 'failed', $3)`, [id, folder, message, beijingNow()]);
    return id;
  });
}

const TEMP_PREFIX = 'yanpan-import-';
/** Folders of the old naming (no process id) are stale once this old. */
const UNOWNED_STALE_MS = 24 * 3600_000;

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * An import killed before its `finally` leaves its temporary folder (converted copies, as large as the files).
 * Each folder is named with its process id: remove those whose process is gone. Never fails the import.
 */
export async function removeStaleTemps(dir: string, isAlive: (pid: number) => boolean = alive): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(TEMP_PREFIX)) continue;
    const path = join(dir, name);
    const pid = /^yanpan-import-(\d+)-/.exec(name)?.[1];
    const stale = pid !== undefined
      ? !isAlive(Number(pid))
      : await stat(path).then((s) => s.isDirectory() && Date.now() - s.mtimeMs > UNOWNED_STALE_MS, () => false);
    if (!stale) continue;
    await rm(path, { recursive: true, force: true }).then(() => removed.push(name), () => undefined);
  }
  return removed;
}
