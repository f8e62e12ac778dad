// The source step of a file's load: whatever the file is (CSV in UTF-8 or GB18030, or an XLSX workbook),
// make a UTF-8 CSV that DuckDB's reader can take, and read its header. Errors are values naming the file.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { join } from 'node:path';
import type { Table } from '../contract/tables.ts';
import { scanCsv, type Scan } from './scan.ts';
import { countUtf8, type TextEncoding } from './encoding.ts';
import { MAX_LINE_BYTES, transcodeInWorker, transcodeToUtf8 } from './transcode.ts';
import { matchHeader } from './header.ts';
import { fieldsOf, HEADER_ROWS, headerRowOf, isBlankRow, splitRecords, summaryNote, summaryStart, titleNote, type Delimiter } from './head.ts';
import { xlsxToCsv, type CellRefusal } from './xlsx.ts';
import { holdsTable } from './head.ts';

export type Format = 'csv' | 'xlsx';

export interface Source {
  readonly format: Format;
  /** The UTF-8 CSV to read: the file itself, or a converted copy in the import's temporary folder. */
  readonly csvPath: string;
  /** The byte scan of a CSV file (line positions of its records); null for XLSX, whose rows carry their sheet row. */
  readonly scan: Scan | null;
  readonly encoding: TextEncoding | 'xlsx';
  readonly sha256: string;
  readonly header: string[];
  /** The field delimiter of the CSV to read: a comma, or a tab (tab-separated text, Excel's 「Unicode 文本」). */
  readonly delimiter: Delimiter;
  /** What the source step skipped or chose, reported once with the file (title rows, summary rows, the worksheet). */
  readonly notes: readonly string[];
  /** Rows refused while converting (an XLSX cell that cannot be read), with the index of the header column. */
  readonly refused: readonly CellRefusal[];
  /** The beginnings of the records too long for the reader, replaced in the copy by a placeholder (transcode.ts). */
  readonly longRecords: readonly string[];
}

export type SourceOutcome = { ok: true; source: Source } | { ok: false; message: string };

export const formatOf = (path: string): Format => (/\.xls[xm]?$/i.test(path) ? 'xlsx' : 'csv');

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
      sheet = await xlsxToCsv(path, csvPath, (row) => holdsTable(table, row), (header) => matchHeader(table, header).columns.map(Boolean));
    } catch (err) {
      return { ok: false, message: `无法读取 XLSX 文件：${(err as Error).message}` };
    }
    const base = { format: 'xlsx', csvPath, scan: null, encoding: 'xlsx', sha256, refused: [], longRecords: [], delimiter: ',' } as const;
    if (sheet.header === null) {
      // No worksheet holds the header: the first row of the first sheet says what is missing (load-file.ts).
      if (!sheet.firstRow) return { ok: false, message: '工作簿中没有表头（各工作表的前 10 行都是空的）' };
      return { ok: true, source: { ...base, header: sheet.firstRow, notes: [] } };
    }
    const notes: string[] = [];
    if (sheet.sheet > 1) notes.push(`数据取自第 ${sheet.sheet} 个工作表（前面的工作表中没有表头）`);
    if (sheet.headerRow > 1) notes.push(titleNote(sheet.headerRow - 1, sheet.headerRow));
    if (sheet.summary) notes.push(summaryNote(sheet.summary.rows, sheet.summary.first, sheet.summary.last));
    return { ok: true, source: { ...base, header: sheet.header, refused: sheet.refused, notes } };
  }
  const foreign = await foreignFormat(path);
  if (typeof foreign === 'string') return { ok: false, message: foreign };
  const copyPath = join(tmpDir, `${table.key}.utf8.csv`);
  let csvPath = path;
  let scan: Scan;
  let longRecords: readonly string[] = [];
  let encoding: TextEncoding;
  if (foreign) {
    // UTF-16 (Excel's 「Unicode 文本」): no byte of it means what it means in ASCII, so it is decoded first, into a
    // UTF-8 copy with LF line ends (one line end for each of the file's), and the copy is what is scanned and read.
    csvPath = copyPath;
    ({ longRecords } = await transcodeToUtf8(path, csvPath, { from: foreign.utf16, lineEnds: true, maxRecordBytes: MAX_LINE_BYTES }));
    const [copyScan, sha256] = await Promise.all([scanCsv(csvPath), sha256Of(path)]);
    scan = { ...copyScan, sha256, bom: true };
    encoding = foreign.utf16;
  } else {
    ({ scan, csvPath, longRecords } = await utf8Copy(path, copyPath, opts));
    encoding = scan.encoding;
  }
  const edges = await findEdges(table, csvPath, scan);
  if (!edges) return { ok: false, message: '文件为空或没有表头' };
  if (edges.headerByte > 0 || edges.endByte !== null) {
    // Title rows above the header, or summary rows at the end: the rows between go to a copy of their own, and the
    // records of the copy are put back on the file's lines (the lines above the header shift them all).
    const bodyPath = join(tmpDir, `${table.key}.body.csv`);
    await pipeline(
      createReadStream(csvPath, { start: edges.headerByte, ...(edges.endByte !== null ? { end: edges.endByte - 1 } : {}) }),
      createWriteStream(bodyPath),
    );
    if (csvPath !== path) await rm(csvPath, { force: true });
    csvPath = bodyPath;
    const { sha256, bytes, bom } = scan;
    const body = await scanCsv(bodyPath);
    const above = edges.headerLine - 1;
    const lineShifts: ReadonlyArray<readonly [number, number]> = above > 0 ? [[1, 1 + above], ...body.lineShifts.map(([o, l]) => [o, l + above] as const)] : body.lineShifts;
    scan = { ...body, sha256, bytes, encoding: body.encoding, bom, lineShifts };
  }
  return {
    ok: true,
    source: {
      format: 'csv', csvPath, scan, encoding, sha256: scan.sha256, header: edges.header, refused: [], longRecords,
      delimiter: edges.delimiter, notes: edges.notes,
    },
  };
}

/** The file as a UTF-8 CSV DuckDB's reader can take: itself, or a copy (GB18030, mixed line ends, an overlong record). */
async function utf8Copy(path: string, copyPath: string, opts: SourceOptions): Promise<{ scan: Scan; csvPath: string; longRecords: readonly string[] }> {
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
  return { scan, csvPath, longRecords };
}

interface Edges {
  readonly header: string[];
  readonly delimiter: Delimiter;
  /** Byte offset of the header record in the UTF-8 CSV, and its physical line. */
  readonly headerByte: number;
  readonly headerLine: number;
  /** Byte offset where the closing summary rows begin, or null. */
  readonly endByte: number | null;
  readonly notes: string[];
}

/** Bytes read from each end of a file to find its header and its closing rows. */
const EDGE_BYTES = 1 << 16;

/**
 * The header (the first of the first ten records holding the table's required columns, read with a comma or else
 * with a tab) and the closing block of summary rows, from the first and last bytes of a UTF-8 CSV. No header
 * found: the first record that holds a value, with the delimiter it seems to use (its missing columns are named
 * by load-file.ts). Null: no record holds a value.
 */
async function findEdges(table: Table, csvPath: string, scan: Scan): Promise<Edges | null> {
  const fh = await open(csvPath, 'r');
  try {
    const size = (await fh.stat()).size;
    // The first ten records, whole: a title may hold a long quoted value; read more until they are.
    let headText = '';
    let records: ReturnType<typeof splitRecords> = [];
    for (let want = EDGE_BYTES; ; want *= 4) {
      const buf = Buffer.alloc(Math.min(want, size));
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
      const whole = bytesRead >= size;
      // Cut at the last line end, so no character is cut in two.
      const end = whole ? bytesRead : buf.lastIndexOf(0x0a, bytesRead - 1) + 1;
      headText = buf.subarray(0, end).toString('utf8');
      records = splitRecords(headText, HEADER_ROWS, whole);
      if (whole || records.length >= HEADER_ROWS || want > 64 * MAX_LINE_BYTES) break;
    }
    let delimiter: Delimiter = ',';
    let at = -1;
    let rows: string[][] = [];
    for (const d of [',', '\t'] as const) {
      rows = records.map((r) => fieldsOf(r.text, d));
      at = headerRowOf(table, rows);
      if (at >= 0) { delimiter = d; break; }
    }
    if (at < 0) {
      at = records.findIndex((r) => !isBlankRow(fieldsOf(r.text, ',')));
      if (at < 0) return null;
      const t = records[at].text;
      delimiter = t.includes('\t') && !t.includes(',') ? '\t' : ',';
      rows = records.map((r) => fieldsOf(r.text, delimiter));
    }
    const header = rows[at];
    const headerByte = Buffer.byteLength(headText.slice(0, records[at].start), 'utf8');
    const headerLine = countLines(headText.slice(0, records[at].start)) + 1;
    const notes: string[] = [];
    if (at > 0) notes.push(titleNote(headerLine - 1, headerLine));
    const headerEnd = Buffer.byteLength(headText.slice(0, records[at].end), 'utf8');

    // The last records: from the first line end within the last bytes (a whole file when it is short).
    const tailFrom = Math.max(headerEnd, size - EDGE_BYTES);
    const tailBuf = Buffer.alloc(size - tailFrom);
    await fh.read(tailBuf, 0, tailBuf.length, tailFrom);
    const skip = tailFrom === headerEnd ? 0 : tailBuf.indexOf(0x0a) + 1;
    let endByte: number | null = null;
    if (skip > 0 || tailFrom === headerEnd) {
      const tailText = tailBuf.subarray(skip).toString('utf8');
      const tail = splitRecords(tailText, Number.MAX_SAFE_INTEGER, true);
      // Only the records from the end back to the first data row are parsed.
      const first = summaryStart({ length: tail.length, at: (i) => fieldsOf(tail[i].text, delimiter) });
      if (first >= 0) {
        endByte = tailFrom + skip + Buffer.byteLength(tailText.slice(0, tail[first].start), 'utf8');
        // Physical lines: those of the whole file, less those from the cut on.
        const firstLine = scan.newlineCount - countLines(tailText.slice(tail[first].start)) + 1;
        const kept = tail.slice(first).map((r) => ({ r, line: firstLine + countLines(tailText.slice(tail[first].start, r.start)) }))
          .filter(({ r }) => !isBlankRow(fieldsOf(r.text, delimiter)));
        notes.push(summaryNote(kept.length, kept[0].line, kept[kept.length - 1].line));
      }
    }
    return { header, delimiter, headerByte, headerLine, endByte, notes };
  } finally {
    await fh.close();
  }
}

const countLines = (s: string): number => {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
};

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
  [[0x50, 0x4b, 0x03, 0x04], '文件是 XLSX/ZIP 压缩文件而不是 CSV：请把扩展名改为 .xlsx'],
  [[0xd0, 0xcf, 0x11, 0xe0], '文件是旧版 Excel（.xls）格式：请另存为 .xlsx 或 CSV'],
];

/** A refusal naming what the file is instead, or UTF-16 (by its byte-order mark), or null: UTF-8 or GB18030. */
async function foreignFormat(path: string): Promise<string | { utf16: 'utf-16le' | 'utf-16be' } | null> {
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await fh.read(head, 0, 4, 0);
    if (bytesRead >= 2 && head[0] === 0xff && head[1] === 0xfe) return { utf16: 'utf-16le' };
    if (bytesRead >= 2 && head[0] === 0xfe && head[1] === 0xff) return { utf16: 'utf-16be' };
    const found = SIGNATURES.find(([sig]) => bytesRead >= sig.length && sig.every((b, i) => head[i] === b));
    return found ? found[1] : null;
  } finally {
    await fh.close();
  }
}

export async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}
