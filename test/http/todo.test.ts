// 我的待办, 批量下发 / 批量签收, 被退回 and the dispatch form's due date, over a real server: a brigade's to-do count
// rises after a batch dispatch and falls as it acts; a return shows in its list, its detail and its count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addItems, DATA, ITEMS, keyOf, UNIT_A } from '../console/fixture.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let srv: TestServer;
let sup: string;
let brig: string;
const A = ITEMS.filter((i) => i.unit === UNIT_A).map(keyOf);
const clock = { now: () => new Date('2026-12-07T10:00:00+08:00') };

interface Todo { total: number; entries: { key: string; label: string; count: number; query: Record<string, string> }[] }
const count = (t: Todo, key: string): number => t.entries.find((e) => e.key === key)?.count ?? -1;
const get = async <T>(path: string, cookie: string): Promise<T> => (await (await srv.fetch(path, { cookie })).json()) as T;
const post = (path: string, cookie: string, json: unknown) => srv.fetch(path, { cookie, json });

beforeAll(async () => {
  srv = await startTestServer({ users: [{ name: 'sup', role: 'supervisor' }, { name: 'brig', role: 'brigade', unit: UNIT_A }], data: DATA, setup: addItems, clock });
  sup = await srv.login('sup');
  brig = await srv.login('brig');
});
afterAll(() => srv.close());

describe('我的待办 and batch actions', () => {
  it('the detachment sees every item waiting to be dispatched; the brigade has nothing to do yet', async () => {
    const s = await get<Todo>('/api/todo', sup);
    expect(count(s, 'dispatch')).toBe(ITEMS.length);
    expect(s.total).toBe(ITEMS.length);
    const b = await get<Todo>('/api/todo', brig);
    expect(b.entries.map((e) => e.label)).toEqual(['待签收', '待核查', '待整改', '被退回', '即将逾期', '已逾期']);
    expect(b.total).toBe(0);
  });

  it('a batch dispatch with one deadline reaches the brigade as 待签收; another unit\'s key or a bad action is answered per key or refused', async () => {
    const r = await post('/api/items/batch-actions', sup, { action: 'dispatch', keys: A, deadline_days: 2 });
    expect(r.status).toBe(200);
    const { results } = (await r.json()) as { results: { key: string; ok: boolean; status?: string }[] };
    expect(results).toEqual(A.map((key) => ({ key, ok: true, status: 'dispatched' })));
    expect(count(await get<Todo>('/api/todo', sup), 'dispatch')).toBe(ITEMS.length - A.length);
    const b = await get<Todo>('/api/todo', brig);
    expect(count(b, 'receive')).toBe(A.length);
    expect(b.total).toBe(A.length);
    // Two working days from Monday 2026-12-07: due on Wednesday, so both are 即将逾期.
    expect(count(b, 'due-soon')).toBe(A.length);
    expect((await post('/api/items/batch-actions', sup, { action: 'approve', keys: A })).status).toBe(400);
    expect((await post('/api/items/batch-actions', sup, { action: 'dispatch', keys: [] })).status).toBe(400);
    // Dispatching again: each key says why (409), the others are untouched.
    const again = (await (await post('/api/items/batch-actions', sup, { action: 'dispatch', keys: [A[0]] })).json()) as { results: { ok: boolean; code: number }[] };
    expect(again.results).toEqual([expect.objectContaining({ ok: false, code: 409 })]);
  });

  it('the brigade clears its count by acting: batch receive, then verify', async () => {
    const other = ITEMS.find((i) => i.unit !== UNIT_A)!;
    const r = (await (await post('/api/items/batch-actions', brig, { action: 'receive', keys: [...A, keyOf(other)] })).json()) as { results: { key: string; ok: boolean; code?: number }[] };
    expect(r.results.filter((x) => x.ok).map((x) => x.key)).toEqual(A);
    // Another unit's item is not found for a brigade user.
    expect(r.results.find((x) => x.key === keyOf(other))).toMatchObject({ ok: false, code: 404 });
    let b = await get<Todo>('/api/todo', brig);
    expect([count(b, 'receive'), count(b, 'verify')]).toEqual([0, A.length]);
    expect((await post(`/api/items/${encodeURIComponent(A[0])}/actions`, brig, { action: 'verify', finding: '属实', note: '属实' })).status).toBe(200);
    b = await get<Todo>('/api/todo', brig);
    expect([count(b, 'verify'), count(b, 'rectify')]).toEqual([A.length - 1, 1]);
  });

  it('a returned item is marked in the list, the detail and the count, until it is resubmitted', async () => {
    const key = encodeURIComponent(A[0]);
    expect((await post(`/api/items/${key}/actions`, brig, { action: 'submit', measures: '已整改' })).status).toBe(200);
    expect((await post(`/api/items/${key}/actions`, sup, { action: 'return', reason: '措施不具体' })).status).toBe(200);
    expect(count(await get<Todo>('/api/todo', brig), 'returned')).toBe(1);
    const list = await get<{ items: { key: string; returned: boolean }[] }>('/api/items?returned=true', brig);
    expect(list.items.map((i) => i.key)).toEqual([A[0]]);
    expect((await get<{ items: { key: string; returned: boolean }[] }>('/api/items', brig)).items.find((i) => i.key === A[1])?.returned).toBe(false);
    expect(await get<{ returned: boolean }>(`/api/items/${key}`, brig)).toMatchObject({ returned: true });
    expect((await post(`/api/items/${key}/actions`, brig, { action: 'submit', measures: '已整改，附照片' })).status).toBe(200);
    expect(count(await get<Todo>('/api/todo', brig), 'returned')).toBe(0);
    expect(await get<{ returned: boolean }>(`/api/items/${key}`, brig)).toMatchObject({ returned: false });
  });

  it('gives the due date a dispatch would set, in working days', async () => {
    expect(await get('/api/due-date?days=5', sup)).toEqual({ today: '2026-12-07', days: 5, deadline: '2026-12-14' });
    expect((await srv.fetch('/api/due-date?days=0', { cookie: sup })).status).toBe(400);
  });
});
