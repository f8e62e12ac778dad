// @ts-check
// Decoded text to the UTF-8 bytes of the copy DuckDB reads, shared by transcode.ts and the worker threads of
// transcode-worker.mjs (plain JavaScript, so that a worker starts the same way under tsx, vitest and the server).

const INVALID = Buffer.from([0xff]);

/**
 * The UTF-8 bytes of `text`, where each U+FFFD (what the decoder gives for a byte sequence invalid in the source
 * encoding) becomes the byte 0xFF, never valid UTF-8: DuckDB's reader then refuses that row with its line and
 * column, so a damaged row becomes a reject instead of a stored value holding U+FFFD.
 * @param {string} text
 * @returns {Buffer}
 */
export function utf8Marked(text) {
  if (!text.includes('\uFFFD')) return Buffer.from(text, 'utf8');
  return Buffer.concat(text.split('\uFFFD').flatMap((part, i) => (i ? [INVALID, Buffer.from(part, 'utf8')] : [Buffer.from(part, 'utf8')])));
}
