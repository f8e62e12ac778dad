// The import history (数据 page): each import with its files and counts, and the rows it refused with
// file, line, column and reason — as JSON for the page and as CSV (the same columns as `yanpan rejects`).
import type { Store } from '../store/db.ts';
import { csvField } from '../contract/csv.ts';
import { TABLES } from '../contract/tables.ts';

/** The contract's Chinese name of a table, and of one of its columns; a key the contract does not know as it is. */
const tableZh = (t: string): string => (TABLES as Record<string, { zh: string } | undefined>)[t]?.zh ?? t;
const columnZh = (t: string, c: string): string =>
  (TABLES as Record<string, { columns: readonly { key: string; zh: string }[] } | undefined>)[t]?.columns.find((x) => x.key === c)?.zh ?? c;

/** `notes`: how the file was matched to its table, the rows skipped above and below, the columns ignored (「；」 between). */
export interface ImportFile { file: string; table_name: string; table_zh: string; format: string; encoding: string; rows: number; loaded: number; replaced: number; rejected: number; notes: string | null }
export interface ImportRow {
  import_id: number; started_at: string | null; finished_at: string | null; status: string; message: string | null;
  /** What was imported as people name it: the uploaded files, else the folder's own name (never the server's path). */
  source: string;
  /** Who imported it; null for an import from the command line or the inbox. */
  imported_by: string | null;
  /** ok, partial (some rows were refused), failed. */
  outcome: 'ok' | 'partial' | 'failed';
  loaded: number; replaced: number; rejected: number; files: ImportFile[];
}
/** table_zh and column_zh: the contract's Chinese names, for the console (the CSV keeps the keys of `yanpan rejects`). */
export interface RejectRow { import: number; table: string; table_zh: string; file: string; line: number; column: string; column_zh: string; value: string | null; reason: string }

export async function importHistory(store: Pick<Store, 'all'>, limit = 100): Promise<ImportRow[]> {
  const imports = await store.all<Omit<ImportRow, 'files' | 'loaded' | 'replaced' | 'rejected' | 'outcome' | 'source'> & { folder: string; source: string | null }>(
    `SELECT i.import_id, strftime(i.started_at, '%Y-%m-%d %H:%M:%S') AS started_at, strftime(i.finished_at, '%Y-%m-%d %H:%M:%S') AS finished_at,
       i.folder, i.status, i.message, o.source, o.imported_by
     FROM imports i LEFT JOIN import_origin o USING (import_id) ORDER BY i.import_id DESC LIMIT ${Math.max(1, Math.floor(limit))}`);
  const files = await store.all<Omit<ImportFile, 'table_zh'> & { import_id: number }>(
    `SELECT import_id, file, table_name, format, encoding, rows, loaded, replaced, rejected, notes FROM import_files
     WHERE import_id IN (SELECT import_id FROM imports ORDER BY import_id DESC LIMIT ${Math.max(1, Math.floor(limit))}) ORDER BY import_id, file`);
  return imports.map((i) => {
    const mine = files.filter((f) => f.import_id === i.import_id).map(({ import_id: _id, ...f }) => ({ ...f, table_zh: tableZh(f.table_name) }));
    const sum = (k: 'loaded' | 'replaced' | 'rejected'): number => mine.reduce((n, f) => n + Number(f[k] ?? 0), 0);
    const rejected = sum('rejected');
    const outcome = i.status === 'ok' ? (rejected > 0 ? 'partial' : 'ok') : 'failed';
    // An import from the command line or the inbox has no uploaded names: the folder's own name, not its path.
    const { folder, ...rest } = i;
    const source = i.source ?? (folder.split(/[\\/]/).filter(Boolean).at(-1) ?? '');
    return { ...rest, source, files: mine, loaded: sum('loaded'), replaced: sum('replaced'), rejected, outcome };
  });
}

const REJECT_SQL = `SELECT import_id AS "import", table_name AS "table", file, line, column_name AS "column", value, reason
  FROM rejects WHERE import_id = $id ORDER BY file, line, column_name`;

/** The refused rows of one import: the total and the first `limit`; null when the import does not exist. */
export async function importRejects(store: Pick<Store, 'all'>, importId: number, limit: number): Promise<{ total: number; rows: RejectRow[] } | null> {
  const [exists] = await store.all('SELECT 1 FROM imports WHERE import_id = $id', { id: importId });
  if (!exists) return null;
  const [{ n }] = await store.all<{ n: number }>('SELECT count(*) AS n FROM rejects WHERE import_id = $id', { id: importId });
  const rows = await store.all<Omit<RejectRow, 'table_zh' | 'column_zh'>>(`${REJECT_SQL} LIMIT ${Math.max(0, Math.floor(limit))}`, { id: importId });
  return { total: n, rows: rows.map((r) => ({ ...r, table_zh: tableZh(r.table), column_zh: columnZh(r.table, r.column) })) };
}

/** All refused rows of one import as CSV (UTF-8 with BOM so Excel reads the Chinese), or null. */
export async function importRejectsCsv(store: Pick<Store, 'all'>, importId: number): Promise<string | null> {
  const [exists] = await store.all('SELECT 1 FROM imports WHERE import_id = $id', { id: importId });
  if (!exists) return null;
  const rows = await store.all<Record<string, unknown>>(REJECT_SQL, { id: importId });
  const head = ['import', 'table', 'file', 'line', 'column', 'value', 'reason'];
  return '\uFEFF' + [head.join(','), ...rows.map((r) => head.map((h) => csvField(r[h])).join(','))].join('\r\n') + '\r\n';
}

/** The latest imports with their files' counts summed (the import jobs' page beside this process's jobs). */
export async function importTotals(store: Pick<Store, 'all'>, limit = 100): Promise<Record<string, unknown>[]> {
  return store.all(`SELECT i.import_id, i.started_at, i.finished_at, i.status, i.message,
      count(f.file) AS files, sum(f.rows) AS rows, sum(f.loaded) AS loaded, sum(f.rejected) AS rejected
    FROM imports i LEFT JOIN import_files f USING (import_id) GROUP BY ALL ORDER BY i.import_id DESC LIMIT ${Math.max(1, Math.floor(limit))}`);
}
