// One warning through the whole supervision loop over HTTP, with analyses run inside the server:
// dispatch → receive → 属实 → submit → return → submit → approve; a re-run on the same data leaves an
// open item as it was, and a closed one too; a closed item recurs only with something new (a standing
// condition judged as of a later day; evidence it was not closed with); the audit tells every step
// and its hash chain breaks when the log is edited by hand.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.ts';
import { insertRows } from '../support/fixture.ts';
import type { NewRow } from '../../src/contract/tables.ts';
import { auditVerify } from '../../src/cli/audit.ts';
import { openStore } from '../../src/store/db.ts';
import { verifyAudit } from '../../src/supervise/audit.ts';

const acc = (id: string, unit: string) => ({
  accident_id: id, occurred_at: '2021-03-01 08:00:00', unit_code: unit, procedure: '一般程序', status: '调查中', officer_id: 'P1',
  reported_at: '2021-03-01 08:05:00', scene_done_at: '2021-03-01 10:00:00', hit_and_run: false, appraisal: false, extended: false, deaths: 0,
});
const PERIOD = { from: '2021-01-01', to: '2021-06-30', asOf: '2021-07-11' };
const KEY = 'case-shelving|accident|A1';
// The server's today: 10:00 on the as-of day, in Beijing. Items closed now are closed on 2021-07-11.
const clock = { now: () => new Date('2021-07-11T02:00:00Z') };

let srv: TestServer;
let sup: string;
let b1: string;

beforeAll(async () => {
  srv = await startTestServer({
    data: {
      units: [{ unit_code: 'U1', unit_name: '太谷区大队' }, { unit_code: 'U2', unit_name: '榆次区大队' }],
      officers: [{ officer_id: 'P1', name: '张三', unit_code: 'U1' }],
      accidents: [acc('A1', 'U1'), acc('A2', 'U2')],
    },
    users: [{ name: 'duban', role: 'supervisor' }, { name: 'taigu', role: 'brigade', unit: 'U1' }],
    clock,
  });
  sup = await srv.login('duban');
  b1 = await srv.login('taigu');
});
afterAll(async () => { await srv?.close(); });

const enc = encodeURIComponent;
async function runAnalysis(asOf = PERIOD.asOf): Promise<{ runId: number; sync: Record<string, number> }> {
  const r = await srv.fetch('/api/runs', { json: { ...PERIOD, asOf }, cookie: sup });
  expect(r.status).toBe(202);
  let job = await r.json();
  const id = job.id;
  await expect.poll(async () => {
    job = await (await srv.fetch(`/api/runs/${id}`, { cookie: sup })).json();
    return job.status;
  }, { timeout: 30_000, interval: 50 }).not.toBe('running');
  expect(job.status, job.error).toBe('done');
  return job.result;
}
async function act(cookie: string, body: Record<string, unknown>, key = KEY): Promise<Record<string, unknown>> {
  const r = await srv.fetch(`/api/items/${enc(key)}/actions`, { json: body, cookie });
  const json = await r.json();
  expect(r.status, JSON.stringify(json)).toBe(200);
  return json;
}
const item = async (key = KEY) => (await srv.fetch(`/api/items/${enc(key)}`, { cookie: sup })).json();
const count = async () => (await (await srv.fetch('/api/items', { cookie: sup })).json()).total;

describe('the supervision loop', () => {
  it('walks one warning from analysis to closing and back as a recurrence, all in the audit', async () => {
    const first = await runAnalysis();
    expect(first.sync).toMatchObject({ created: 2, recurred: 0 });
    expect(await count()).toBe(2);
    const created = await item();
    expect(created).toMatchObject({ status: 'pending', unit: 'U1', category: 'case-shelving', recurred: false });
    expect(created.evidence.find((e: { kind: string }) => e.kind === 'accident').record).toMatchObject({ accident_id: 'A1', unit_code: 'U1' });

    expect(await act(sup, { action: 'dispatch', deadline_days: 5, note: '请核查' })).toMatchObject({ status: 'dispatched' });
    expect(await act(b1, { action: 'receive' })).toMatchObject({ status: 'verifying' });

    // Re-running on the same data while the item is open: the same item, unchanged, not duplicated.
    const before = await item();
    const again = await runAnalysis();
    expect(again.sync).toMatchObject({ created: 0, recurred: 0, refreshed: 0, unchanged: 2 });
    const after = await item();
    expect(after.status).toBe('verifying');
    expect(after.version).toBe(before.version);
    expect(after.history).toEqual(before.history);
    expect(await count()).toBe(2);

    expect(await act(b1, { action: 'verify', finding: '属实', note: '经核查，案件确未按期认定' })).toMatchObject({ status: 'rectifying' });
    expect(await act(b1, { action: 'submit', measures: '已完成责任认定' })).toMatchObject({ status: 'review' });
    expect(await act(sup, { action: 'return', reason: '未附认定书' })).toMatchObject({ status: 'rectifying' });
    expect(await act(b1, { action: 'submit', measures: '已完成责任认定，附认定书' })).toMatchObject({ status: 'review' });
    expect(await act(sup, { action: 'approve' })).toMatchObject({ status: 'closed' });

    // Re-running the same analysis after closing: settled work stays settled, to the byte.
    const closed = await item();
    const third = await runAnalysis();
    expect(third.sync).toMatchObject({ created: 0, recurred: 0, settled: 1 });
    expect(await item()).toEqual(closed);

    // 压案不办 is a standing condition: judged as of the next day, the case is still without its
    // determination after the rectification was approved, and it recurs.
    const fourth = await runAnalysis('2021-07-12');
    expect(fourth.sync).toMatchObject({ created: 0, recurred: 1, settled: 0 });
    expect(await item()).toMatchObject({ status: 'pending', recurred: true, deadline: null });
    expect(await count()).toBe(2);
    const recurredList = await (await srv.fetch('/api/items?recurred=true', { cookie: sup })).json();
    expect(recurredList.items.map((i: { key: string }) => i.key)).toEqual([KEY]);

    const audit = await (await srv.fetch(`/api/items/${enc(KEY)}/audit`, { cookie: b1 })).json();
    expect(audit.map((a: { user: string; action: string; from: string | null; to: string }) => [a.user, a.action, a.from, a.to])).toEqual([
      ['system', 'create', null, 'pending'],
      ['duban', 'dispatch', 'pending', 'dispatched'],
      ['taigu', 'receive', 'dispatched', 'verifying'],
      ['taigu', 'verify', 'verifying', 'rectifying'],
      ['taigu', 'submit', 'rectifying', 'review'],
      ['duban', 'return', 'review', 'rectifying'],
      ['taigu', 'submit', 'rectifying', 'review'],
      ['duban', 'approve', 'review', 'closed'],
      ['system', 'recur', 'closed', 'pending'],
    ]);
    expect(audit[8].fields).toMatchObject({ why: 'standing', as_of: '2021-07-12', closed_on: '2021-07-11' });
    expect(audit[1].fields).toMatchObject({ deadline_days: 5, note: '请核查' });
    expect(audit[1].fields.deadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(audit[3].fields).toEqual({ finding: '属实', note: '经核查，案件确未按期认定' });
    expect(audit[5].fields).toEqual({ reason: '未附认定书' });
    for (const a of audit) expect(a.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+08:00$/);
  });

  it('reopens a closed item that is no standing condition only when the run names a record it was not closed with', async () => {
    // 人情案（违法作废）: five voids without a recognised ground by officer P1.
    let n = 0;
    const voids = (k: number): NewRow<'violations'>[] => Array.from({ length: k }, () => ({
      violation_id: `FV${++n}`, plate: `晋K0000${n}`, plate_type: '02', occurred_at: '2021-03-01 10:00:00', code: '1625', source: '非现场',
      status: '已作废', voided_by: 'P1', voided_at: '2021-03-02 10:00:00', void_reason: '其他',
    }));
    await insertRows(srv.store, { violations: voids(5) });
    const fv = 'favor-voiding|officer|P1';
    expect((await runAnalysis('2021-07-12')).sync).toMatchObject({ created: 1 });
    await act(sup, { action: 'dispatch' }, fv);
    await act(b1, { action: 'receive' }, fv);
    await act(b1, { action: 'verify', finding: '不属实', note: '作废有据，见审批单' }, fv);
    expect(await act(sup, { action: 'approve' }, fv)).toMatchObject({ status: 'closed' });
    const closed = await item(fv);

    // Same records, judged again (even as of a later day): nothing new, it stays closed as it was.
    expect((await runAnalysis('2021-07-12')).sync).toMatchObject({ recurred: 0, settled: 1 });
    expect((await runAnalysis('2021-07-20')).sync).toMatchObject({ recurred: 0, settled: 1 });
    expect(await item(fv)).toEqual(closed);

    // A sixth void the closing never saw: the finding is new, and the item recurs.
    await insertRows(srv.store, { violations: voids(1) });
    expect((await runAnalysis('2021-07-20')).sync).toMatchObject({ recurred: 1, settled: 0 });
    const recurred = await item(fv);
    expect(recurred).toMatchObject({ status: 'pending', recurred: true });
    expect(recurred.history.at(-1)).toMatchObject({ action: 'recur', fields: { why: 'new-evidence', new_evidence: [{ kind: 'violation', id: 'FV6' }] } });
  });

  it('says in one line that the database is held by the server when a CLI command is run meanwhile', () => {
    const db = join(srv.dir, 'yanpan.duckdb');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'user', 'list', '--db', db], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/正被另一个进程.*控制台.*停止服务器/);
  });

  it('proves the audit chain whole, and names the entry edited by hand', async () => {
    expect(await verifyAudit(srv.store)).toMatchObject({ ok: true });
    const db = join(srv.dir, 'yanpan.duckdb');
    await srv.stop();
    const store = await openStore(db);
    const [{ seq }] = await store.all<{ seq: number }>("SELECT seq FROM audit WHERE action = 'approve'");
    await store.run(`UPDATE audit SET username = 'someone-else' WHERE seq = $1`, [seq]);
    expect(await verifyAudit(store)).toMatchObject({ ok: false, seq });
    store.close();
    expect(await auditVerify({ db })).toBe(3);
    expect(await auditVerify({ db, anchor: ['12:not-a-hash'] })).toBe(2);
  });
});
