// A multipart upload streamed to disk as it arrives: each file part goes to its own file in a staging
// folder, and the bytes are counted while they stream, so an upload over the limit is refused (413) after
// reading at most the limit and one chunk, never held whole in memory, and leaves nothing behind.
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import busboy from 'busboy';
import { failure, type Failure } from '../../contract/failure.ts';

export interface ReceivedFile { readonly name: string; readonly path: string; readonly bytes: number }
/** Refused: `too-large` past the limit, else `invalid` (not multipart, malformed, cut short, not writable). */
export type Received = { ok: true; files: ReceivedFile[] } | Failure;

/** Stream the files of `req`'s multipart body into `dir` (created; removed again on any failure). */
export async function receiveFiles(req: Request, dir: string, maxBytes: number): Promise<Received> {
  const type = req.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data/i.test(type) || !req.body) return failure('invalid', '请以 multipart/form-data 上传文件');
  await mkdir(dir, { recursive: true });
  const r = await stream(req.body, type, dir, maxBytes);
  if (!r.ok) await rm(dir, { recursive: true, force: true });
  return r;
}

async function stream(body: ReadableStream<Uint8Array>, type: string, dir: string, maxBytes: number): Promise<Received> {
  let refusal: Failure | null = null;
  const files: ReceivedFile[] = [];
  const writes: Promise<unknown>[] = [];
  let total = 0;
  let bb: busboy.Busboy;
  try {
    bb = busboy({ headers: { 'content-type': type }, defParamCharset: 'utf8', limits: { fields: 50, fieldSize: 64 * 1024, parts: 10_000 } });
  } catch {
    return failure('invalid', '请求的 multipart 格式无效');
  }
  const refuse = (kind: 'invalid' | 'too-large', error: string) => { refusal ??= failure(kind, error); };
  bb.on('file', (_field, part, info) => {
    if (refusal) { part.resume(); return; }
    const file = { name: info.filename ?? '', path: join(dir, `part-${files.length}`), bytes: 0 };
    files.push(file);
    const out = createWriteStream(file.path);
    writes.push(once(out, 'close'));
    out.on('error', () => refuse('invalid', '上传的文件无法写入'));
    // A part cut short (the parser destroyed on a refusal) ends its file; the refusal says why.
    part.on('error', () => out.destroy());
    part.on('data', (chunk: Buffer) => {
      file.bytes += chunk.length;
      total += chunk.length;
      if (total > maxBytes) {
        refuse('too-large', `上传内容超过 ${Math.floor(maxBytes / 1048576)} MB`);
        part.unpipe(out);
        out.destroy();
        part.resume();
      }
    });
    part.pipe(out);
  });
  bb.on('error', () => refuse('invalid', '请求的 multipart 格式无效'));
  const ended = new Promise<void>((ok) => { bb.once('close', ok); bb.once('error', () => ok()); });
  const reader = body.getReader();
  try {
    for (;;) {
      if (refusal) break;
      const { done, value } = await reader.read();
      if (done) break;
      // Back-pressure: read on only when the parser (and so the files) has taken the chunk.
      if (!bb.write(value)) await Promise.race([once(bb, 'drain'), ended]);
    }
  } catch {
    refuse('invalid', '上传中断');
  }
  if (refusal) {
    // Stop reading the rest: the client is answered now, whatever it still sends (the route closes the connection).
    void reader.cancel().catch(() => undefined);
    bb.destroy();
  } else {
    bb.end();
    await ended;
  }
  await Promise.all(writes.map((w) => w.catch(() => undefined)));
  return refusal ?? { ok: true, files };
}
