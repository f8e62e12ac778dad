// Which encoding a CSV file is in, on the evidence of the whole file. The exports we take are UTF-8 or
// GB18030. GB18030 decodes almost any byte sequence, so the evidence is UTF-8's: GBK text forms a valid
// multi-byte UTF-8 sequence only now and then (the sample's GB18030 files hold 3.6 to 6.6 invalid bytes
// per valid sequence), while a UTF-8 file damaged by a stray byte keeps thousands of good sequences.
// The file is UTF-8 when its valid multi-byte sequences outnumber its invalid bytes; the rows holding
// the invalid bytes are then rejected, not the file misread.
import { createReadStream } from 'node:fs';

export type Encoding = 'utf-8' | 'gb18030';
/** What a text export may be in: the above, or UTF-16 with its byte-order mark (Excel's 「Unicode 文本」). */
export type TextEncoding = Encoding | 'utf-16le' | 'utf-16be';

export interface Utf8Evidence { valid: number; invalid: number }

/**
 * Count valid multi-byte UTF-8 sequences and invalid bytes in `buf`, adding to `into`. Returns how many bytes
 * at the end were left unread because a sequence may continue in the next chunk.
 */
export function countUtf8(buf: Uint8Array, into: Utf8Evidence, final = true): number {
  let i = 0;
  while (i < buf.length) {
    const x = buf[i];
    if (x < 0x80) { i++; continue; }
    const n = x >= 0xc2 && x <= 0xdf ? 1 : x >= 0xe0 && x <= 0xef ? 2 : x >= 0xf0 && x <= 0xf4 ? 3 : 0;
    if (n === 0) { into.invalid++; i++; continue; }
    if (i + n >= buf.length && !final) return buf.length - i;
    let ok = i + n < buf.length;
    for (let k = 1; ok && k <= n; k++) if ((buf[i + k] & 0xc0) !== 0x80) ok = false;
    // Overlong forms, surrogates and code points above U+10FFFF are not UTF-8 either.
    const y = buf[i + 1];
    if (ok && ((x === 0xe0 && y < 0xa0) || (x === 0xed && y > 0x9f) || (x === 0xf0 && y < 0x90) || (x === 0xf4 && y > 0x8f))) ok = false;
    if (ok) { into.valid++; i += n + 1; } else { into.invalid++; i++; }
  }
  return 0;
}

/** Invalid UTF-8 bytes that, outnumbering valid sequences four to one, settle a file as GB18030. */
const OVERWHELMING = 10_000;

export const chooseEncoding = (e: Utf8Evidence): Encoding => (e.valid > e.invalid ? 'utf-8' : 'gb18030');

/** The encoding of a file that is not valid UTF-8 throughout (a clean UTF-8 file needs no evidence). */
export async function detectEncoding(path: string, bytes: number): Promise<Encoding> {
  const e: Utf8Evidence = { valid: 0, invalid: 0 };
  let carry: Buffer | null = null;
  let read = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    read += chunk.length;
    const buf: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    const left = countUtf8(buf, e, false);
    carry = left ? buf.subarray(buf.length - left) : null;
    // Decided already: even if every remaining byte pair were a valid sequence, UTF-8 could not catch up; or the
    // evidence is overwhelming (a GB18030 export shows this within its first thousands of rows, while a damaged
    // UTF-8 file has a few bad bytes among many good sequences), and counting on would only cost the time of a
    // JS pass over a large, mostly ASCII file.
    if (e.invalid >= e.valid + (bytes - read) / 2 + 1) return 'gb18030';
    if (e.invalid >= OVERWHELMING && e.invalid > 4 * e.valid) return 'gb18030';
  }
  if (carry) countUtf8(carry, e, true);
  return chooseEncoding(e);
}
