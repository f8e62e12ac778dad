// An import upload streams to disk with its size counted as it arrives: an upload over the limit is
// answered 413 after the server has read little more than the limit (the client is never asked for the
// rest), and nothing of it stays on disk; one within the limit imports as before.
import { request } from 'node:http';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.ts';

const LIMIT = 1024 * 1024;
const CHUNK = 64 * 1024;

let srv: TestServer;
let sup: string;
beforeAll(async () => {
  srv = await startTestServer({ users: [{ name: 'sup', role: 'supervisor' }], options: { maxImportBytes: LIMIT } });
  sup = await srv.login('sup');
});
afterAll(async () => { await srv?.close(); });

/**
 * POST a multipart body of one file of `size` bytes, written as the connection takes it, until the server
 * answers: its status and body, and how many bytes had been written when the answer came.
 */
function upload(size: number, name: string): Promise<{ status: number; body: string; written: number }> {
  const boundary = 'yanpan-test-boundary';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n单位代码,单位名称,单位类型\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const line = Buffer.from('U9,某大队,县区大队\r\n'.repeat(Math.ceil(CHUNK / 20))).subarray(0, CHUNK);
  const url = new URL('/api/imports', srv.url);
  return new Promise((resolve, reject) => {
    let written = 0;
    let answered = false;
    const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST',
      headers: { origin: srv.url, cookie: sup, 'content-type': `multipart/form-data; boundary=${boundary}` } }, (res) => {
      answered = true;
      const at = written;
      const parts: Buffer[] = [];
      res.on('data', (b: Buffer) => parts.push(b));
      res.on('end', () => { req.destroy(); resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8'), written: at }); });
    });
    req.on('error', (err) => { if (!answered) reject(err); });
    const pump = (): void => {
      while (!answered) {
        if (written === 0) { req.write(head); written += head.length; continue; }
        const n = Math.min(CHUNK, size - (written - head.length));
        if (n <= 0) { req.end(tail); return; }
        written += n;
        if (!req.write(line.subarray(0, n))) { req.once('drain', pump); return; }
      }
    };
    pump();
  });
}

describe('an import upload', () => {
  it('over the limit is refused with 413 without the server reading it all, and leaves nothing on disk', async () => {
    const r = await upload(256 * 1024 * 1024, 'violations.csv');
    expect(r.status).toBe(413);
    expect((JSON.parse(r.body) as { error: string }).error).toMatch(/超过 1 MB/);
    // The client had sent little more than the limit (and what the sockets buffer), not the 256 MB.
    expect(r.written).toBeLessThan(32 * 1024 * 1024);
    const uploads = await readdir(join(srv.dir, 'uploads')).catch(() => [] as string[]);
    expect(uploads).toEqual([]);
    expect(srv.server.ctx.jobs.running()).toBeUndefined();
  });

  it('within the limit streams to disk and imports', async () => {
    const r = await upload(200 * 1024, 'units.csv');
    expect(r.status, r.body).toBe(202);
    await srv.server.ctx.jobs.idle();
    const job = (await (await srv.fetch(`/api/imports/${(JSON.parse(r.body) as { id: number }).id}`, { cookie: sup })).json()) as { status: string; error: string | null };
    expect(job.status, job.error ?? '').toBe('done');
  });
});
