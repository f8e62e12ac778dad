// Which table each file of a dataset folder holds (contract §1): a table's key in the file name
// (`violations.csv`, `units_202106.xlsx`), else a table's Chinese name in it (`单位.csv`), else its header —
// the one table whose required columns a row among its first ten holds. A file that matches no table, or
// several, is named with the reason; two files for one table fail the import, naming both.
import type { Stats } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { join } from 'node:path';
import { TABLE_KEYS, TABLES, type TableKey } from '../contract/tables.ts';
import { countUtf8 } from './encoding.ts';
import { fieldsOf, HEADER_ROWS, splitRecords, tablesInRows } from './head.ts';
import { convertXls } from './xls.ts';
import { sheetHeads } from './xlsx.ts';

/** How a file was matched to its table. */
export type MatchRule = 'key' | 'name' | 'header';

export interface DatasetFile {
  readonly table: TableKey;
  /** The file's name in the folder. */
  readonly name: string;
  /** What to read: the file, or its conversion (an .xls as .xlsx). */
  readonly path: string;
  /** The file itself, for its checksum. */
  readonly original: string;
  readonly rule: MatchRule;
}

export interface IgnoredFile { readonly file: string; readonly reason: string }

export type DatasetFiles =
  | { ok: true; files: DatasetFile[]; ignored: IgnoredFile[] }
  | { ok: false; file: string | null; message: string };

export interface MatchOptions {
  /** The LibreOffice command for .xls files; null: none on this machine (they are refused). */
  readonly soffice: string | null;
  /** Where .xls conversions go (the import's temporary folder). */
  readonly workDir: string;
}

const DATA_FILE = /\.(csv|txt|xlsx|xls)$/i;

const kindOf = (s: Stats): string =>
  s.isDirectory() ? '目录' : s.isFIFO() ? '命名管道（FIFO）' : s.isSocket() ? '套接字' : s.isCharacterDevice() || s.isBlockDevice() ? '设备文件' : '特殊文件';

/** The table a file name names, by key (a word of its own) or else by Chinese name; null when none, or several. */
export function tableByName(fileName: string): { table: TableKey; rule: 'key' | 'name' } | null {
  const base = fileName.replace(/\.[^.]*$/, '');
  const byKey = TABLE_KEYS.filter((k) => new RegExp(`(^|[^a-z])${k}([^a-z]|$)`, 'i').test(base));
  if (byKey.length === 1) return { table: byKey[0], rule: 'key' };
  if (byKey.length > 1) return null;
  const byName = TABLE_KEYS.filter((k) => base.includes(TABLES[k].zh));
  return byName.length === 1 ? { table: byName[0], rule: 'name' } : null;
}

/** The tables whose header a file holds within its first ten rows (of any worksheet). */
export async function tablesByHeader(path: string): Promise<TableKey[]> {
  if (/\.xlsx$/i.test(path)) {
    const found = new Set((await sheetHeads(path)).flatMap((rows) => tablesInRows(rows)));
    return TABLE_KEYS.filter((k) => found.has(k));
  }
  const text = await headText(path);
  const records = splitRecords(text.text, HEADER_ROWS, text.whole).map((r) => r.text);
  const found = new Set((([',', '\t'] as const).flatMap((d) => tablesInRows(records.map((r) => fieldsOf(r, d))))));
  return TABLE_KEYS.filter((k) => found.has(k));
}

const HEAD_BYTES = 1 << 16;

/** The beginning of a text file, decoded: UTF-16 by its byte-order mark, UTF-8 when valid, else GB18030. */
async function headText(path: string): Promise<{ text: string; whole: boolean }> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await fh.read(buf, 0, HEAD_BYTES, 0);
    const whole = bytesRead < HEAD_BYTES;
    const head = buf.subarray(0, bytesRead);
    if (head[0] === 0xff && head[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(head), whole };
    if (head[0] === 0xfe && head[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(head), whole };
    const lines = whole ? head : head.subarray(0, head.lastIndexOf(0x0a) + 1);
    if (isUtf8(lines)) return { text: lines.toString('utf8'), whole };
    const e = { valid: 0, invalid: 0 };
    countUtf8(lines, e);
    return { text: new TextDecoder(e.valid > e.invalid ? 'utf-8' : 'gb18030').decode(lines), whole };
  } finally {
    await fh.close();
  }
}

/** The files of a dataset folder and the table each holds; hidden files (a `.done` marker) are passed over. */
export async function datasetFiles(dir: string, opts: MatchOptions): Promise<DatasetFiles | null> {
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch {
    return null;
  }
  const files: DatasetFile[] = [];
  const ignored: IgnoredFile[] = [];
  let converted = 0;
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const path = join(dir, name);
    if (!DATA_FILE.test(name)) {
      ignored.push({ file: name, reason: '不是数据文件（只读取 .csv、.txt、.xlsx、.xls）' });
      continue;
    }
    // stat, not open: opening a FIFO would wait for a writer forever.
    const st = await stat(path).catch(() => null);
    if (!st?.isFile()) return { ok: false, file: name, message: `不是普通文件，而是${st ? kindOf(st) : '无法读取的条目'}：${path}` };
    let readPath = path;
    if (/\.xls$/i.test(name)) {
      const x = await convertXls(opts.soffice, path, join(opts.workDir, `xls-${++converted}`));
      if (!x.ok) return { ok: false, file: name, message: x.message };
      readPath = x.path;
    }
    const named = tableByName(name);
    if (named) {
      files.push({ table: named.table, name, path: readPath, original: path, rule: named.rule });
      continue;
    }
    const held = await tablesByHeader(readPath).catch(() => null);
    if (held === null) ignored.push({ file: name, reason: '无法读取，文件名也不含任何数据表的名称' });
    else if (held.length === 1) files.push({ table: held[0], name, path: readPath, original: path, rule: 'header' });
    else if (held.length === 0) ignored.push({ file: name, reason: '文件名不含数据表的名称，前 10 行中也没有哪张数据表的表头（全部必填列）' });
    else ignored.push({ file: name, reason: `表头同时符合 ${held.map((k) => `${k}（${TABLES[k].zh}）`).join('、')}，无法确定是哪张表：请把文件名改为表名` });
  }
  for (const k of TABLE_KEYS) {
    const same = files.filter((f) => f.table === k);
    if (same.length > 1) {
      return { ok: false, file: same[0].name, message: `${same.length} 个文件都是 ${k}（${TABLES[k].zh}）的数据：${same.map((f) => f.name).join('、')}；请只保留一个` };
    }
  }
  // Reference tables first, so the data-quality notes of the big tables can see them.
  files.sort((a, b) => TABLE_KEYS.indexOf(a.table) - TABLE_KEYS.indexOf(b.table));
  return { ok: true, files, ignored };
}

/** The note saying how a file not named by its key was matched (reported with the file). */
export function matchNote(f: Pick<DatasetFile, 'table' | 'rule'>): string | null {
  // The contract's Chinese name only: the note is shown in the console's import history.
  const t = `「${TABLES[f.table].zh}」表`;
  if (f.rule === 'name') return `按文件名中的表名认作${t}`;
  if (f.rule === 'header') return `按表头认作${t}`;
  return null;
}
