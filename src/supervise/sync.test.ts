import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixtureStore } from '../../test/support/fixture.ts';
import type { Store } from '../store/db.ts';
import { act } from './act.ts';
import { auditOf, verifyAudit } from './audit.ts';
import { createItems, syncRun } from './sync.ts';

let store: Store;
beforeEach(async () => { store = await fixtureStore({ units: [{ unit_code: 'U1', unit_name: '一大队' }] }); });
afterEach(() => store.close());

const SUP = { username: 'sup', role: 'supervisor' as const, unit: null };
const BRI = { username: 'bri', role: 'brigade' as const, unit: 'U1' };

let nextRun = 1;
/** Store a run whose warnings are `ws` (category, subject id, score); `skipped` categories did not run. */
async function run(ws: [string, string, number][], skipped: string[] = []): Promise<number> {
  const id = nextRun++;
  await store.run(`INSERT INTO runs VALUES ($1, now()::TIMESTAMP, DATE '2021-01-01', DATE '2021-06-30', DATE '2021-07-10', '{}', '{}', '{}', $2)`,
    [id, JSON.stringify(skipped.map((category) => ({ category, missing: ['videos'] })))]);
  for (const [cat, sid, score] of ws) {
    await store.run(`INSERT INTO warnings VALUES ($1, $2, $3, 'violation', $4, 'U1', 'high', $5, 'r', '标题', '[]', '')`, [id, `${cat}|violation|${sid}`, cat, sid, score]);
  }
  return id;
}
const item = async (key: string) => (await store.all<{ status: string; version: number; recurred: boolean; resolved_in_data: boolean; score: number }>(
  'SELECT status, version, recurred, resolved_in_data, score FROM items WHERE item_key = $1', [key]))[0];

describe('syncRun', () => {
  it('creates pending items, leaves unchanged ones alone, and follows changed figures without touching the status', async () => {
    expect(await syncRun(store, await run([['code-mismatch', 'V1', 0.5], ['code-mismatch', 'V2', 0.5]]))).toMatchObject({ created: 2 });
    expect(await syncRun(store, await run([['code-mismatch', 'V1', 0.5], ['code-mismatch', 'V2', 0.5]]))).toMatchObject({ created: 0, unchanged: 2 });
    expect(await item('code-mismatch|violation|V1')).toMatchObject({ status: 'pending', version: 1 });
    await act(store, SUP, 'code-mismatch|violation|V1', 'dispatch', {});
    expect(await syncRun(store, await run([['code-mismatch', 'V1', 0.9], ['code-mismatch', 'V2', 0.5]]))).toMatchObject({ refreshed: 1, unchanged: 1 });
    expect(await item('code-mismatch|violation|V1')).toMatchObject({ status: 'dispatched', version: 3, score: 0.9 });
    expect((await auditOf(store, 'code-mismatch|violation|V1')).at(-1)).toMatchObject({ action: 'refresh', from: 'dispatched', to: 'dispatched', fields: { changed: ['score'] } });
  });

  it('flags an open item the run no longer finds as resolved_in_data, keeping its status, unless its category was skipped', async () => {
    await syncRun(store, await run([['code-mismatch', 'V1', 0.5], ['bodycam-missing', 'V9', 0.5]]));
    await act(store, SUP, 'code-mismatch|violation|V1', 'dispatch', {});
    const counts = await syncRun(store, await run([], ['bodycam-missing']));
    expect(counts).toMatchObject({ resolvedInData: 1 });
    expect(await item('code-mismatch|violation|V1')).toMatchObject({ status: 'dispatched', resolved_in_data: true });
    expect(await item('bodycam-missing|violation|V9')).toMatchObject({ resolved_in_data: false });
    expect(await syncRun(store, await run([['code-mismatch', 'V1', 0.5]], ['bodycam-missing']))).toMatchObject({ foundAgain: 1 });
    expect(await item('code-mismatch|violation|V1')).toMatchObject({ status: 'dispatched', resolved_in_data: false });
  });

  it('sends a closed item found again back to pending, flagged recurred', async () => {
    const key = 'code-mismatch|violation|V1';
    await syncRun(store, await run([['code-mismatch', 'V1', 0.5]]));
    await act(store, SUP, key, 'dispatch', {});
    await act(store, BRI, key, 'receive', {});
    await act(store, BRI, key, 'verify', { finding: '不属实', note: '号牌识别错误' });
    await act(store, SUP, key, 'approve', {});
    expect(await item(key)).toMatchObject({ status: 'closed' });
    // a closed item not found again stays closed and is not flagged
    expect(await syncRun(store, await run([]))).toMatchObject({ resolvedInData: 0 });
    expect(await syncRun(store, await run([['code-mismatch', 'V1', 0.5]]))).toMatchObject({ recurred: 1 });
    expect(await item(key)).toMatchObject({ status: 'pending', recurred: true });
    expect(await verifyAudit(store)).toMatchObject({ ok: true });
  });

  it('returns null for a run that does not exist', async () => {
    expect(await syncRun(store, 999)).toBeNull();
  });
});

describe('createItems (items from other sources)', () => {
  it('makes one item per finding, the same finding twice is the same item, and absence never resolves it', async () => {
    const f = { category: 'spot-check', subject: { kind: 'sample', id: 'S1/3' }, unit: 'U1', severity: 'medium' as const, title: '执法视频抽查不合格' };
    const [key] = await createItems(store, 'spotcheck', [f], 'sup');
    expect(key).toBe('spot-check|sample|S1/3');
    await createItems(store, 'spotcheck', [f], 'sup');
    expect(await store.all('SELECT count(*)::INTEGER AS n FROM items')).toEqual([{ n: 1 }]);
    await syncRun(store, await run([]));
    expect(await item(key)).toMatchObject({ status: 'pending', resolved_in_data: false });
    expect((await auditOf(store, key)).map((a) => a.action)).toEqual(['create']);
  });
});
