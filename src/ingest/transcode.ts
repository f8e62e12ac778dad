// A copy of a CSV file as UTF-8 with LF line ends, streamed to a temporary file DuckDB's CSV reader can take.
// GB18030 (or damaged UTF-8) is decoded by Node's built-in TextDecoder (ICU), three to four times faster than
// iconv-lite's JS tables; `stream: true` carries a character split across two chunks over to the next one.
// A GB18030 byte-order mark (84 31 95 33) becomes U+FEFF (a UTF-8 BOM, which readers skip).
//
// A byte sequence that is invalid in the source encoding is written as the byte 0xFF, which is never valid
// UTF-8: DuckDB's reader then refuses that row ("INVALID ENCODING", with its line and column), so a damaged
// row becomes a reject instead of a stored value holding U+FFFD or shifted characters. The character U+FFFD
// itself, validly spelled in the source, is kept (decodeChunk in utf8-out.mjs).
import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { Encoding } from './scan.ts';
import type { TextEncoding } from './encoding.ts';
import { decodeChunk, utf8Marked } from './utf8-out.mjs';

export interface TranscodeOptions {
  readonly from: TextEncoding;
  /** Make every line break outside quotes LF: CRLF, and a lone CR, are each one line end. */
  readonly lineEnds?: boolean;
  /** Replace each record longer than this many UTF-8 bytes by a placeholder (see longRecordFilter). */
  readonly maxRecordBytes?: number;
}

export interface Transcoded {
  /** The beginning of each record replaced for its length, in file order. */
  readonly longRecords: readonly string[];
}

/**
 * What a record too long for DuckDB's reader is replaced by: one quoted field holding the record's own line
 * breaks, so later lines keep their numbers. Every table's header has two columns at least, so the reader
 * refuses it (too few fields) on the record's line; the load names the reason.
 */
export const LONG_RECORD = '__yanpan_record_too_long__';

/** DuckDB's read_csv default max_line_size: a longer record is replaced (and rejected) before the reader sees it. */
export const MAX_LINE_BYTES = 2_000_000;

export async function transcodeToUtf8(src: string, dest: string, opts: TranscodeOptions = { from: 'gb18030' }): Promise<Transcoded> {
  const decoder = new TextDecoder(opts.from);
  const longRecords: string[] = [];
  const normalize = opts.lineEnds ? lineEndNormalizer() : null;
  const shorten = opts.maxRecordBytes ? longRecordFilter(opts.maxRecordBytes, longRecords) : null;
  const lineEnds = normalize || shorten
    ? (text: string | null): string => {
      const t = normalize ? normalize(text) : (text ?? '');
      return shorten ? shorten(t) + (text === null ? shorten(null) : '') : t;
    }
    : null;
  const out = createWriteStream(dest);
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => undefined);
  const writeOut = async (text: string): Promise<void> => {
    if (!out.write(utf8Marked(text))) await Promise.race([once(out, 'drain'), failed]);
  };
  const write = (decoded: string): Promise<void> => writeOut(lineEnds ? lineEnds(decoded) : decoded);
  try {
    for await (const chunk of createReadStream(src, { highWaterMark: 4 << 20 }) as AsyncIterable<Buffer>) {
      await write(decodeChunk(decoder, chunk, opts.from));
    }
    await write(decoder.decode());
    // What the filters held back (a last record without a line end) is flushed as it is, not filtered again.
    if (lineEnds) await writeOut(lineEnds(null));
  } finally {
    out.end();
    await Promise.race([once(out, 'finish'), failed]);
  }
  return { longRecords };
}

/** A transcode running in a worker thread (transcode-worker.mjs), started before it is known to be needed. */
export interface EarlyTranscode {
  /** Settles when the copy is complete; rejects as the streaming transcode would (a full disk). */
  readonly done: Promise<void>;
  /** Stop the worker and remove what it wrote: the copy is not wanted after all. */
  cancel(): Promise<void>;
}

/**
 * The plain transcode (nothing but the encoding changes) of the whole file in a worker thread, so that it runs
 * beside the byte scan of the same file on the main thread instead of after it (source.ts).
 */
export function transcodeInWorker(src: string, dest: string, from: Encoding): EarlyTranscode {
  const worker = new Worker(new URL('./transcode-worker.mjs', import.meta.url), { workerData: { src, dest, from } });
  const done = new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`transcode worker stopped (exit code ${code})`))));
  });
  done.catch(() => undefined); // kept for whoever awaits it; a cancelled copy's failure is nobody's concern
  return {
    done,
    async cancel() {
      await worker.terminate();
      await rm(dest, { force: true });
    },
  };
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * A stateful filter over decoded text: CRLF and lone CR outside quoted fields become LF. Inside quotes a value
 * keeps its own line breaks, as DuckDB's reader keeps them. `null` flushes a CR held at the end of the text.
 */
export function lineEndNormalizer(): (text: string | null) => string {
  let inQuote = false;
  let pendingCr = false;
  return (text) => {
    if (text === null) {
      const tail = pendingCr ? '\n' : '';
      pendingCr = false;
      return tail;
    }
    let out = '';
    let from = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (pendingCr) {
        pendingCr = false;
        out += '\n';
        if (c === LF) { from = i + 1; continue; }
        from = i;
      }
      if (c === QUOTE) inQuote = !inQuote;
      else if (c === CR && !inQuote) {
        out += text.slice(from, i);
        pendingCr = true;
        from = i + 1;
      }
    }
    return out + text.slice(from);
  };
}

/** How much of a long record its reject shows. */
const SHOWN = 200;

/**
 * A stateful filter over LF-ended text: a record (up to an LF outside quotes) longer than `maxBytes` UTF-8 bytes
 * becomes the LONG_RECORD placeholder; its first characters go to `shown`. `null` flushes the last record.
 */
export function longRecordFilter(maxBytes: number, shown: string[]): (text: string | null) => string {
  let inQuote = false;
  let held = ''; // the current record while it may still fit
  let bytes = 0;
  let prefix = '';
  let breaks = 0; // line breaks inside the current record
  let long = false;
  const end = (): string => {
    const out = long ? `"${LONG_RECORD}${'\n'.repeat(breaks)}"` : held;
    if (long) shown.push(prefix);
    held = ''; bytes = 0; prefix = ''; breaks = 0; long = false;
    return out;
  };
  return (text) => {
    if (text === null) return held || long ? end() : '';
    let out = '';
    let from = 0;
    const take = (piece: string): void => {
      if (long) return;
      bytes += Buffer.byteLength(piece, 'utf8');
      if (bytes > maxBytes) {
        long = true;
        prefix = (held + piece).slice(0, SHOWN);
        held = '';
      } else held += piece;
    };
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) inQuote = !inQuote;
      else if (c === LF) {
        if (inQuote) breaks++;
        else {
          take(text.slice(from, i));
          out += end() + '\n';
          from = i + 1;
        }
      }
    }
    take(text.slice(from));
    return out;
  };
}
