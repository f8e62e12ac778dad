// `yanpan import DIR`: every contract table found in the folder, in one transaction. A file that cannot
// be read fails the whole import and leaves the database exactly as it was.
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TABLES, TABLE_KEYS, type TableKey } from '../contract/tables.ts';
import { inTransaction, type Store } from '../store/db.ts';
import { loadFile, type FileReport } from './load-file.ts';

export interface ImportReport {
  readonly importId: number;
  readonly folder: string;
  readonly files: readonly FileReport[];
  /** Files in the folder that are not contract tables (ignored). */
  readonly ignored: readonly string[];
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

/** The files of a dataset folder: `<table>.csv` or `<table>.xlsx` (case-insensitive). */
export async function datasetFiles(dir: string): Promise<{ files: { table: TableKey; name: string; path: string }[]; ignored: string[] } | null> {
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch {
    return null;
  }
  const files: { table: TableKey; name: string; path: string }[] = [];
  const ignored: string[] = [];
  for (const name of names) {
    const m = /^([a-z_]+)\.(csv|xlsx)$/i.exec(name);
    const key = m?.[1].toLowerCase() as TableKey | undefined;
    if (!m || !key || !TABLE_KEYS.includes(key)) {
      ignored.push(name);
      continue;
    }
    if (files.some((f) => f.table === key)) {
      ignored.push(name);
      continue;
    }
    files.push({ table: key, name, path: join(dir, name) });
  }
  // Reference tables first, so the data-quality notes of the big tables can see them.
  files.sort((a, b) => TABLE_KEYS.indexOf(a.table) - TABLE_KEYS.indexOf(b.table));
  return { files, ignored };
}

export async function importDataset(store: Store, dir: string, events: ImportEvents = {}): Promise<ImportOutcome> {
  const started = Date.now();
  const folder = resolve(dir);
  const listing = await datasetFiles(folder);
  if (!listing) return { ok: false, file: null, message: `无法读取数据目录：${folder}` };
  if (!listing.files.length) return { ok: false, file: null, message: `目录 ${folder} 中没有任何数据表文件（如 violations.csv、devices.xlsx）` };

  const tmp = await mkdtemp(join(tmpdir(), 'yanpan-import-'));
  try {
    const [{ id }] = await store.all<{ id: number }>('SELECT coalesce(max(import_id), 0) + 1 AS id FROM imports');
    const reports = await inTransaction(store, async () => {
      await store.run(`INSERT INTO imports VALUES ($1, now()::TIMESTAMP, NULL, $2, 'running', NULL)`, [id, folder]);
      const out: FileReport[] = [];
      for (const f of listing.files) {
        events.fileStart?.(f.name, f.table, (await stat(f.path)).size);
        const res = await loadFile(store, TABLES[f.table], f.path, f.name, {
          importId: id, tmpDir: tmp, onProgress: events.fileProgress && ((p) => events.fileProgress!(f.name, p)),
        });
        if (!res.ok) throw new FileFailure(res.file, res.message);
        events.fileDone?.(res.report);
        out.push(res.report);
        const r = res.report;
        await store.run('INSERT INTO import_files VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)', [
          id, r.file, r.table, r.format, r.encoding, r.sha256, r.rows, r.loaded, r.replaced, r.rejected,
          r.unknownColumns.join('、'), r.notes.join('；')]);
      }
      await store.run(`UPDATE imports SET finished_at = now()::TIMESTAMP, status = 'ok' WHERE import_id = $1`, [id]);
      return out;
    });
    const present = new Set(reports.map((r) => r.table));
    return {
      ok: true,
      report: {
        importId: id, folder, files: reports, ignored: listing.ignored,
        absent: TABLE_KEYS.filter((k) => !present.has(k)), seconds: (Date.now() - started) / 1000,
      },
    };
  } catch (err) {
    if (err instanceof FileFailure) return { ok: false, file: err.file, message: err.message };
    throw err;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
