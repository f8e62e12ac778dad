// The security log (安全审计) over a real server: log-ins, failures, lock-outs, log-outs, password
// changes, user and setting changes, analyses and exports are each recorded with user, time, client
// address and outcome (never a password); admins read it newest first with filters; it is hash-chained
// and `yanpan audit verify` checks it beside the item audit.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../support/server.ts';
import { postFrom } from '../support/from-address.ts';
import { openStore } from '../../src/store/db.ts';
import { verifySecurityLog } from '../../src/supervise/security-log.ts';
import { LOGIN_POLICY } from '../../src/supervise/users.ts';
import { auditVerify } from '../../src/cli/audit.ts';
import { ROUTES } from '../../src/web/server/routes/index.ts';

interface Entry { at: string; user: string; address: string; event: string; outcome: string; detail: string }

let srv: TestServer;
let adm: string;
beforeAll(async () => {
  srv = await startTestServer({
    data: { units: [{ unit_code: 'U1', unit_name: '太谷区大队', kind: '县区大队' }] },
    users: [{ name: 'adm', role: 'admin' }, { name: 'sup', role: 'supervisor' }, { name: 'b1', role: 'brigade', unit: 'U1' }, { name: 'lockme', role: 'supervisor' }],
  });
});
afterAll(async () => { await srv?.close(); });

const log = async (query = ''): Promise<{ total: number; entries: Entry[] }> => {
  const r = await srv.fetch(`/api/security-log${query}`, { cookie: adm });
  expect(r.status).toBe(200);
  return r.json() as Promise<{ total: number; entries: Entry[] }>;
};

describe('the security log', () => {
  it('is declared by every route that changes users or settings, imports, analyses or exports', () => {
    const changing = ROUTES.filter((r) => r.method !== 'GET' && (r.access === 'admin' || r.access === 'manage-data'));
    expect(changing.length).toBeGreaterThan(5);
    expect(changing.filter((r) => !r.security).map((r) => `${r.method} ${r.path}`)).toEqual([]);
    const downloads = ROUTES.filter((r) => r.method === 'GET' && /export|\.csv$|\.xlsx$|checklist|^\/api\/bulletin$/.test(r.path));
    expect(downloads.length).toBeGreaterThanOrEqual(6);
    expect(downloads.filter((r) => !r.security).map((r) => r.path)).toEqual([]);
  });

  it('records log-ins, failures, lock-outs, log-outs, password and user changes, settings, analyses and exports', async () => {
    const login = await postFrom(srv.url, '/api/login', { username: 'adm', password: TEST_PASSWORD }, '127.0.0.9');
    adm = String(login.headers['set-cookie']).split(';')[0];
    await postFrom(srv.url, '/api/login', { username: 'sup', password: 'Wrong-guess-1' }, '127.0.0.10');
    for (let i = 0; i < LOGIN_POLICY.maxFailures; i++) await postFrom(srv.url, '/api/login', { username: 'lockme', password: 'Wrong-guess-1' }, `127.0.4.${i + 1}`);
    const sup = await srv.login('sup');
    expect((await srv.fetch('/api/me/password', { json: { current: TEST_PASSWORD, new: 'Second-pass-22' }, cookie: sup })).status).toBe(204);
    expect((await srv.fetch('/api/export/items.xlsx', { cookie: sup })).status).toBe(200);
    expect((await srv.fetch('/api/runs', { json: { from: '2021-02-30', to: '2021-01-31' }, cookie: sup })).status).toBe(400);
    expect((await srv.fetch('/api/logout', { method: 'POST', cookie: sup })).status).toBe(204);
    expect((await srv.fetch('/api/users', { json: { username: 'new1', role: 'supervisor', password: 'Initial-pass-1' }, cookie: adm })).status).toBe(201);
    expect((await srv.fetch('/api/users/new1/disable', { method: 'POST', cookie: adm })).status).toBe(204);
    expect((await srv.fetch('/api/users/new1/password', { json: { password: 'Reset-pass-2x' }, cookie: adm })).status).toBe(204);
    // 解锁: the locked account is listed with its lock, an admin lifts it, it logs in; a second unlock has nothing to lift.
    const listed = async () => ((await (await srv.fetch('/api/users', { cookie: adm })).json()) as { username: string; lockedUntil: string | null; lastLogin: string | null }[]);
    expect((await listed()).find((u) => u.username === 'lockme')?.lockedUntil).toBeTruthy();
    expect((await listed()).find((u) => u.username === 'adm')?.lastLogin).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect((await srv.fetch('/api/users/lockme/unlock', { method: 'POST', cookie: sup })).status).toBe(401);
    expect((await srv.fetch('/api/users/lockme/unlock', { method: 'POST', cookie: adm })).status).toBe(204);
    expect((await listed()).find((u) => u.username === 'lockme')?.lockedUntil).toBeNull();
    expect((await srv.fetch('/api/users/lockme/unlock', { method: 'POST', cookie: adm })).status).toBe(409);
    expect((await srv.fetch('/api/users/nobody/unlock', { method: 'POST', cookie: adm })).status).toBe(404);
    await srv.login('lockme');
    expect((await srv.fetch('/api/settings/deadlines', { method: 'PUT', json: { high: 4, medium: 10, low: 15 }, cookie: adm })).status).toBe(200);

    const { total, entries } = await log('?size=200');
    expect(total).toBe(entries.length);
    const has = (event: string, outcome: string, user: string, more: Partial<Entry> = {}) =>
      expect(entries, `${event} ${outcome} ${user}`).toContainEqual(expect.objectContaining({ event, outcome, user, ...more }));
    has('login', 'success', 'adm', { address: '127.0.0.9' });
    has('login', 'failure', 'sup', { address: '127.0.0.10', detail: '用户名或密码错误' });
    has('lockout', 'success', 'lockme');
    has('password-change', 'success', 'sup');
    has('export', 'success', 'sup', { detail: '/api/export/items.xlsx' });
    has('analysis', 'failure', 'sup');
    has('logout', 'success', 'sup');
    has('user-add', 'success', 'adm', { detail: '用户 new1，角色 supervisor' });
    has('user-disable', 'success', 'adm');
    has('password-reset', 'success', 'adm');
    has('user-unlock', 'success', 'adm', { detail: '用户 lockme' });
    has('setting-change', 'success', 'adm');
    // Newest first, each with its time; no password anywhere.
    expect(entries[0].event).toBe('setting-change');
    expect(entries.every((e) => /^\d{4}-\d{2}-\d{2}T/.test(e.at) && e.address)).toBe(true);
    const text = JSON.stringify(entries);
    for (const pw of [TEST_PASSWORD, 'Wrong-guess-1', 'Second-pass-22', 'Initial-pass-1', 'Reset-pass-2x']) expect(text).not.toContain(pw);
  });

  it('filters by user, event and day, pages, and is for admins only', async () => {
    const sup = await log('?user=sup&event=login');
    expect(sup.entries.length).toBeGreaterThan(0);
    expect(sup.entries.every((e) => e.user === 'sup' && e.event === 'login')).toBe(true);
    const all = await log();
    const today = all.entries[0].at.slice(0, 10);
    expect((await log(`?from=${today}&to=${today}`)).total).toBe(all.total);
    expect((await log('?from=2000-01-01&to=2000-01-02')).total).toBe(0);
    const page2 = await log('?size=2&page=2');
    expect(page2.entries).toEqual(all.entries.slice(2, 4));
    for (const bad of ['?event=nope', '?from=2021-02-30', '?size=0', '?page=x', '?to=9999-12-31']) {
      expect((await srv.fetch(`/api/security-log${bad}`, { cookie: adm })).status, bad).toBe(400);
    }
    expect((await srv.fetch('/api/security-log', { cookie: await srv.login('b1') })).status).toBe(403);
  });

  it('is hash-chained: audit verify checks it beside the item audit and names an edited entry', async () => {
    expect(await verifySecurityLog(srv.store)).toMatchObject({ ok: true });
    const db = join(srv.dir, 'yanpan.duckdb');
    await srv.stop();
    expect(await auditVerify({ db })).toBe(0);
    const store = await openStore(db);
    const head = await verifySecurityLog(store);
    expect(head.ok).toBe(true);
    const anchor = head.ok && head.head ? `${head.head.seq}:${head.head.hash}` : '';
    await store.run("UPDATE security_log SET outcome = 'success' WHERE seq = 2");
    expect(await verifySecurityLog(store)).toMatchObject({ ok: false, seq: 2 });
    await store.run("UPDATE security_log SET outcome = 'failure' WHERE seq = 2");
    // Cut short: the chain itself is whole, the anchor shows it.
    await store.run('DELETE FROM security_log WHERE seq = (SELECT max(seq) FROM security_log)');
    store.close();
    expect(await auditVerify({ db })).toBe(0);
    expect(await auditVerify({ db, securityAnchor: [anchor] })).toBe(3);
  });
});
