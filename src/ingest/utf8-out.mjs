// @ts-check
// Decoded text to the UTF-8 bytes of the copy DuckDB reads, shared by transcode.ts and the worker threads of
// transcode-worker.mjs (plain JavaScript, so that a worker starts the same way under tsx, vitest and the server).

const encoder = new TextEncoder();

/**
 * U+FFFD spelled validly in the source: a text holding the character itself is no damage. The decoder gives
 * the same U+FFFD for it as for an invalid sequence, so before decoding, a chunk that holds these bytes (a
 * byte search, once per chunk: no cost per value) is decoded around each of them, and each becomes a lone
 * low surrogate, U+DFFF. A decoder never outputs a lone surrogate, and TextEncoder writes one as EF BF BD,
 * the UTF-8 of U+FFFD: the copy holds the character, and only the invalid sequences are marked 0xFF.
 * @type {Record<string, Buffer>}
 */
const VALID_FFFD = { 'gb18030': Buffer.from([0x84, 0x31, 0xa4, 0x37]), 'utf-8': Buffer.from([0xef, 0xbf, 0xbd]) };

/** A byte that is never the trail byte of a GB18030 character (LF, CR, comma, quote, tab): a character starts after it. */
const GB_BOUNDARY = new Set([0x0a, 0x0d, 0x2c, 0x22, 0x09]);

/**
 * Does a character start at `p` of a GB18030 chunk? Parsed forward from the nearest byte before `p` after which
 * one surely starts; without such a byte in the chunk, the answer is no (the bytes stay a reject, as before).
 * @param {Uint8Array} b
 * @param {number} p
 */
function gbCharStart(b, p) {
  let q = p - 1;
  while (q >= 0 && !GB_BOUNDARY.has(b[q])) q--;
  if (q < 0) return false;
  let i = q + 1;
  while (i < p) {
    const x = b[i];
    if (x <= 0x80 || x === 0xff) { i++; continue; }
    const y = b[i + 1];
    if (y >= 0x30 && y <= 0x39 && b[i + 2] >= 0x81 && b[i + 2] <= 0xfe && b[i + 3] >= 0x30 && b[i + 3] <= 0x39) i += 4;
    else if ((y >= 0x40 && y <= 0x7e) || (y >= 0x80 && y <= 0xfe)) i += 2;
    else i++;
  }
  return i === p;
}

/** The last bytes of each decoder's previous chunk: a character split by the chunk edge is judged with them. */
/** @type {WeakMap<TextDecoder, Buffer>} */
const previousTail = new WeakMap();
const TAIL = 4096;

/**
 * `decoder.decode(chunk, { stream: true })`, but a U+FFFD the source spells validly comes out as U+DFFF
 * (see VALID_FFFD), for utf8MarkedInto to write as the character rather than as damage; also when the
 * chunk edge splits it (the decoder then holds its first bytes and gives it for the first bytes here).
 * @param {TextDecoder} decoder
 * @param {Uint8Array} chunk
 * @param {string} encoding
 * @returns {string}
 */
export function decodeChunk(decoder, chunk, encoding) {
  const needle = VALID_FFFD[encoding];
  if (!needle) return decoder.decode(chunk, { stream: true });
  const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  const tail = previousTail.get(decoder);
  previousTail.set(decoder, Buffer.from(bytes.subarray(Math.max(0, bytes.length - TAIL))));
  let text = '';
  let at = 0;
  if (tail) {
    // A needle across the edge: its first k bytes end the previous chunk, the rest begins this one.
    const edge = Buffer.concat([tail, bytes.subarray(0, needle.length - 1)]);
    for (let k = 1; k < needle.length; k++) {
      const p = tail.length - k;
      if (p < 0) continue;
      if (!edge.subarray(p, p + needle.length).equals(needle)) continue;
      if (encoding === 'gb18030' && !gbCharStart(edge, p)) continue;
      const first = decoder.decode(bytes.subarray(0, needle.length - k), { stream: true });
      text = first === '\uFFFD' ? '\uDFFF' : first;
      at = needle.length - k;
      break;
    }
  }
  let p = bytes.indexOf(needle, at);
  if (p < 0) return at === 0 ? decoder.decode(chunk, { stream: true }) : text + decoder.decode(bytes.subarray(at), { stream: true });
  for (; p >= 0; p = bytes.indexOf(needle, p + 1)) {
    if (p < at || (encoding === 'gb18030' && !gbCharStart(bytes, p))) continue;
    text += decoder.decode(bytes.subarray(at, p), { stream: true }) + '\uDFFF';
    at = p + needle.length;
  }
  return text + decoder.decode(bytes.subarray(at), { stream: true });
}

/**
 * Writes the UTF-8 bytes of `text` into `out` (room for three bytes per UTF-16 unit of `text`, the most it can
 * take) and returns how many. Each U+FFFD (what the decoder gives for a byte sequence invalid in the source
 * encoding) becomes the byte 0xFF, never valid UTF-8: DuckDB's reader then refuses that row with its line and
 * column, so a damaged row becomes a reject instead of a stored value holding U+FFFD.
 * TextEncoder.encodeInto writes in one pass; Buffer.from(text, 'utf8') measures the text first, and took 1.8 s of
 * CPU against 0.7 s on a 768 MB GB18030 file.
 * @param {string} text
 * @param {Uint8Array} out
 * @returns {number}
 */
export function utf8MarkedInto(text, out) {
  if (!text.includes('\uFFFD')) return encoder.encodeInto(text, out).written;
  let n = 0;
  text.split('\uFFFD').forEach((part, i) => {
    if (i) out[n++] = 0xff;
    n += encoder.encodeInto(part, out.subarray(n)).written;
  });
  return n;
}

/**
 * The bytes utf8MarkedInto writes, in a buffer of their own.
 * @param {string} text
 * @returns {Buffer}
 */
export function utf8Marked(text) {
  const out = Buffer.allocUnsafe(text.length * 3);
  return out.subarray(0, utf8MarkedInto(text, out));
}
