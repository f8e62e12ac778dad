// @ts-check
// A file decoded and written out as UTF-8 in a worker thread (transcodeInWorker in transcode.ts), beside the byte
// scan on the main thread. Plain JavaScript, so that the worker starts the same way under tsx, vitest and the server.
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { utf8Marked } from './utf8-out.mjs';

/** @type {{ src: string; dest: string; from: string }} */
const job = workerData;
const decoder = new TextDecoder(job.from);
const out = createWriteStream(job.dest);
/** @type {Promise<never>} */
const failed = new Promise((_, reject) => out.once('error', reject));
failed.catch(() => undefined);
/** @param {string} text */
const write = async (text) => {
  if (!out.write(utf8Marked(text))) await Promise.race([once(out, 'drain'), failed]);
};
try {
  for await (const chunk of createReadStream(job.src, { highWaterMark: 4 << 20 })) {
    await write(decoder.decode(chunk, { stream: true }));
  }
  await write(decoder.decode());
} finally {
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
}
parentPort?.postMessage('done');
