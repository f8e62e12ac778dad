// 规则设置 and 规则成效 over HTTP: who may read, try and adopt figures; adopting is a version and a security-log entry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addItems, DATA, UNIT_A } from '../console/fixture.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let srv: TestServer;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  srv = await startTestServer({
    users: [{ name: 'adm', role: 'admin' }, { name: 'sup', role: 'supervisor' }, { name: 'brig', role: 'brigade', unit: UNIT_A }],
    data: DATA, setup: addItems,
  });
  for (const u of ['adm', 'sup', 'brig']) cookies[u] = await srv.login(u);
});
afterAll(() => srv.close());

describe('rule settings over HTTP', () => {
  it('supervisors read the settings and the effectiveness; a brigade may not', async () => {
    expect((await srv.fetch('/api/rule-settings', { cookie: cookies.sup })).status).toBe(200);
    expect((await srv.fetch('/api/rule-effectiveness', { cookie: cookies.sup })).status).toBe(200);
    expect((await srv.fetch('/api/rule-settings', { cookie: cookies.brig })).status).toBe(403);
    expect((await srv.fetch('/api/rule-effectiveness', { cookie: cookies.brig })).status).toBe(403);
    expect((await srv.fetch('/api/rule-effectiveness?from=2026-02-30', { cookie: cookies.sup })).status).toBe(400);
  });

  it('only an administrator tries and adopts figures; bad figures are a 400 naming the key', async () => {
    const json = { settings: { deviceComplaints: { minComplaints: 2 } }, from: '2021-06-01', to: '2021-06-30', as_of: '2021-07-05' };
    expect((await srv.fetch('/api/rule-settings/preview', { cookie: cookies.sup, json })).status).toBe(403);
    const preview = await srv.fetch('/api/rule-settings/preview', { cookie: cookies.adm, json });
    expect(preview.status).toBe(200);
    expect(await preview.json()).toMatchObject({ groups: ['deviceComplaints'], base_version: null });
    const bad = await srv.fetch('/api/rule-settings', { cookie: cookies.adm, json: { settings: { deviceComplaints: { minComplaints: 0 } }, reason: 'x' } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain('deviceComplaints.minComplaints');
    expect((await srv.fetch('/api/rule-settings', { cookie: cookies.adm, json: { settings: {}, reason: '' } })).status).toBe(400);
    expect((await srv.fetch('/api/rule-settings', { cookie: cookies.sup, json: { settings: {}, reason: 'x' } })).status).toBe(403);
  });

  it('adopting makes a version in force, with who and why, and a security-log entry', async () => {
    const r = await srv.fetch('/api/rule-settings', { cookie: cookies.adm, json: { settings: { deviceComplaints: { minComplaints: 2 } }, reason: '群众投诉增多，降低门槛' } });
    expect(r.status).toBe(201);
    expect(await r.json()).toEqual({ ok: true, version: 1, unchanged: false });
    const s = (await (await srv.fetch('/api/rule-settings', { cookie: cookies.sup })).json()) as { version: number; versions: { version: number; created_by: string; reason: string; in_force: boolean }[] };
    expect(s.version).toBe(1);
    expect(s.versions[0]).toMatchObject({ version: 1, created_by: 'adm', reason: '群众投诉增多，降低门槛', in_force: true });
    const log = (await (await srv.fetch('/api/security-log?event=setting-change', { cookie: cookies.adm })).json()) as { entries: { user: string; detail: string; outcome: string }[] };
    expect(log.entries[0]).toMatchObject({ user: 'adm', outcome: 'success' });
    expect(log.entries[0].detail).toContain('群众投诉增多');
  });

  it('an administrator sets when 规则成效 marks a category; the figures are checked and used', async () => {
    const put = (cookie: string, json: unknown) => srv.fetch('/api/settings/rule-effectiveness', { method: 'PUT', cookie, json });
    expect((await put(cookies.sup, { falseShare: 0.5 })).status).toBe(403);
    expect((await put(cookies.adm, { falseShare: 2 })).status).toBe(400);
    expect((await put(cookies.adm, { windowDays: 30, extra: 1 })).status).toBe(400);
    const ok = await put(cookies.adm, { windowDays: 30, minVerified: 2, falseShare: 0.25 });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ windowDays: 30, minVerified: 2, falseShare: 0.25 });
    const r = (await (await srv.fetch('/api/rule-effectiveness', { cookie: cookies.sup })).json()) as { settings: unknown };
    expect(r.settings).toEqual({ windowDays: 30, minVerified: 2, falseShare: 0.25 });
  });
});
