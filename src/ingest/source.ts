// The source step of a file's load: whatever the file is (CSV in UTF-8 or GB18030, or an XLSX workbook),
// make a UTF-8 CSV that DuckDB's reader can take, and read its header. Errors are values naming the file.
import { createHash } from 'node:crypto';
import { readFile, open } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Table } from '../contract/tables.ts';
import { scanCsv, type Encoding, type Scan } from './scan.ts';
import { countUtf8 } from './encoding.ts';
import { MAX_LINE_BYTES, transcodeInWorker, transcodeToUtf8 } from './transcode.ts';
import { matchHeader } from './header.ts';
import { xlsxToCsv, type CellRefusal } from './xlsx.ts';

export type Format = 'csv' | 'xlsx';

export interface Source {
  readonly format: Format;
  /** The UTF-8 CSV to read: the file itself, or a converted copy in the import's temporary folder. */
  readonly csvPath: string;
  /** The byte scan of a CSV file (line positions of its records); null for XLSX, whose rows carry their sheet row. */
  readonly scan: Scan | null;
  readonly encoding: Encoding | 'xlsx';
  readonly sha256: string;
  readonly header: string[];
  /** Rows refused while converting (an XLSX cell that cannot be read), with the index of the header column. */
  readonly refused: readonly CellRefusal[];
  /** The beginnings of the records too long for the reader, replaced in the copy by a placeholder (transcode.ts). */
  readonly longRecords: readonly string[];
}

export type SourceOutcome = { ok: true; source: Source } | { ok: false; message: string };

export const formatOf = (path: string): Format => (path.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv');

export interface SourceOptions {
  /** From this size a file that begins as GB18030 is transcoded in a worker beside its scan (tests lower it). */
  readonly earlyTranscodeMinBytes?: number;
}

export async function readSource(table: Table, path: string, tmpDir: string, opts: SourceOptions = {}): Promise<SourceOutcome> {
  if (formatOf(path) === 'xlsx') {
    const sha256 = await sha256Of(path);
    const csvPath = join(tmpDir, `${table.key}.xlsx.csv`);
    let sheet;
    try {
      sheet = await xlsxToCsv(path, csvPath, (header) => matchHeader(table, header).columns.map(Boolean));
    } catch (err) {
      return { ok: false, message: `无法读取 XLSX 文件：${(err as Error).message}` };
    }
    if (!sheet) return { ok: false, message: '第一个工作表没有表头（第 1 行为空）' };
    return { ok: true, source: { format: 'xlsx', csvPath, scan: null, encoding: 'xlsx', sha256, header: sheet.header, refused: sheet.refused, longRecords: [] } };
  }
  const foreign = await foreignFormat(path);
  if (foreign) return { ok: false, message: foreign };
  const copyPath = join(tmpDir, `${table.key}.utf8.csv`);
  // A large file that begins as GB18030 is transcoded in a worker thread while the scan below reads it; the copy
  // is used when the scan agrees (GB18030, nothing else to repair), and dropped otherwise.
  const early = (await looksLikeGb18030(path, opts.earlyTranscodeMinBytes ?? EARLY_TRANSCODE_MIN_BYTES)) ? transcodeInWorker(path, copyPath, 'gb18030') : null;
  let scan: Scan;
  try {
    scan = await scanCsv(path);
  } catch (err) {
    await early?.cancel();
    throw err;
  }
  let csvPath = path;
  let longRecords: readonly string[] = [];
  // A GB18030 character takes 2 bytes and 3 in UTF-8: a record this long in the file may be too long in the copy.
  const mayBeTooLong = scan.longestRecord > (MAX_LINE_BYTES * 2) / 3;
  const plainGb18030 = scan.encoding === 'gb18030' && !scan.mixedLineEnds && !mayBeTooLong;
  if (early && !plainGb18030) await early.cancel();
  if (scan.encoding === 'gb18030' || scan.mixedLineEnds || mayBeTooLong) {
    csvPath = copyPath;
    if (early && plainGb18030) await early.done;
    else {
      ({ longRecords } = await transcodeToUtf8(path, csvPath, {
        from: scan.encoding, lineEnds: scan.mixedLineEnds, maxRecordBytes: mayBeTooLong ? MAX_LINE_BYTES : undefined,
      }));
    }
    // Line ends made uniform: the copy's lines are the file's lines (a lone CR counts as one), so take them from it.
    if (scan.mixedLineEnds || longRecords.length) {
      const { sha256, bytes, encoding, bom } = scan;
      scan = { ...(await scanCsv(csvPath)), sha256, bytes, encoding, bom };
    }
  }
  const header = await readHeader(csvPath);
  if (!header) return { ok: false, message: '文件为空或没有表头' };
  return { ok: true, source: { format: 'csv', csvPath, scan, encoding: scan.encoding, sha256: scan.sha256, header, refused: [], longRecords } };
}

/** Below this a file is transcoded after its scan: starting a worker would cost more than it saves. */
const EARLY_TRANSCODE_MIN_BYTES = 16 << 20;

/** A file of at least `minBytes` whose first 64 KiB look like GB18030 (encoding.ts's evidence). */
async function looksLikeGb18030(path: string, minBytes: number): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    if ((await fh.stat()).size < minBytes) return false;
    const head = Buffer.alloc(1 << 16);
    const { bytesRead } = await fh.read(head, 0, head.length, 0);
    const e = { valid: 0, invalid: 0 };
    countUtf8(head.subarray(0, bytesRead), e, false);
    return e.invalid > e.valid;
  } finally {
    await fh.close();
  }
}

// Files that are no UTF-8/GB18030 text at all, known by their first bytes: read as CSV they would only give a
// misleading "missing required columns".
const SIGNATURES: ReadonlyArray<readonly [number[], string]> = [
  [[0xff, 0xfe], '文件是 UTF-16 编码：请另存为 UTF-8 或 GB18030 的 CSV'],
  [[0xfe, 0xff], '文件是 UTF-16 编码：请另存为 UTF-8 或 GB18030 的 CSV'],
  [[0x50, 0x4b, 0x03, 0x04], '文件是 XLSX/ZIP 压缩文件而不是 CSV：请把扩展名改为 .xlsx'],
  [[0xd0, 0xcf, 0x11, 0xe0], '文件是旧版 Excel（.xls）格式：请另存为 .xlsx 或 CSV'],
];

async function foreignFormat(path: string): Promise<string | null> {
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await fh.read(head, 0, 4, 0);
    const found = SIGNATURES.find(([sig]) => bytesRead >= sig.length && sig.every((b, i) => head[i] === b));
    return found ? found[1] : null;
  } finally {
    await fh.close();
  }
}

async function sha256Of(path: string): Promise<string> {
  return createHash('sha256').update(await readFile(path)).digest('hex');
}

/** The first record of a UTF-8 CSV file, parsed per RFC 4180. */
async function readHeader(path: string): Promise<string[] | null> {
  const fh = await open(path, 'r');
  try {
    let size = 1 << 16;
    for (;;) {
      const buf = Buffer.alloc(size);
      const { bytesRead } = await fh.read(buf, 0, size, 0);
      const text = buf.subarray(0, bytesRead).toString('utf8');
      const records = parse(text, { bom: true, to: 1, relax_column_count: true, skip_empty_lines: false, relax_quotes: true }) as string[][];
      const complete = bytesRead < size || /\r?\n/.test(text.slice(0, text.length - 1));
      if (records.length && complete) return records[0].every((h) => h.trim() === '') ? null : records[0];
      if (bytesRead < size) return null;
      size *= 4;
    }
  } catch {
    return null;
  } finally {
    await fh.close();
  }
}
