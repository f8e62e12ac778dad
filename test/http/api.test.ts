// The supervision API over a real server (127.0.0.1, port 0) and a real DuckDB file: every route ×
// role as contract §4 and issue 13 list them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipSync, strToU8 } from 'fflate';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../support/server.ts';
import { createItems } from '../../src/supervise/sync.ts';
import { ROUTES } from '../../src/web/server/routes/index.ts';

const UNITS = [
  { unit_code: 'U1', unit_name: '太谷区大队', kind: '县区大队' },
  { unit_code: 'U2', unit_name: '榆次区大队', kind: '县区大队' },
];
const V1 = {
  violation_id: 'V1', plate: '晋K12345', plate_type: '02', occurred_at: '2021-03-01 08:00:00', code: '1625', source: '现场',
  status: '已处理', officer_id: 'P1', place: '迎宾路', fine: 200, points: 6,
};
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);

let srv: TestServer;
let K1: string; // U1's item
let K2: string; // U2's item
const cookies: Record<string, string> = {};
const enc = encodeURIComponent;

beforeAll(async () => {
  srv = await startTestServer({
    data: { units: UNITS, violations: [V1] },
    users: [
      { name: 'sup', role: 'supervisor' }, { name: 'adm', role: 'admin' },
      { name: 'b1', role: 'brigade', unit: 'U1' }, { name: 'b2', role: 'brigade', unit: 'U2' },
      { name: 'victim', role: 'brigade', unit: 'U1' },
    ],
  });
  [K1, K2] = await createItems(srv.store, 'run', [
    { category: 'code-mismatch', subject: { kind: 'violation', id: 'V1' }, unit: 'U1', severity: 'high', title: '违法代码与记分不符', evidence: [{ kind: 'violation', id: 'V1' }] },
    { category: 'blackspot', subject: { kind: 'location', id: '112.7,37.6' }, unit: 'U2', severity: 'medium', title: '事故多发点段' },
  ], 'test');
  for (const u of ['sup', 'adm', 'b1', 'b2']) cookies[u] = await srv.login(u);
});
afterAll(async () => { await srv?.close(); });

const get = (path: string, who?: string) => srv.fetch(path, { cookie: who ? cookies[who] : undefined });
const post = (path: string, json: unknown, who?: string, headers?: Record<string, string>) => srv.fetch(path, { json, cookie: who ? cookies[who] : undefined, headers });
const action = (key: string, who: string, json: Record<string, unknown>) => post(`/api/items/${enc(key)}/actions`, json, who);
const errorOf = async (r: Response) => ((await r.json()) as { error: string }).error;
/** A new pending item of U1 citing V1, for a test that changes an item: K1 stays as the reading tests expect it. */
let fresh = 0;
const freshItem = async (): Promise<string> => (await createItems(srv.store, 'run', [
  { category: 'code-mismatch', subject: { kind: 'violation', id: `FRESH${++fresh}` }, unit: 'U1', severity: 'high', title: '违法代码与记分不符', evidence: [{ kind: 'violation', id: 'V1' }] },
], 'test'))[0];

describe('sessions', () => {
  it('answers 401 without a session on every route but log-in, with a Chinese reason', async () => {
    const sample = (p: string) => p.replace(':key', enc(K1)).replace(':id', '1').replace(':name', 'b1');
    const checked: string[] = [];
    for (const r of ROUTES.filter((x) => x.access !== 'public')) {
      const res = await srv.fetch(sample(r.path), { method: r.method, json: r.method === 'GET' ? undefined : {} });
      expect(res.status, `${r.method} ${r.path}`).toBe(401);
      expect(await errorOf(res)).toMatch(/登录/);
      checked.push(`${r.method} ${r.path}`);
    }
    expect(checked).toContain('GET /api/items');
    expect(checked).toContain('POST /api/items/:key/actions');
  });

  it('logs in with an HttpOnly SameSite=Strict cookie and tells who and which unit', async () => {
    const r = await post('/api/login', { username: 'b1', password: TEST_PASSWORD });
    expect(r.status).toBe(200);
    expect(r.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    expect(r.headers.get('set-cookie')).toMatch(/SameSite=Strict/i);
    const me = await (await get('/api/me', 'b1')).json();
    expect(me).toMatchObject({ username: 'b1', role: 'brigade', unit: 'U1', unit_name: '太谷区大队' });
  });

  // The lock-out and the per-address limit are pinned in login.test.ts (they need several client addresses).
  it('refuses a wrong password or an unknown name with 401 and the same words', async () => {
    const unknown = await post('/api/login', { username: 'nobody', password: 'whatever-1' });
    const wrong = await post('/api/login', { username: 'victim', password: 'wrong-pass' });
    expect([unknown.status, wrong.status]).toEqual([401, 401]);
    expect(await errorOf(unknown)).toBe(await errorOf(wrong));
  });

  it('answers bad log-in bodies with 400', async () => {
    expect((await srv.fetch('/api/login', { body: '{not json', headers: { 'content-type': 'application/json' } })).status).toBe(400);
    expect((await post('/api/login', { username: 'b1' })).status).toBe(400);
    expect((await post('/api/login', [1, 2])).status).toBe(400);
  });

  it('ends the session on log-out', async () => {
    const c = await srv.login('b2');
    expect((await srv.fetch('/api/logout', { method: 'POST', cookie: c })).status).toBe(204);
    expect((await srv.fetch('/api/me', { cookie: c })).status).toBe(401);
  });
});

describe('cross-site requests', () => {
  it('refuses a state-changing request whose Origin names another site, including log-in', async () => {
    const evil = { origin: 'http://evil.example' };
    const r = await post(`/api/items/${enc(K1)}/actions`, { action: 'dispatch' }, 'sup', evil);
    expect(r.status).toBe(403);
    expect(await errorOf(r)).toMatch(/跨站/);
    expect((await post('/api/login', { username: 'sup', password: TEST_PASSWORD }, undefined, evil)).status).toBe(403);
    expect((await post('/api/logout', {}, 'sup', { origin: 'null' })).status).toBe(403);
    expect((await post(`/api/items/${enc(K1)}/actions`, { action: 'dispatch' }, 'sup', { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    // Reading is not state-changing; the item was not dispatched by any of the above.
    const item = await (await get(`/api/items/${enc(K1)}`, 'sup')).json();
    expect(item.status).toBe('pending');
  });
});

describe('items by role', () => {
  it('lists every unit for a supervisor, only its own for a brigade user (another unit= gives none)', async () => {
    const all = await (await get('/api/items', 'sup')).json();
    expect(all.total).toBe(2);
    const mine = await (await get('/api/items', 'b1')).json();
    expect(mine.items.map((i: { key: string }) => i.key)).toEqual([K1]);
    const other = await (await get('/api/items?unit=U2', 'b1')).json();
    expect(other).toEqual({ total: 0, items: [] });
    // Past the last page: no items, the total still told.
    expect(await (await get('/api/items?page=50&size=10', 'sup')).json()).toEqual({ total: 2, items: [] });
    const paged = await (await get('/api/items?size=1&page=2&sort=unit&order=asc', 'sup')).json();
    expect(paged).toMatchObject({ total: 2, items: [{ key: K2 }] });
    expect(mine.items[0]).toMatchObject({ key: K1, category: 'code-mismatch', subject: { kind: 'violation', id: 'V1' }, unit: 'U1', severity: 'high', status: 'pending', overdue: false, recurred: false, deadline: null });
  });

  it('hides another unit’s item, its audit, its actions and its attachments from a brigade user (404)', async () => {
    expect((await get(`/api/items/${enc(K2)}`, 'b1')).status).toBe(404);
    expect((await get(`/api/items/${enc(K2)}/audit`, 'b1')).status).toBe(404);
    expect((await action(K2, 'b1', { action: 'receive' })).status).toBe(404);
    const form = new FormData();
    form.append('file', new Blob([PNG]), 'a.png');
    expect((await srv.fetch(`/api/items/${enc(K2)}/attachments`, { body: form, cookie: cookies.b1 })).status).toBe(404);
    // The same answer as for a key that does not exist: no leak of existence.
    const none = await get(`/api/items/${enc('code-mismatch|violation|NOPE')}`, 'b1');
    expect(none.status).toBe(404);
    expect(await errorOf(none)).toBe(await errorOf(await get(`/api/items/${enc(K2)}`, 'b1')));
  });

  it('gives an item with every field of each evidence record and its history', async () => {
    const item = await (await get(`/api/items/${enc(K1)}`, 'b1')).json();
    expect(item.evidence).toHaveLength(1);
    expect(item.evidence[0]).toMatchObject({ kind: 'violation', id: 'V1', table: 'violations' });
    expect(item.evidence[0].record).toMatchObject({ violation_id: 'V1', plate: '晋K12345', officer_id: 'P1', place: '迎宾路', points: 6 });
    // every contract column is present, null where the export had none
    expect(Object.keys(item.evidence[0].record)).toContain('decision_no');
    expect(item.history.map((h: { action: string }) => h.action)).toEqual(['create']);
    expect(item.actions).toEqual([]);
    expect((await (await get(`/api/items/${enc(K1)}`, 'sup')).json()).actions).toEqual(['dispatch']);
  });

  it('refuses a supervisor’s action by a brigade user (403) and a brigade action by a supervisor (403)', async () => {
    const r = await action(K1, 'b1', { action: 'dispatch' });
    expect(r.status).toBe(403);
    expect(await errorOf(r)).toMatch(/无权/);
    expect((await action(K1, 'sup', { action: 'receive' })).status).toBe(403);
  });

  it('refuses an action that does not fit the status (409), a missing or bad field (400), an unknown action (400)', async () => {
    const key = await freshItem();
    expect((await action(key, 'sup', { action: 'approve' })).status).toBe(409);
    expect((await action(key, 'sup', { action: 'fly' })).status).toBe(400);
    expect((await action(key, 'sup', { action: 'dispatch', deadline_days: 'soon' })).status).toBe(400);
    expect((await action(key, 'sup', { action: 'dispatch', deadline_days: 3 })).status).toBe(200);
    expect((await action(key, 'b1', { action: 'receive' })).status).toBe(200);
    const missing = await action(key, 'b1', { action: 'verify', finding: '属实' });
    expect(missing.status).toBe(400);
    expect(await errorOf(missing)).toMatch(/说明/);
    expect((await action(key, 'b1', { action: 'verify', finding: '或许', note: 'x' })).status).toBe(400);
    expect((await srv.fetch(`/api/items/${enc(key)}/actions`, { method: 'POST', body: 'not json', cookie: cookies.b1, headers: { 'content-type': 'application/json' } })).status).toBe(400);
  });

  it('answers SQL-like, huge or malformed query values without a 500', async () => {
    for (const q of ["' OR 1=1 --", '%', '_', '"; DROP TABLE items; --', '\u0000', '晋K%']) {
      const r = await get(`/api/items?q=${enc(q)}`, 'sup');
      expect(r.status, q).toBe(200);
      expect((await r.json()).total, q).toBe(0);
    }
    for (const bad of [`q=${'x'.repeat(5000)}`, 'page=-1', 'page=abc', 'size=100000', 'status=bogus', 'overdue=maybe', 'sort=title;drop', 'order=sideways', `unit=${'u'.repeat(1000)}`]) {
      const r = await get(`/api/items?${bad}`, 'sup');
      expect(r.status, bad.slice(0, 30)).toBe(400);
      expect(await errorOf(r)).toBeTruthy();
    }
    // Beyond what Node's HTTP parser takes in a request line: refused before us, still no 5xx.
    const huge = await get(`/api/items?q=${'x'.repeat(100_000)}`, 'sup');
    expect(huge.status).toBeGreaterThanOrEqual(400);
    expect(huge.status).toBeLessThan(500);
    expect((await get('/api/items?q=V1', 'sup')).status).toBe(200);
    expect((await (await get('/api/items?q=V1', 'sup')).json()).total).toBe(1);
    expect((await (await get('/api/items?q=' + enc('多发'), 'sup')).json()).total).toBe(1);
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const r = await get('/api/nothing-here', 'sup');
    expect(r.status).toBe(404);
    expect(await errorOf(r)).toBeTruthy();
  });
});

describe('conflicting actions', () => {
  it('gives one 200 and one 409 for two approvals of one item at once, and audits one', async () => {
    const [key] = await createItems(srv.store, 'run', [{ category: 'code-mismatch', subject: { kind: 'violation', id: 'RACE' }, unit: 'U1', severity: 'low', title: '并发' }], 'test');
    const results = await Promise.all([action(key, 'sup', { action: 'dispatch' }), action(key, 'adm', { action: 'dispatch' })]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const audit = await (await get(`/api/items/${enc(key)}/audit`, 'sup')).json();
    expect(audit.filter((a: { action: string }) => a.action === 'dispatch')).toHaveLength(1);
    // A stale version is refused too: the client read version 1, the item is at 2.
    expect((await action(key, 'b1', { action: 'receive', version: 1 })).status).toBe(409);
    expect((await action(key, 'b1', { action: 'receive', version: 2 })).status).toBe(200);
  });
});

describe('attachments', () => {
  it('stores a file typed by its content, serves it to who may see the item only, and refuses other types and sizes', async () => {
    const key = await freshItem();
    const up = (bytes: Uint8Array<ArrayBuffer>, name: string, who: string) => {
      const form = new FormData();
      form.append('file', new Blob([bytes]), name);
      return srv.fetch(`/api/items/${enc(key)}/attachments`, { body: form, cookie: cookies[who] });
    };
    const ok = await up(PNG, '整改照片.png', 'b1');
    expect(ok.status).toBe(201);
    const meta = await ok.json();
    expect(meta).toMatchObject({ file_name: '整改照片.png', mime: 'image/png', size: PNG.length, uploaded_by: 'b1' });
    const bad = await up(new TextEncoder().encode('<script>alert(1)</script>'), 'photo.png', 'b1');
    expect(bad.status).toBe(415);
    expect((await up(new Uint8Array(11 * 1024 * 1024).fill(0xff), 'big.jpg', 'b1')).status).toBe(413);
    const dl = await get(`/api/items/${enc(key)}/attachments/${meta.id}`, 'sup');
    expect(dl.status).toBe(200);
    expect(dl.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await dl.arrayBuffer())).toEqual(PNG);
    expect((await get(`/api/items/${enc(key)}/attachments/${meta.id}`, 'b2')).status).toBe(404);
    // The attachment can be named by the rectification it supports.
    const item = await (await get(`/api/items/${enc(key)}`, 'b1')).json();
    expect(item.attachments.map((a: { id: string }) => a.id)).toEqual([meta.id]);
    expect(item.history.map((h: { action: string }) => h.action)).toContain('attach');
  });
});

describe('data and administration by role', () => {
  it('lets only supervisors and admins import and run analyses, and only admins manage users', async () => {
    expect((await post('/api/runs', { from: '2021-01-01', to: '2021-01-31' }, 'b1')).status).toBe(403);
    expect((await get('/api/imports', 'b1')).status).toBe(403);
    expect((await get('/api/runs', 'b1')).status).toBe(403);
    expect((await get('/api/users', 'sup')).status).toBe(403);
    expect((await post('/api/users', { username: 'x1', role: 'supervisor', password: 'password-x1' }, 'sup')).status).toBe(403);
    expect((await get('/api/users', 'adm')).status).toBe(200);
    expect((await post('/api/runs', { from: '2021-02-30', to: '2021-01-31' }, 'sup')).status).toBe(400);
  });

  it('imports an uploaded zip inside the server and shows its progress', async () => {
    const zip = zipSync({
      'export/units.csv': strToU8('单位代码,单位名称,单位类型\r\nU3,祁县大队,县区大队\r\n'),
      'export/notes.txt': strToU8('ignored'),
    });
    const form = new FormData();
    form.append('files', new Blob([zip]), '导出.zip');
    const r = await srv.fetch('/api/imports', { body: form, cookie: cookies.sup });
    expect(r.status).toBe(202);
    const job = await r.json();
    let state = job;
    await expect.poll(async () => {
      state = await (await get(`/api/imports/${job.id}`, 'sup')).json();
      return state.status;
    }, { timeout: 10_000, interval: 50 }).not.toBe('running');
    expect(state.status).toBe('done');
    expect(state.result.files[0]).toMatchObject({ table: 'units', loaded: 1 });
    const meta = await (await get('/api/meta', 'sup')).json();
    expect(meta.units.map((u: { unit_code: string }) => u.unit_code)).toContain('U3');
    // The history names the uploaded file and who imported it, never the server's folder; Beijing time.
    const [last] = await (await get('/api/import-history', 'sup')).json();
    expect(last).toMatchObject({ source: '导出.zip', imported_by: 'sup', outcome: 'ok' });
    expect(JSON.stringify(last)).not.toContain('/uploads/');
    const bad = new FormData();
    bad.append('files', new Blob([strToU8('not a zip')]), 'x.zip');
    expect((await srv.fetch('/api/imports', { body: bad, cookie: cookies.sup })).status).toBe(400);
  });

  it('lets an admin add, disable and reset a user', async () => {
    expect((await post('/api/users', { username: 'new1', role: 'brigade', unit: 'U1', password: 'password-new1' }, 'adm')).status).toBe(201);
    expect((await post('/api/users', { username: 'new1', role: 'brigade', unit: 'U1', password: 'password-new1' }, 'adm')).status).toBe(409);
    expect((await post('/api/users', { username: 'new2', role: 'brigade', password: 'password-new2' }, 'adm')).status).toBe(400);
    const c = await srv.login('new1', 'password-new1');
    expect((await post('/api/users/new1/disable', {}, 'adm')).status).toBe(204);
    expect((await srv.fetch('/api/me', { cookie: c })).status).toBe(401);
    expect((await post('/api/users/new1/enable', {}, 'adm')).status).toBe(204);
    expect((await post('/api/users/new1/password', { password: 'password-new1b' }, 'adm')).status).toBe(204);
    await srv.login('new1', 'password-new1b');
  });
});
