// The import history (数据 page): each import with its files and counts, and the rows it refused with
// file, line, column and reason — as JSON for the page and as CSV (the same columns as `yanpan rejects`).
import type { Store } from '../store/db.ts';
import { csvField } from '../contract/csv.ts';

/** `notes`: how the file was matched to its table, the rows skipped above and below, the columns ignored (「；」 between). */
export interface ImportFile { file: string; table_name: string; format: string; encoding: string; rows: number; loaded: number; replaced: number; rejected: number; notes: string | null }
export interface ImportRow {
  import_id: number; started_at: string | null; finished_at: string | null; folder: string; status: string; message: string | null;
  loaded: number; rejected: number; files: ImportFile[];
}
export interface RejectRow { import: number; table: string; file: string; line: number; column: string; value: string | null; reason: string }

export async function importHistory(store: Pick<Store, 'all'>, limit = 100): Promise<ImportRow[]> {
  const imports = await store.all<Omit<ImportRow, 'files' | 'loaded' | 'rejected'>>(
    `SELECT import_id, strftime(started_at, '%Y-%m-%d %H:%M:%S') AS started_at, strftime(finished_at, '%Y-%m-%d %H:%M:%S') AS finished_at,
       folder, status, message FROM imports ORDER BY import_id DESC LIMIT ${Math.max(1, Math.floor(limit))}`);
  const files = await store.all<ImportFile & { import_id: number }>(
    `SELECT import_id, file, table_name, format, encoding, rows, loaded, replaced, rejected, notes FROM import_files
     WHERE import_id IN (SELECT import_id FROM imports ORDER BY import_id DESC LIMIT ${Math.max(1, Math.floor(limit))}) ORDER BY import_id, file`);
  return imports.map((i) => {
    const mine = files.filter((f) => f.import_id === i.import_id).map(({ import_id: _id, ...f }) => f);
    return { ...i, files: mine, loaded: mine.reduce((n, f) => n + Number(f.loaded ?? 0), 0), rejected: mine.reduce((n, f) => n + Number(f.rejected ?? 0), 0) };
  });
}

const REJECT_SQL = `SELECT import_id AS "import", table_name AS "table", file, line, column_name AS "column", value, reason
  FROM rejects WHERE import_id = $id ORDER BY file, line, column_name`;

/** The refused rows of one import: the total and the first `limit`; null when the import does not exist. */
export async function importRejects(store: Pick<Store, 'all'>, importId: number, limit: number): Promise<{ total: number; rows: RejectRow[] } | null> {
  const [exists] = await store.all('SELECT 1 FROM imports WHERE import_id = $id', { id: importId });
  if (!exists) return null;
  const [{ n }] = await store.all<{ n: number }>('SELECT count(*) AS n FROM rejects WHERE import_id = $id', { id: importId });
  return { total: n, rows: await store.all<RejectRow>(`${REJECT_SQL} LIMIT ${Math.max(0, Math.floor(limit))}`, { id: importId }) };
}

/** All refused rows of one import as CSV (UTF-8 with BOM so Excel reads the Chinese), or null. */
export async function importRejectsCsv(store: Pick<Store, 'all'>, importId: number): Promise<string | null> {
  const [exists] = await store.all('SELECT 1 FROM imports WHERE import_id = $id', { id: importId });
  if (!exists) return null;
  const rows = await store.all<Record<string, unknown>>(REJECT_SQL, { id: importId });
  const head = ['import', 'table', 'file', 'line', 'column', 'value', 'reason'];
  return '\uFEFF' + [head.join(','), ...rows.map((r) => head.map((h) => csvField(r[h])).join(','))].join('\r\n') + '\r\n';
}
