// Log-in under attack, over a real server on 127.0.0.1 and real parallel requests (issue 18): failures
// counted atomically (twelve parallel wrong guesses lock the name), a per-address limit that trips
// before the account lock (so one address cannot lock anyone out), known and unknown names alike,
// the password rule, the first-log-in password change, and sessions replaced at log-in or ended
// after their absolute lifetime.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../support/server.ts';
import { postFrom } from '../support/from-address.ts';
import { LOGIN_POLICY } from '../../src/supervise/users.ts';
import { ADDRESS_POLICY } from '../../src/supervise/address-throttle.ts';

let srv: TestServer;
const errorOf = async (r: Response) => ((await r.json()) as { error: string }).error;
const cookieOf = (r: Response | { headers: Record<string, string | string[] | undefined> }): string => {
  const set = r instanceof Response ? r.headers.get('set-cookie') ?? '' : String(r.headers['set-cookie'] ?? '');
  return set.split(';')[0];
};

beforeAll(async () => {
  srv = await startTestServer({
    data: { units: [{ unit_code: 'U1', unit_name: '太谷区大队', kind: '县区大队' }] },
    users: [
      { name: 'adm', role: 'admin' }, { name: 'sup', role: 'supervisor' }, { name: 'target', role: 'supervisor' },
      { name: 'boss', role: 'admin' }, { name: 'twin', role: 'supervisor' }, { name: 'ses', role: 'supervisor' },
    ],
  });
});
afterAll(async () => { await srv?.close(); });

const guess = (name: string, from: string, password = 'Wrong-guess-1') => postFrom(srv.url, '/api/login', { username: name, password }, from);

describe('the lock-out cannot be raced', () => {
  it('locks the account when twelve wrong guesses arrive at once (from three addresses)', async () => {
    expect(LOGIN_POLICY.maxFailures).toBeLessThanOrEqual(12);
    const froms = ['127.0.0.2', '127.0.0.3', '127.0.0.4'];
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => guess('target', froms[i % 3])));
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(401));
    const right = await postFrom(srv.url, '/api/login', { username: 'target', password: TEST_PASSWORD }, '127.0.0.5');
    expect(right.status).toBe(401);
    expect((right.json() as { error: string }).error).toMatch(/锁定/);
  });

  it('refuses an address after five failures with 429 before the account locks, so nobody is locked out from one address', async () => {
    expect(ADDRESS_POLICY.failures).toBeLessThan(LOGIN_POLICY.maxFailures);
    const answers = await Promise.all(Array.from({ length: 12 }, () => guess('boss', '127.0.0.6')));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(ADDRESS_POLICY.failures);
    expect(statuses.filter((s) => s === 429)).toHaveLength(12 - ADDRESS_POLICY.failures);
    const refused = answers.find((a) => a.status === 429)!;
    expect((refused.json() as { error: string }).error).toMatch(/失败次数过多.*分钟后再试/);
    // The address stays refused, even with the right password …
    expect((await postFrom(srv.url, '/api/login', { username: 'boss', password: TEST_PASSWORD }, '127.0.0.6')).status).toBe(429);
    // … while the administrator, from their own machine, is not locked out.
    expect((await postFrom(srv.url, '/api/login', { username: 'boss', password: TEST_PASSWORD }, '127.0.0.7')).status).toBe(200);
  });

  it('lets twenty right log-ins from one address at once through (an office behind one address): only failures count', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => postFrom(srv.url, '/api/login', { username: 'adm', password: TEST_PASSWORD }, '127.0.0.11')));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
  });

  it('answers a known and an unknown name the same way, locks included', async () => {
    const known = await guess('twin', '127.0.0.8');
    const unknown = await guess('nobody-here', '127.0.0.8');
    expect([known.status, unknown.status]).toEqual([401, 401]);
    expect(known.body).toBe(unknown.body);
    // Spread over addresses to stay under the per-address limit: the unknown name locks like the known one.
    for (let i = 0; i < LOGIN_POLICY.maxFailures; i++) {
      const from = `127.0.1.${i + 1}`;
      await guess('twin', from);
      await guess('nobody-here', from);
    }
    const k = await guess('twin', '127.0.2.1');
    const u = await guess('nobody-here', '127.0.2.1');
    expect(k.status).toBe(401);
    expect(k.body).toMatch(/锁定/);
    expect(u.body).toBe(k.body);
  });
});

describe('passwords and user names', () => {
  let adm: string;
  beforeAll(async () => { adm = cookieOf(await postFrom(srv.url, '/api/login', { username: 'adm', password: TEST_PASSWORD }, '127.0.3.1')); });
  const asAdmin = (path: string, json: unknown) => srv.fetch(path, { json, cookie: adm });

  it('refuses a password shorter than 10, of fewer than three classes, or equal to the user name', async () => {
    for (const password of ['Abc-12345', 'abcdefghijk1', 'ABCDEFGH-IJ', 'Longname-01']) {
      const r = await asAdmin('/api/users', { username: password === 'Longname-01' ? 'longname-01' : 'weak1', role: 'supervisor', password });
      expect(r.status, password).toBe(400);
      expect(await errorOf(r)).toMatch(/密码至少 10 位/);
    }
    expect((await asAdmin('/api/users', { username: 'strong1', role: 'supervisor', password: 'Abcdefgh-12' })).status).toBe(201);
  });

  it('takes ASCII user names only (a Cyrillic look-alike is refused) and a Chinese display name', async () => {
    const r = await asAdmin('/api/users', { username: 'ѕup1', role: 'supervisor', password: 'Abcdefgh-12' });
    expect(r.status).toBe(400);
    expect(await errorOf(r)).toMatch(/用户名/);
    expect((await asAdmin('/api/users', { username: '张三', role: 'supervisor', password: 'Abcdefgh-12' })).status).toBe(400);
    expect((await asAdmin('/api/users', { username: '14070123', display_name: '张三', role: 'supervisor', password: 'Abcdefgh-12' })).status).toBe(201);
    const users = await (await srv.fetch('/api/users', { cookie: adm })).json() as { username: string; displayName: string | null }[];
    expect(users.find((u) => u.username === '14070123')?.displayName).toBe('张三');
  });

  it('makes an account created or reset by an administrator change its password first', async () => {
    expect((await asAdmin('/api/users', { username: 'fresh', role: 'supervisor', password: 'Initial-pass1' })).status).toBe(201);
    const login = await postFrom(srv.url, '/api/login', { username: 'fresh', password: 'Initial-pass1' }, '127.0.3.2');
    expect(login.status).toBe(200);
    expect(login.json()).toMatchObject({ must_change_password: true });
    const c = cookieOf(login);
    const blocked = await srv.fetch('/api/items', { cookie: c });
    expect(blocked.status).toBe(403);
    expect(await blocked.json()).toMatchObject({ must_change_password: true });
    expect((await srv.fetch('/api/meta', { cookie: c })).status).toBe(403);
    expect(await (await srv.fetch('/api/me', { cookie: c })).json()).toMatchObject({ username: 'fresh', must_change_password: true });

    const change = (json: unknown) => srv.fetch('/api/me/password', { json, cookie: c });
    expect((await change({ current: 'Wrong-pass-1', new: 'Chosen-pass22' })).status).toBe(403);
    const weak = await change({ current: 'Initial-pass1', new: 'short' });
    expect(weak.status).toBe(400);
    expect(await errorOf(weak)).toMatch(/10 位/);
    expect((await change({ current: 'Initial-pass1' })).status).toBe(400);
    expect((await change({ current: 'Initial-pass1', new: 'Chosen-pass22' })).status).toBe(204);
    expect((await srv.fetch('/api/items', { cookie: c })).status).toBe(200);
    expect(await (await srv.fetch('/api/me', { cookie: c })).json()).toMatchObject({ must_change_password: false });

    // A reset by the administrator puts the obligation back.
    expect((await asAdmin('/api/users/fresh/password', { password: 'Reset-pass33' })).status).toBe(204);
    const again = await postFrom(srv.url, '/api/login', { username: 'fresh', password: 'Reset-pass33' }, '127.0.3.2');
    expect(again.json()).toMatchObject({ must_change_password: true });
  });

  it('ends the user\'s other sessions when they change their password, and keeps the one that changed it', async () => {
    const one = await srv.login('sup');
    const two = await srv.login('sup');
    expect((await srv.fetch('/api/me/password', { json: { current: TEST_PASSWORD, new: 'Brand-new-pass4' }, cookie: one })).status).toBe(204);
    expect((await srv.fetch('/api/me', { cookie: one })).status).toBe(200);
    expect((await srv.fetch('/api/me', { cookie: two })).status).toBe(401);
    await srv.login('sup', 'Brand-new-pass4');
  });
});

describe('sessions', () => {
  it('replaces the browser\'s old session at a new log-in', async () => {
    const first = await srv.login('ses');
    const r = await srv.fetch('/api/login', { json: { username: 'ses', password: TEST_PASSWORD }, cookie: first });
    expect(r.status).toBe(200);
    const second = cookieOf(r);
    expect(second).not.toBe(first);
    expect((await srv.fetch('/api/me', { cookie: first })).status).toBe(401);
    expect((await srv.fetch('/api/me', { cookie: second })).status).toBe(200);
  });
});
