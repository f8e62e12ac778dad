// Transport (issue 18): HTTPS from `yanpan serve --tls-cert/--tls-key` with a certificate this test makes
// with openssl (the cookie is then Secure and answers carry HSTS); the Host header must name this server
// (`--public-url`, by default the bound address) and a state-changing request's Origin must be one of
// its origins, not merely the request's own Host; a Content-Security-Policy of the server's own origin.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/db.ts';
import { addUser } from '../../src/supervise/users.ts';
import { rawRequest } from '../support/from-address.ts';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../support/server.ts';

const freePort = (): Promise<number> => new Promise((ok, fail) => {
  const s = createServer();
  s.once('error', fail);
  s.listen(0, '127.0.0.1', () => {
    const { port } = s.address() as { port: number };
    s.close(() => ok(port));
  });
});

describe('HTTPS from yanpan serve --tls-cert --tls-key', () => {
  let dir: string;
  let child: ChildProcess | null = null;
  let base = '';
  let ca: Buffer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'yanpan-tls-'));
    const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
      '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(made.stderr);
    ca = await readFile(join(dir, 'cert.pem'));
    const db = join(dir, 'y.duckdb');
    const store = await openStore(db);
    const r = await addUser(store, 'sup', 'supervisor', null, TEST_PASSWORD, 'test');
    store.close();
    if (!r.ok) throw new Error(r.error);
    const port = await freePort();
    child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--db', db, '--host', '127.0.0.1', '--port', String(port),
      '--tls-cert', join(dir, 'cert.pem'), '--tls-key', join(dir, 'key.pem')], { stdio: ['ignore', 'pipe', 'pipe'] });
    // Ready when it says so on standard output; its exit before that is the failure, with what it said.
    await new Promise<void>((ok, fail) => {
      let out = '';
      const seen = (d: Buffer) => {
        out += d.toString();
        if (/研判控制台已启动：https:\/\/127\.0\.0\.1:\d+\//.test(out)) ok();
      };
      child!.stdout!.on('data', seen);
      child!.stderr!.on('data', seen);
      child!.once('exit', (code) => fail(new Error(`serve exited ${code}: ${out}`)));
    });
    base = `https://127.0.0.1:${port}`;
  }, 90_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((ok) => child!.once('exit', ok));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  });

  it('logs in over TLS with a Secure cookie, HSTS and the CSP', async () => {
    const login = await rawRequest(`${base}/api/login`, { ca, json: { username: 'sup', password: TEST_PASSWORD }, headers: { origin: base } });
    expect(login.status).toBe(200);
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(login.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(login.headers['content-security-policy']).toMatch(/default-src 'self'/);
    const me = await rawRequest(`${base}/api/me`, { ca, headers: { cookie: cookie.split(';')[0] } });
    expect(me.status).toBe(200);
    expect(me.json()).toMatchObject({ username: 'sup' });
  });

  it('does not answer plain HTTP on that port', async () => {
    await expect(rawRequest(`${base.replace('https:', 'http:')}/api/health`)).rejects.toThrow();
  });
});

describe('the Host and Origin a request names', () => {
  let srv: TestServer;
  let port: number;
  let local: string;
  const PUBLIC = () => `http://yanpan.test:${port}`;
  beforeAll(async () => {
    port = await freePort();
    srv = await startTestServer({ users: [{ name: 'sup', role: 'supervisor' }], options: { port, publicUrl: `http://yanpan.test:${port}/` } });
    local = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => { await srv?.close(); });

  const login = (host: string, origin?: string) => rawRequest(`${local}/api/login`, {
    json: { username: 'sup', password: TEST_PASSWORD }, headers: { host, ...(origin ? { origin } : {}) },
  });

  it('answers the public name, and refuses a Host naming another server with 421 and a reason', async () => {
    expect((await login(`yanpan.test:${port}`, PUBLIC())).status).toBe(200);
    for (const host of [`evil.example:${port}`, 'yanpan.test:1', `192.0.2.7:${port}`]) {
      const r = await login(host, `http://${host}`);
      expect(r.status, host).toBe(421);
      expect((r.json() as { error: string }).error).toMatch(/主机名/);
      expect((await rawRequest(`${local}/`, { headers: { host } })).status, host).toBe(421);
    }
    // The machine itself (a health check) may always use the loopback address.
    expect((await rawRequest(`${local}/api/health`)).status).toBe(200);
  });

  it('checks a state-changing request\'s Origin against the public URL, not against the request\'s own Host', async () => {
    // Host and Origin agree, but neither is this server's public origin: the Host check stops it first …
    expect((await login(`evil.example:${port}`, `http://evil.example:${port}`)).status).toBe(421);
    // … and an accepted Host does not make any Origin acceptable.
    const r = await login(`yanpan.test:${port}`, `http://evil.example:${port}`);
    expect(r.status).toBe(403);
    expect((await login(`yanpan.test:${port}`, `https://yanpan.test:${port}`)).status).toBe(403);
  });

  it('sends the Content-Security-Policy of its own origin and no HSTS over plain HTTP', async () => {
    const r = await rawRequest(`${local}/api/health`);
    expect(r.headers['content-security-policy']).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'");
    expect(r.headers['strict-transport-security']).toBeUndefined();
    const c = await login(`yanpan.test:${port}`, PUBLIC());
    expect(String(c.headers['set-cookie'])).not.toMatch(/Secure/i);
  });
});
