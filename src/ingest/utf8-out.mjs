// @ts-check
// Decoded text to the UTF-8 bytes of the copy DuckDB reads, shared by transcode.ts and the worker threads of
// transcode-worker.mjs (plain JavaScript, so that a worker starts the same way under tsx, vitest and the server).

const encoder = new TextEncoder();

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
