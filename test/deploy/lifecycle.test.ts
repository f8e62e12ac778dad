// The server as a service: /api/health through its life, one log line per request and per job without
// secrets, and a stop (SIGTERM) that calls off a running import so that nothing of it is kept.
import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../src/store/db.ts';
import { serialStore } from '../../src/store/serial.ts';
import { addUser } from '../../src/supervise/users.ts';
import { createApp } from '../../src/web/server/app.ts';
import { startServer } from '../../src/web/server/serve.ts';
import { VERSION } from '../../src/deploy/version.ts';

const SAMPLE = new URL('../fixtures/jinzhong-2021h1', import.meta.url).pathname;
const BIN = new URL('../../bin/yanpan', import.meta.url).pathname;
const PASSWORD = 'Secret-pass-42';
const dirs: string[] = [];
const tempDir = async () => { const d = await mkdtemp(join(tmpdir(), 'yanpan-life-')); dirs.push(d); return d; };
afterAll(async () => { for (const d of dirs) await rm(d, { recursive: true, force: true }); });

async function uploadSample(url: string, cookie: string): Promise<Response> {
  const form = new FormData();
  for (const f of await readdir(SAMPLE)) form.append('files', new Blob([await readFile(join(SAMPLE, f))]), f);
  return fetch(`${url}/api/imports`, { method: 'POST', headers: { cookie, origin: url }, body: form });
}

describe('GET /api/health', () => {
  it('answers 503 "starting" while the database opens, 200 with the version when serving, 503 "stopping" on the way out, without a session', async () => {
    const dir = await tempDir();
    let release!: (s: Store) => void;
    const pending = new Promise<Store>((ok) => { release = ok; });
    let url = '';
    const starting = startServer(pending, { host: '127.0.0.1', port: 0, dataDir: dir, onListening: (u) => { url = u; } });
    await expect.poll(() => url).not.toBe('');
    const early = await fetch(`${url}/api/health`);
    expect(early.status).toBe(503);
    expect(await early.json()).toEqual({ status: 'starting', version: VERSION });
    expect((await fetch(`${url}/api/items`)).status).toBe(503);
    release(await openStore(join(dir, 'y.duckdb')));
    const server = await starting;
    const ok = await fetch(`${url}/api/health`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: 'ok', version: VERSION });
    await server.close();
    const { app, ctx } = createApp(server.store, { dataDir: dir });
    ctx.phase.current = 'stopping';
    const late = await app.request('/api/health');
    expect(late.status).toBe(503);
    expect(await late.json()).toEqual({ status: 'stopping', version: VERSION });
    server.store.close();
  });
});

describe('stopping the server', () => {
  it('calls off a running import (nothing of it kept), logs each request and job without passwords or cookies', async () => {
    const dir = await tempDir();
    const db = join(dir, 'y.duckdb');
    const raw = await openStore(db);
    const store = serialStore(raw, { readers: 1 });
    expect((await addUser(store, 'duban', 'supervisor', null, PASSWORD, 'test')).ok).toBe(true);
    const lines: string[] = [];
    const server = await startServer(store, { host: '127.0.0.1', port: 0, dataDir: dir, loginDelayMs: () => 0, log: (l) => lines.push(l) });
    const login = await fetch(`${server.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: server.url }, body: JSON.stringify({ username: 'duban', password: PASSWORD }) });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    expect((await fetch(`${server.url}/api/items?q=%E6%99%8BK12345`, { headers: { cookie } })).status).toBe(200);
    const started = await uploadSample(server.url, cookie);
    expect(started.status).toBe(202);
    await server.close();
    const job = server.ctx.jobs.list('import')[0];
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/服务正在停止/);
    expect(await raw.all('SELECT count(*)::INT AS n FROM imports')).toEqual([{ n: 0 }]);
    expect(await raw.all('SELECT count(*)::INT AS n FROM violations')).toEqual([{ n: 0 }]);
    store.close();

    const log = lines.join('\n');
    expect(lines.find((l) => / POST \/api\/login 200 /.test(l))).toMatch(/^\S+ 127\.0\.0\.1 - POST \/api\/login 200 \d+ms$/);
    expect(lines.find((l) => / GET \/api\/items /.test(l))).toMatch(/ duban GET \/api\/items 200 \d+ms$/);
    expect(log).toMatch(/job import #1 started user=duban/);
    expect(log).toMatch(/job import #1 failed \d+ms user=duban error=".*服务正在停止/);
    expect(log).not.toContain(PASSWORD);
    expect(log).not.toContain(cookie.split('=')[1]);
    expect(log).not.toContain('晋K');
    expect(log).not.toContain('K12345');
  }, 30_000);

  it('yanpan serve --config: the file with flags over it; SIGTERM stops it, checkpointed, exit 0', async () => {
    const dir = await tempDir();
    const conf = join(dir, 'yanpan.conf');
    await writeFile(conf, `address = 127.0.0.1\nport = 1\ndata_dir = ${dir}\nbackup_time = off\n`);
    const child = spawn(BIN, ['serve', '--config', conf, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => { out += b.toString(); });
    child.stderr.on('data', (b: Buffer) => { out += b.toString(); });
    const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
    await expect.poll(() => /已启动：(http:\/\/\S+)\//.exec(out)?.[1], { timeout: 20_000 }).toBeTruthy();
    const url = /已启动：(http:\/\/\S+)\//.exec(out)![1];
    expect(await (await fetch(`${url}/api/health`)).json()).toEqual({ status: 'ok', version: VERSION });
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toMatch(/GET \/api\/health 200/);
    expect(out).toMatch(/服务已停止/);
    expect(existsSync(join(dir, 'yanpan.duckdb'))).toBe(true);
    expect(existsSync(join(dir, 'yanpan.duckdb.wal'))).toBe(false);
  }, 30_000);
});
