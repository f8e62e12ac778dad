import { stat, writeFile } from 'node:fs/promises';
import { openStore, type Store } from '../store/db.ts';
import { table } from './output.ts';
import { csvField } from '../contract/csv.ts';

/**
 * The database of a command that only reads: it must exist already. Opening a mistyped path would create an
 * empty database there and answer "no imports yet", which misleads more than an error.
 */
export async function openExisting(dbPath: string): Promise<Store | null> {
  const kind = await stat(dbPath).then((s) => (s.isFile() ? 'file' : 'other'), () => 'missing');
  if (kind !== 'file') {
    process.stderr.write(kind === 'missing' ? `数据库文件不存在：${dbPath}（请检查 --db）\n` : `--db 不是数据库文件：${dbPath}\n`);
    return null;
  }
  return openStore(dbPath);
}

/** `yanpan rejects`: the refused rows of one import (default: the latest) as CSV. */
export async function rejectsCommand(dbPath: string, importArg: string | undefined, out: string | undefined): Promise<number> {
  const store = await openExisting(dbPath);
  if (!store) return 2;
  try {
    let id: number | null;
    if (importArg !== undefined) {
      id = Number(importArg);
      if (!Number.isInteger(id)) { process.stderr.write(`--import 应为导入批次号（整数），而不是 ${importArg}\n`); return 2; }
      const [found] = await store.all<{ status: string }>('SELECT status FROM imports WHERE import_id = $1', [id]);
      if (!found) { process.stderr.write(`数据库 ${dbPath} 中没有导入批次 ${id}（可用 yanpan imports 查看各批次）\n`); return 2; }
    } else {
      [{ id }] = await store.all<{ id: number | null }>("SELECT max(import_id) AS id FROM imports WHERE status = 'ok'");
      if (id === null) { process.stderr.write('数据库中还没有任何导入。\n'); return 2; }
    }
    const rows = await store.all<Record<string, unknown>>(
      `SELECT import_id AS "import", table_name AS "table", file, line, column_name AS "column", value, reason
       FROM rejects WHERE import_id = $1 ORDER BY file, line, column_name`, [id]);
    const head = ['import', 'table', 'file', 'line', 'column', 'value', 'reason'];
    const text = [head.join(','), ...rows.map((r) => head.map((h) => csvField(r[h])).join(','))].join('\n') + '\n';
    if (out) {
      await writeFile(out, text);
      process.stderr.write(`导入批次 ${id}：${rows.length} 行拒收记录已写入 ${out}\n`);
    } else process.stdout.write(text);
    return 0;
  } finally {
    store.close();
  }
}

/** `yanpan imports`: each import with its files, checksums and counts. */
export async function importsCommand(dbPath: string): Promise<number> {
  const store = await openExisting(dbPath);
  if (!store) return 2;
  try {
    const rows = await store.all<Record<string, string | number>>(
      `SELECT i.import_id, strftime(i.started_at, '%Y-%m-%d %H:%M:%S') AS started, i.folder, f.file, f.table_name, f.encoding,
              left(f.sha256, 12) AS sha, f.rows, f.loaded, f.replaced, f.rejected
       FROM imports i JOIN import_files f USING (import_id) ORDER BY i.import_id, f.file`);
    if (!rows.length) { process.stdout.write('数据库中还没有任何导入。\n'); return 0; }
    process.stdout.write(table(['批次', '时间', '目录', '文件', '表', '编码', 'SHA-256', '行数', '新增', '替换', '拒收'],
      rows.map((r) => [r.import_id, r.started, r.folder, r.file, r.table_name, r.encoding, r.sha, r.rows, r.loaded, r.replaced, r.rejected])) + '\n');
    return 0;
  } finally {
    store.close();
  }
}
