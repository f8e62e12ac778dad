// Time-dependent behaviour over HTTP with a clock the test moves: the session idle timeout and 逾期.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.ts';
import { createItems } from '../../src/supervise/sync.ts';

let t = new Date('2026-03-02T01:00:00Z'); // a Monday, 09:00 in Beijing
const clock = { now: () => t };
let srv: TestServer;
let key: string;

beforeAll(async () => {
  srv = await startTestServer({ clock, users: [{ name: 'sup', role: 'supervisor' }, { name: 'b1', role: 'brigade', unit: 'U1' }], data: { units: [{ unit_code: 'U1', unit_name: '一大队' }] } });
  [key] = await createItems(srv.store, 'run', [{ category: 'code-mismatch', subject: { kind: 'violation', id: 'V1' }, unit: 'U1', severity: 'high', title: '代码错误' }], 'test', clock);
});
afterAll(async () => { await srv?.close(); });

describe('time', () => {
  it('ends a session idle longer than 30 minutes, and keeps one in use', async () => {
    const c = await srv.login('sup');
    t = new Date(t.getTime() + 20 * 60_000);
    expect((await srv.fetch('/api/me', { cookie: c })).status).toBe(200);
    t = new Date(t.getTime() + 20 * 60_000); // 40 min after log-in, 20 after last use
    expect((await srv.fetch('/api/me', { cookie: c })).status).toBe(200);
    t = new Date(t.getTime() + 31 * 60_000);
    expect((await srv.fetch('/api/me', { cookie: c })).status).toBe(401);
  });

  it('counts the deadline in working days and marks the item overdue once it passes before review', async () => {
    const sup = await srv.login('sup');
    const r = await srv.fetch(`/api/items/${encodeURIComponent(key)}/actions`, { json: { action: 'dispatch', deadline_days: 5 }, cookie: sup });
    // Monday 2026-03-02 + 5 working days = Monday 2026-03-09 (the weekend does not count)
    expect(await r.json()).toMatchObject({ status: 'dispatched', deadline: '2026-03-09', overdue: false });
    t = new Date('2026-03-09T15:00:00Z'); // 23:00 on the deadline day: not yet overdue
    expect((await (await srv.fetch(`/api/items?overdue=true`, { cookie: await srv.login('sup') })).json()).total).toBe(0);
    t = new Date('2026-03-09T16:30:00Z'); // 00:30 on 03-10 in Beijing
    const list = await (await srv.fetch(`/api/items?overdue=true`, { cookie: await srv.login('b1') })).json();
    expect(list.items.map((i: { key: string; overdue: boolean }) => [i.key, i.overdue])).toEqual([[key, true]]);
  });

  it('ends a session 12 hours after its log-in however busy it has been', async () => {
    const c = await srv.login('sup');
    const start = t.getTime();
    for (let m = 20; m < 12 * 60; m += 20) {
      t = new Date(start + m * 60_000);
      expect((await srv.fetch('/api/me', { cookie: c })).status).toBe(200);
    }
    t = new Date(start + (12 * 60 + 1) * 60_000);
    expect((await srv.fetch('/api/me', { cookie: c })).status).toBe(401);
  });
});
