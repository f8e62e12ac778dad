// @ts-check
// A file decoded and written out as UTF-8 in a worker thread (transcodeInWorker in transcode.ts), beside the byte
// scan on the main thread. Plain JavaScript, so that the worker starts the same way under tsx, vitest and the server.
// The buffers are allocated once and reused: fresh memory for every chunk of a 1 GB file costs as much kernel time
// (zeroing pages on first touch) as the decoding itself. Two output buffers alternate, so the next chunk is
// decoded while the previous one is written.
import { open } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { decodeChunk, utf8MarkedInto } from './utf8-out.mjs';

/** @type {{ src: string; dest: string; from: string }} */
const job = workerData;
const CHUNK = 4 << 20;
const decoder = new TextDecoder(job.from);
const input = await open(job.src, 'r');
const output = await open(job.dest, 'w');
try {
  const chunk = Buffer.allocUnsafe(CHUNK);
  /** @type {Buffer[]} */
  const outs = [Buffer.allocUnsafe(3 * CHUNK + 16), Buffer.allocUnsafe(3 * CHUNK + 16)];
  let writing = Promise.resolve();
  for (let k = 0, last = false; !last; k ^= 1) {
    const { bytesRead } = await input.read(chunk, 0, CHUNK, null);
    last = bytesRead === 0;
    // The decoder copies what it reads into the string, so `chunk` may be read into again right away.
    const text = last ? decoder.decode() : decodeChunk(decoder, chunk.subarray(0, bytesRead), job.from);
    if (3 * text.length > outs[k].length) outs[k] = Buffer.allocUnsafe(3 * text.length);
    const out = outs[k];
    const n = utf8MarkedInto(text, out);
    await writing; // the write of the other buffer; this one's was awaited before that one began
    writing = writeAll(out, n);
    writing.catch(() => undefined); // awaited above on the next round or below; a failure (a full disk) rejects there
  }
  await writing;
} finally {
  await input.close();
  await output.close();
}
parentPort?.postMessage('done');

/**
 * @param {Buffer} buf
 * @param {number} n
 */
async function writeAll(buf, n) {
  for (let at = 0; at < n;) at += (await output.write(buf, at, n - at)).bytesWritten;
}
