// One streaming pass over a CSV file's bytes: checksum, encoding, and where physical lines and
// records part ways. A quoted field may hold newlines, so "record N" and "line N" differ after it;
// the contract wants the physical line for every rejected row. The encodings we accept (UTF-8 and
// GB18030) never use the bytes '"' or '\n' inside a multi-byte character, so this works on raw bytes.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { detectEncoding, type Encoding } from './encoding.ts';

export type { Encoding } from './encoding.ts';

export interface Scan {
  readonly sha256: string;
  readonly bytes: number;
  readonly encoding: Encoding;
  readonly bom: boolean;
  /** [record ordinal (header = 1), physical line where that record starts], only where they differ from the previous step. */
  readonly lineShifts: ReadonlyArray<readonly [number, number]>;
  readonly newlineCount: number;
  /**
   * Ordinals (header = 1, counting every line break outside quotes, as DuckDB's reader does) of the empty
   * lines: the reader skips them, so they hold no row but still advance the count.
   */
  readonly blankOrdinals: readonly number[];
  /**
   * Line breaks outside quotes of more than one kind (CRLF and LF mixed, or a lone CR): DuckDB's reader takes one
   * kind per file, so such a file is read through a copy with LF throughout (transcode.ts).
   */
  readonly mixedLineEnds: boolean;
  /** Bytes of the longest record (from one line break outside quotes to the next). */
  readonly longestRecord: number;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

export async function scanCsv(path: string): Promise<Scan> {
  const hash = createHash('sha256');
  let bytes = 0;
  let utf8 = true;
  let bom = false;
  let inQuote = false;
  let newlines = 0; // physical '\n' seen so far
  let embedded = 0; // '\n' inside quoted fields so far
  const shifts: [number, number][] = [];
  const blanks: number[] = [];
  // A line break outside quotes at the very end of the previous chunk, whose next line may be empty.
  let pendingBreak = false;
  let pendingCr = false;
  let carry: Buffer | null = null; // bytes after the last '\n' of the previous chunk, for UTF-8 validation
  // Kinds of line break outside quotes; the last byte of the previous chunk, for a CRLF split between chunks.
  let crlf = 0;
  let lf = 0;
  let loneCr = 0;
  let prevByte = -1;
  let crAtEnd = false;
  let lastBreak = -1; // file offset of the last line break outside quotes
  let longest = 0;

  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    if (bytes === 0 && chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) bom = true;
    bytes += chunk.length;

    if (utf8) {
      // Validate whole lines only, so a character split across chunks is not mistaken for bad bytes.
      const lastLf = chunk.lastIndexOf(LF);
      if (lastLf < 0) {
        carry = carry ? Buffer.concat([carry, chunk]) : chunk;
      } else {
        const head = carry ? Buffer.concat([carry, chunk.subarray(0, lastLf + 1)]) : chunk.subarray(0, lastLf + 1);
        if (!isUtf8(head)) utf8 = false;
        carry = chunk.subarray(lastLf + 1);
      }
    }

    // An empty line begins right after a line break outside quotes: '\n' then '\n' or '\r\n'.
    const breaksBefore = (): number => newlines - embedded; // record-terminating breaks seen so far
    if (pendingBreak && !inQuote) {
      if (chunk[0] === LF || (chunk[0] === CR && chunk[1] === LF) || (pendingCr && chunk[0] === LF)) blanks.push(breaksBefore() + 1);
    }
    pendingBreak = false;
    pendingCr = false;
    if (crAtEnd && chunk[0] !== LF) loneCr++;
    crAtEnd = false;

    // Walk quotes and newlines with native indexOf: fast when quotes are rare, exact always.
    let pos = 0;
    while (pos < chunk.length) {
      if (!inQuote) {
        const q = chunk.indexOf(QUOTE, pos);
        const end = q < 0 ? chunk.length : q;
        for (let r = chunk.indexOf(CR, pos); r >= 0 && r < end; r = chunk.indexOf(CR, r + 1)) {
          if (r + 1 >= chunk.length) crAtEnd = true;
          else if (chunk[r + 1] !== LF) loneCr++;
        }
        let i = chunk.indexOf(LF, pos);
        while (i >= 0 && i < end) {
          if ((i > 0 ? chunk[i - 1] : prevByte) === CR) crlf++;
          else lf++;
          const at = bytes - chunk.length + i;
          if (at - lastBreak - 1 > longest) longest = at - lastBreak - 1;
          lastBreak = at;
          newlines++;
          if (i + 1 >= chunk.length) pendingBreak = true;
          else if (chunk[i + 1] === LF) blanks.push(breaksBefore() + 1);
          else if (chunk[i + 1] === CR) {
            if (i + 2 >= chunk.length) { pendingBreak = true; pendingCr = true; }
            else if (chunk[i + 2] === LF) blanks.push(breaksBefore() + 1);
          }
          i = chunk.indexOf(LF, i + 1);
        }
        if (q < 0) break;
        inQuote = true;
        pos = q + 1;
      } else {
        const q = chunk.indexOf(QUOTE, pos);
        const end = q < 0 ? chunk.length : q;
        const inside = countLf(chunk, pos, end);
        if (inside > 0) {
          // The record holding this field started at ordinal (record newlines so far + 1); records after it start
          // `embedded` lines further down than their ordinal says.
          newlines += inside;
          embedded += inside;
          const nextOrdinal = newlines - embedded + 1 + 1; // the record after the current one
          const last = shifts[shifts.length - 1];
          if (last && last[0] === nextOrdinal) last[1] = nextOrdinal + embedded;
          else shifts.push([nextOrdinal, nextOrdinal + embedded]);
        }
        if (q < 0) break;
        inQuote = false;
        pos = q + 1;
      }
    }
    prevByte = chunk[chunk.length - 1];
  }
  if (crAtEnd) loneCr++;
  if (bytes - lastBreak - 1 > longest) longest = bytes - lastBreak - 1;
  if (utf8 && carry && carry.length && !isUtf8(carry)) utf8 = false;
  // Not valid UTF-8 throughout: weigh the whole file's evidence (a few bad bytes do not make it GB18030).
  const encoding = utf8 ? 'utf-8' : await detectEncoding(path, bytes);
  return {
    sha256: hash.digest('hex'), bytes, encoding, bom, lineShifts: shifts, newlineCount: newlines, blankOrdinals: blanks,
    mixedLineEnds: loneCr > 0 || (crlf > 0 && lf > 0), longestRecord: longest,
  };
}

function countLf(buf: Buffer, from: number, to: number): number {
  let n = 0;
  let i = buf.indexOf(LF, from);
  while (i >= 0 && i < to) {
    n++;
    i = buf.indexOf(LF, i + 1);
  }
  return n;
}

/** Physical line (1-based) of a record ordinal (header = 1), given the scan's shifts. */
export function lineOfRecord(scan: Pick<Scan, 'lineShifts'>, ordinal: number): number {
  let extra = 0;
  for (const [o, line] of scan.lineShifts) {
    if (o > ordinal) break;
    extra = line - o;
  }
  return ordinal + extra;
}
