// Request bodies with fields named like Object members, against a real server: an action with
// __proto__, constructor or toString is refused like any other unknown field (400, item unchanged),
// and no route takes such a name for a field it knows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.ts';

const acc = (id: string) => ({
  accident_id: id, occurred_at: '2021-03-01 08:00:00', unit_code: 'U1', procedure: '一般程序', status: '调查中', officer_id: 'P1',
  reported_at: '2021-03-01 08:05:00', scene_done_at: '2021-03-01 10:00:00', hit_and_run: false, appraisal: false, extended: false, deaths: 0,
});
const KEY = encodeURIComponent('case-shelving|accident|A1');
const MEMBERS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];

let srv: TestServer;
let sup: string, adm: string;
beforeAll(async () => {
  srv = await startTestServer({
    data: { units: [{ unit_code: 'U1', unit_name: '太谷区大队' }], officers: [{ officer_id: 'P1', name: '张三', unit_code: 'U1' }], accidents: [acc('A1')] },
    users: [{ name: 'sup', role: 'supervisor' }, { name: 'adm', role: 'admin' }],
  });
  [sup, adm] = [await srv.login('sup'), await srv.login('adm')];
  const r = await srv.fetch('/api/runs', { json: { from: '2021-01-01', to: '2021-06-30', as_of: '2021-07-11' }, cookie: sup });
  expect(r.status).toBe(202);
  await srv.server.ctx.jobs.idle();
}, 60_000);
afterAll(async () => { await srv?.close(); });

/** POST raw JSON text: a JS object literal would turn "__proto__" into the prototype instead of a field. */
const post = (path: string, text: string, cookie: string, method = 'POST') =>
  srv.fetch(path, { method, body: text, cookie, headers: { 'content-type': 'application/json' } });

describe('fields named like Object members', () => {
  it('are unknown fields of an action: 400 naming the field, and the item stays as it was', async () => {
    const before = await (await srv.fetch(`/api/items/${KEY}`, { cookie: sup })).json() as { status: string; version: number };
    expect(before.status).toBe('pending');
    for (const name of MEMBERS) {
      for (const value of ['1', '{}', '"x"', 'null']) {
        const r = await post(`/api/items/${KEY}/actions`, `{"action": "dispatch", "note": "n", ${JSON.stringify(name)}: ${value}}`, sup);
        expect(r.status, `${name}: ${value}`).toBe(400);
        expect(((await r.json()) as { error: string }).error, name).toContain(name);
      }
    }
    const after = await (await srv.fetch(`/api/items/${KEY}`, { cookie: sup })).json() as { status: string; version: number };
    expect(after).toMatchObject({ status: 'pending', version: before.version });
    // The same action without them goes through.
    expect((await post(`/api/items/${KEY}/actions`, '{"action": "dispatch", "note": "n"}', sup)).status).toBe(200);
  });

  it('are unknown everywhere else a body is checked, and never a 5xx', async () => {
    for (const [i, name] of MEMBERS.entries()) {
      const extra = `${JSON.stringify(name)}: {"high": 1}`;
      const cases: [string, string, string, number[]][] = [
        ['PUT', '/api/settings/deadlines', `{"high": 5, ${extra}}`, [400]],
        ['POST', '/api/forecasts', `{"month": "2021-07", ${extra}}`, [400]],
        ['POST', '/api/rule-settings/preview', `{"settings": {${extra}}}`, [400]],
        ['POST', '/api/rule-settings/preview', `{"settings": {"case-shelving": {${extra}}}}`, [400]],
        ['POST', '/api/users', `{"username": "u${i}", "role": "supervisor", "password": "Aa1-aaaaaaaa", ${extra}}`, [201, 400]],
        ['POST', '/api/runs', `{"from": "2021-01-01", ${extra}}`, [400]],
        ['POST', '/api/samples', `{"kind": "documents", ${extra}}`, [400]],
        ['PUT', '/api/bulletin/settings', `{${extra}}`, [200, 400]],
      ];
      for (const [method, path, text, ok] of cases) {
        const r = await post(path, text, adm, method);
        expect(ok, `${method} ${path} ${text} → ${r.status} ${await r.clone().text()}`).toContain(r.status);
      }
    }
  });
  it('a field a route does not know is refused by name (400), and nothing is done', async () => {
    const cases: [string, string, Record<string, unknown>][] = [
      ['POST', '/api/users', { username: 'newcomer', role: 'supervisor', password: 'Aa1-aaaaaaaa', nickname: '小王' }],
      ['POST', '/api/users/sup/password', { password: 'Aa1-bbbbbbbb', nickname: '小王' }],
      ['POST', '/api/login', { username: 'sup', password: 'x', nickname: '小王' }],
      ['POST', '/api/me/password', { current: 'x', new: 'Aa1-cccccccc', nickname: '小王' }],
      ['PUT', '/api/bulletin/settings', { issuer: '某支队', nickname: '小王' }],
      ['POST', '/api/forecasts', { month: '2021-07', nickname: '小王' }],
      ['POST', '/api/runs', { from: '2021-01-01', to: '2021-06-30', nickname: '小王' }],
      ['POST', '/api/samples', { month: '2021-06', kind: 'documents', rate: '5%', nickname: '小王' }],
      ['POST', '/api/rule-settings', { reason: '试', settings: {}, nickname: '小王' }],
      ['POST', '/api/rule-settings/preview', { settings: {}, nickname: '小王' }],
    ];
    for (const [method, path, body] of cases) {
      const r = await post(path, JSON.stringify(body), adm, method);
      expect(r.status, `${method} ${path} → ${await r.clone().text()}`).toBe(400);
      expect(((await r.json()) as { error: string }).error, path).toMatch(/未知字段：nickname/);
    }
    const users = await (await srv.fetch('/api/users', { cookie: adm })).json() as { username: string }[];
    expect(users.map((u) => u.username)).not.toContain('newcomer');
    expect(((await (await srv.fetch('/api/bulletin/settings', { cookie: adm })).json()) as { issuer: string }).issuer).not.toBe('某支队');
  });

  it('an upload that is not a multipart form with a file says how to send it (400), for an attachment and a checklist alike', async () => {
    for (const path of [`/api/items/${KEY}/attachments`, '/api/samples/import']) {
      for (const r of [await post(path, '{"file": "x"}', adm), await srv.fetch(path, { method: 'POST', body: new FormData(), cookie: adm })]) {
        expect(r.status, path).toBe(400);
        expect(((await r.json()) as { error: string }).error, path).toMatch(/^请以 multipart\/form-data 上传.+（字段名 file）$/);
      }
    }
  });

  it('a bad period is named by the request\'s fields, never by a command-line option', async () => {
    const answers = [
      await post('/api/runs', JSON.stringify({ from: '2021-01-01', to: '9999-12-31' }), adm),
      await post('/api/rule-settings/preview', JSON.stringify({ settings: {}, from: '2021-01-01', to: '2021-06-30', as_of: '2021-13-01' }), adm),
      await srv.fetch('/api/risk?from=2021-01-01&to=9999-12-31', { cookie: adm }),
      await srv.fetch('/api/rule-effectiveness?from=1980-01-01&to=2021-06-30', { cookie: adm }),
    ];
    const errors = await Promise.all(answers.map(async (r) => { expect(r.status).toBe(400); return ((await r.json()) as { error: string }).error; }));
    expect(errors[0]).toMatch(/^to 超出支持的日期范围/);
    expect(errors[1]).toMatch(/^as_of 不是有效日期/);
    expect(errors[2]).toMatch(/^to 超出支持的日期范围/);
    for (const e of errors) expect(e).not.toMatch(/--/);
  });
});
