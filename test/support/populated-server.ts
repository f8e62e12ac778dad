// A server holding a little of everything, for tests that walk every route: accidents over two years
// (bulletin, forecast, overview), tickets and a video (daily report, risk, samples), an analysis run
// with its items, a drawn sample and an attachment. Returns the server, cookies and the ids made.
import { expect } from 'vitest';
import { startTestServer, type TestServer } from './server.ts';
import { insertSeries } from './accident-series.ts';

export const DAY = '2021-03-15';
export const MONTH = '2021-03';
export const PERIOD = { from: '2021-01-01', to: '2021-06-30', asOf: '2021-07-11' };
export const ITEM = 'case-shelving|accident|A1';

export interface Populated {
  srv: TestServer;
  cookie: { sup: string; b1: string; adm: string };
  sampleId: number;
  attachmentId: string;
  runId: number;
}

const acc = (id: string, unit: string) => ({
  accident_id: id, occurred_at: '2021-03-01 08:00:00', unit_code: unit, procedure: '一般程序', status: '调查中', officer_id: 'P1',
  reported_at: '2021-03-01 08:05:00', scene_done_at: '2021-03-01 10:00:00', hit_and_run: false, appraisal: false, extended: false, deaths: 0,
});
const ticket = (id: string, officer: string, unit: string, at: string) => ({
  violation_id: id, plate: '晋K00001', plate_type: '02', occurred_at: at, code: '1039', source: '现场', officer_id: officer,
  status: '已处理', processed_at: at, handler_id: officer, handling_unit: unit, decision_no: `D${id}`,
});

export async function startPopulatedServer(): Promise<Populated> {
  const srv = await startTestServer({
    data: {
      units: [{ unit_code: 'U1', unit_name: '太谷区大队', kind: '县区大队' }, { unit_code: 'U2', unit_name: '榆次区大队', kind: '县区大队' }],
      officers: [{ officer_id: 'P1', name: '张三', unit_code: 'U1' }, { officer_id: 'P2', name: '李四', unit_code: 'U2' }],
      accidents: [acc('A1', 'U1'), acc('A2', 'U2')],
      violations: [ticket('V1', 'P1', 'U1', `${DAY} 08:00:00`), ticket('V2', 'P2', 'U2', `${DAY} 09:00:00`), ticket('V3', 'P1', 'U1', `${DAY} 15:00:00`)],
      videos: [{ video_id: 'VID', officer_id: 'P2', started_at: `${DAY} 20:00:00`, ended_at: `${DAY} 20:30:00`, uploaded_at: `${DAY} 21:00:00`, status: '正常' }],
    },
    users: [{ name: 'sup', role: 'supervisor' }, { name: 'b1', role: 'brigade', unit: 'U1' }, { name: 'adm', role: 'admin' }],
    setup: async (store) => { await insertSeries(store, { units: { U1: 6, U2: 4 }, from: '2019-01', months: 30, seed: 7 }); },
  });
  const cookie = { sup: await srv.login('sup'), b1: await srv.login('b1'), adm: await srv.login('adm') };
  const started = await srv.fetch('/api/runs', { json: PERIOD, cookie: cookie.sup });
  expect(started.status).toBe(202);
  const { id } = (await started.json()) as { id: number };
  await srv.server.ctx.jobs.idle();
  const run = (await (await srv.fetch(`/api/runs/${id}`, { cookie: cookie.sup })).json()) as { status: string; error: string | null; result: { runId: number } };
  expect(run.status, run.error ?? '').toBe('done');
  const sample = await srv.fetch('/api/samples', { json: { month: MONTH, kind: 'documents', rate: '100%', seed: 1 }, cookie: cookie.sup });
  expect(sample.status).toBe(201);
  const { sample_id: sampleId } = (await sample.json()) as { sample_id: number };
  const form = new FormData();
  form.append('file', new Blob([Buffer.from('%PDF-1.4\n')], { type: 'application/pdf' }), '证明.pdf');
  const att = await srv.fetch(`/api/items/${encodeURIComponent(ITEM)}/attachments`, { body: form, cookie: cookie.sup });
  expect(att.status, await att.clone().text()).toBe(201);
  const { id: attachmentId } = (await att.json()) as { id: string };
  return { srv, cookie, sampleId, attachmentId: String(attachmentId), runId: run.result.runId };
}

/** A digest of every table's rows, by table, apart from the bookkeeping of sessions and the security log. */
export async function tableDigests(p: Populated): Promise<Record<string, string>> {
  const tables = await p.srv.store.all<{ t: string }>(
    "SELECT table_name AS t FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary ORDER BY 1");
  const out: Record<string, string> = {};
  for (const { t } of tables) {
    // A session's last-seen time moves with every request, and reading a report is itself logged (安全审计).
    if (t === 'sessions' || t.startsWith('security')) continue;
    const [r] = await p.srv.store.all<{ n: number; h: string }>(
      `SELECT count(*) AS n, coalesce(sum(hash(x::VARCHAR)), 0)::VARCHAR AS h FROM "${t.replace(/"/g, '""')}" AS x`);
    out[t] = `${r.n}:${r.h}`;
  }
  return out;
}

/** For each GET route: the requests to make (path and query) and the status each should get. */
export function getRequests(p: Populated, evidence: { kind: string; id: string }): Record<string, [string, number][]> {
  const enc = encodeURIComponent;
  const period = `from=${PERIOD.from}&to=${PERIOD.to}`;
  const risk = `${period}&as_of=${PERIOD.asOf}`;
  return {
    '/api/health': [['/api/health', 200]],
    '/api/meta': [['/api/meta', 200]],
    '/api/rule-effectiveness': [[`/api/rule-effectiveness?${period}`, 200], ['/api/rule-effectiveness', 200]],
    '/api/rule-settings': [['/api/rule-settings', 200]],
    '/api/users': [['/api/users', 200]],
    '/api/security-log': [['/api/security-log', 200], [`/api/security-log?${period}&event=login&page=1&size=10`, 200]],
    '/api/items/:key/attachments/:id': [[`/api/items/${enc(ITEM)}/attachments/${p.attachmentId}`, 200]],
    '/api/attachments/:id': [[`/api/attachments/${p.attachmentId}`, 200]],
    // No forecast of July is on file: the download computes one, and must not store it.
    '/api/bulletin': [['/api/bulletin?month=2021-06&as_of=2021-07-10', 200], ['/api/bulletin?month=2021-06', 200]],
    '/api/bulletin/settings': [['/api/bulletin/settings', 200]],
    '/api/units': [['/api/units', 200]],
    '/api/overview': [[`/api/overview?${period}`, 200], ['/api/overview', 200]],
    '/api/overview/accidents': [[`/api/overview/accidents?month=${MONTH}`, 200], ['/api/overview/accidents', 200]],
    '/api/map/points': [['/api/map/points', 200]],
    '/api/items/:key/basis': [[`/api/items/${enc(ITEM)}/basis`, 200]],
    '/api/items/:key/neighbours': [[`/api/items/${enc(ITEM)}/neighbours?kind=${enc(evidence.kind)}&id=${enc(evidence.id)}`, 200]],
    '/api/export/items.xlsx': [['/api/export/items.xlsx', 200]],
    '/api/import-history': [['/api/import-history', 200]],
    '/api/import-history/:id/rejects': [['/api/import-history/1/rejects', 404]],
    '/api/import-history/:id/rejects.csv': [['/api/import-history/1/rejects.csv', 404]],
    '/api/imports/:id': [['/api/imports/1', 404]],
    '/api/imports': [['/api/imports', 200]],
    '/api/runs/:id': [['/api/runs/1', 200]],
    '/api/runs': [['/api/runs', 200]],
    '/api/todo': [['/api/todo', 200]],
    '/api/due-date': [['/api/due-date?days=5', 200]],
    '/api/items': [['/api/items', 200], ['/api/items?status=pending', 200]],
    '/api/items/:key': [[`/api/items/${enc(ITEM)}`, 200]],
    '/api/items/:key/audit': [[`/api/items/${enc(ITEM)}/audit`, 200]],
    '/api/me': [['/api/me', 200]],
    '/api/session': [['/api/session', 200]],
    '/api/daily': [[`/api/daily?date=${DAY}`, 200]],
    '/api/daily/export': [[`/api/daily/export?date=${DAY}`, 200], [`/api/daily/export?date=${DAY}&format=html`, 200]],
    '/api/risk': [[`/api/risk?${risk}`, 200]],
    '/api/risk/export': [[`/api/risk/export?${risk}`, 200]],
    '/api/risk/officers/:id': [[`/api/risk/officers/P1?${risk}`, 200]],
    '/api/samples': [['/api/samples', 200]],
    '/api/samples/:id': [[`/api/samples/${p.sampleId}`, 200]],
    '/api/samples/:id/checklist': [[`/api/samples/${p.sampleId}/checklist`, 200]],
  };
}
