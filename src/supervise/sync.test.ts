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
/**
 * Store a run whose warnings are `ws` (category, subject id, score, evidence: violation ids); `skipped`
 * categories did not run; it judges as of `asOf`.
 */
async function run(ws: [string, string, number, string[]?][], skipped: string[] = [], asOf = '2021-07-10'): Promise<number> {
  const id = nextRun++;
  await store.run(`INSERT INTO runs (run_id, created_at, period_from, period_to, as_of, args, settings, counts, skipped) VALUES ($1, now()::TIMESTAMP, DATE '2021-01-01', DATE '2021-06-30', $3::DATE, '{}', '{}', '{}', $2)`,
    [id, JSON.stringify(skipped.map((category) => ({ category, missing: ['videos'] }))), asOf]);
  for (const [cat, sid, score, evidence = []] of ws) {
    await store.run(`INSERT INTO warnings VALUES ($1, $2, $3, 'violation', $4, 'U1', 'high', $5, 'r', '标题', $6, '')`,
      [id, `${cat}|violation|${sid}`, cat, sid, score, JSON.stringify(evidence.map((v) => ({ kind: 'violation', id: v })))]);
  }
  return id;
}
const item = async (key: string) => (await store.all<{ status: string; version: number; recurred: boolean; resolved_in_data: boolean; score: number; updated_at: string; evidence: string }>(
  'SELECT status, version, recurred, resolved_in_data, score, updated_at, evidence FROM items WHERE item_key = $1', [key]))[0];

// 10:00 on 2021-07-10 in Beijing: the day the items below are closed.
const CLOSING = { now: () => new Date('2021-07-10T02:00:00Z') };
/** Walk an item from pending to closed (不属实, approved), on the CLOSING day. */
async function close(key: string): Promise<void> {
  for (const [user, action, fields] of [[SUP, 'dispatch', {}], [BRI, 'receive', {}], [BRI, 'verify', { finding: '不属实', note: '号牌识别错误' }], [SUP, 'approve', {}]] as const) {
    const r = await act(store, user, key, action, fields, CLOSING);
    expect(r.ok, JSON.stringify(r)).toBe(true);
  }
  expect(await item(key)).toMatchObject({ status: 'closed' });
}

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

  it('leaves a closed item found again with the same evidence exactly as it was, even judged later, and one not found again too', async () => {
    const key = 'code-mismatch|violation|V1';
    await syncRun(store, await run([['code-mismatch', 'V1', 0.5, ['V1']]]));
    await close(key);
    const closed = await item(key);
    const history = await auditOf(store, key);
    expect(await syncRun(store, await run([]))).toMatchObject({ resolvedInData: 0, recurred: 0 });
    expect(await syncRun(store, await run([['code-mismatch', 'V1', 0.5, ['V1']]]))).toMatchObject({ recurred: 0, settled: 1 });
    // not a standing condition: a later as-of day is nothing new; other figures changing are not either
    expect(await syncRun(store, await run([['code-mismatch', 'V1', 0.9, ['V1']]], [], '2021-09-30'))).toMatchObject({ recurred: 0, settled: 1, refreshed: 0 });
    expect(await item(key)).toEqual(closed);
    expect(await auditOf(store, key)).toEqual(history);
  });

  it('sends a closed item back to pending, flagged recurred, when the run names evidence it was not closed with', async () => {
    const key = 'code-mismatch|violation|V1';
    await syncRun(store, await run([['code-mismatch', 'V1', 0.5, ['V1', 'V2']]]));
    await close(key);
    // fewer records than at closing is nothing new
    expect(await syncRun(store, await run([['code-mismatch', 'V1', 0.5, ['V2']]]))).toMatchObject({ recurred: 0, settled: 1 });
    expect(await item(key)).toMatchObject({ status: 'closed' });
    expect(await syncRun(store, await run([['code-mismatch', 'V1', 0.5, ['V1', 'V2', 'V3']]]))).toMatchObject({ recurred: 1, settled: 0 });
    expect(await item(key)).toMatchObject({ status: 'pending', recurred: true });
    expect(JSON.parse((await item(key)).evidence)).toHaveLength(3);
    expect((await auditOf(store, key)).at(-1)).toMatchObject({
      action: 'recur', from: 'closed', to: 'pending',
      fields: { why: 'new-evidence', new_evidence: [{ kind: 'violation', id: 'V3' }], new_evidence_total: 1 },
    });
    expect(await verifyAudit(store)).toMatchObject({ ok: true });
  });

  it('reopens a standing condition only when a run judges it as of a day after the closing', async () => {
    const key = 'case-shelving|violation|A1';
    await syncRun(store, await run([['case-shelving', 'A1', 0.5, ['A1']]]));
    await close(key); // closed on 2021-07-10
    const closed = await item(key);
    expect(await syncRun(store, await run([['case-shelving', 'A1', 0.5, ['A1']]], [], '2021-07-10'))).toMatchObject({ recurred: 0, settled: 1 });
    expect(await syncRun(store, await run([['case-shelving', 'A1', 0.5, ['A1']]], [], '2021-07-01'))).toMatchObject({ recurred: 0, settled: 1 });
    expect(await item(key)).toEqual(closed);
    expect(await syncRun(store, await run([['case-shelving', 'A1', 0.5, ['A1']]], [], '2021-07-11'))).toMatchObject({ recurred: 1 });
    expect(await item(key)).toMatchObject({ status: 'pending', recurred: true });
    expect((await auditOf(store, key)).at(-1)).toMatchObject({ action: 'recur', fields: { why: 'standing', as_of: '2021-07-11', closed_on: '2021-07-10' } });
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

  it('given again after closing, recurs only with evidence the item did not have', async () => {
    const f = { category: 'spot-check', subject: { kind: 'sample', id: 'S1/3' }, unit: 'U1', severity: 'medium' as const, title: '执法视频抽查不合格',
      evidence: [{ kind: 'video', id: 'VID1' }] };
    const [key] = await createItems(store, 'spotcheck', [f], 'sup', CLOSING);
    await close(key);
    await createItems(store, 'spotcheck', [f], 'sup', { now: () => new Date('2021-08-01T02:00:00Z') });
    expect(await item(key)).toMatchObject({ status: 'closed' });
    await createItems(store, 'spotcheck', [{ ...f, evidence: [{ kind: 'video', id: 'VID2' }] }], 'sup');
    expect(await item(key)).toMatchObject({ status: 'pending', recurred: true });
  });
});
