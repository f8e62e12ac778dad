// 抽查, 每日调度 and 风险画像 over a real server: every answer scoped to the user's unit, bad requests 4xx
// with a reason, the checklist round trip through the API opening supervision items.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '../support/server.ts';
import { CHECKLIST_SHEET, columnLetter } from '../../src/spotcheck/checklist.ts';
import { CATEGORIES } from '../../src/rules/types.ts';
import { importDataset } from '../../src/ingest/import-dataset.ts';

const D = '2021-03-15';
const units = [
  { unit_code: 'U1', unit_name: '甲大队', kind: '县区大队' },
  { unit_code: 'U2', unit_name: '乙大队', kind: '县区大队' },
];
const officers = [{ officer_id: 'P1', name: '张三', unit_code: 'U1' }, { officer_id: 'P2', name: '李四', unit_code: 'U2' }];
const ticket = (id: string, officer: string, unit: string, at: string) => ({
  violation_id: id, plate: '晋K00001', plate_type: '02', occurred_at: at, code: '1039', source: '现场', officer_id: officer,
  status: '已处理', processed_at: at, handler_id: officer, handling_unit: unit, decision_no: `D${id}`,
});
// Both officers ticket on D without a recording: one bodycam-missing warning each, one per unit.
const violations = [ticket('T1', 'P1', 'U1', `${D} 08:00:00`), ticket('T2', 'P2', 'U2', `${D} 09:00:00`), ticket('T3', 'P1', 'U1', `${D} 15:00:00`)];
const videos = [{ video_id: 'VID', officer_id: 'P2', started_at: `${D} 20:00:00`, ended_at: `${D} 20:30:00`, uploaded_at: `${D} 21:00:00`, status: '正常' }];

let srv: TestServer;
const cookie: Record<string, string> = {};

beforeAll(async () => {
  srv = await startTestServer({
    data: { units, officers, violations, videos },
    users: [{ name: 'sup', role: 'supervisor' }, { name: 'b1', role: 'brigade', unit: 'U1' }, { name: 'b2', role: 'brigade', unit: 'U2' }],
  });
  for (const u of ['sup', 'b1', 'b2']) cookie[u] = await srv.login(u);
});
afterAll(async () => { await srv?.close(); });

const get = async (path: string, who: string) => { const r = await srv.fetch(path, { cookie: cookie[who] }); return { status: r.status, body: await r.json() as any }; };

describe('the daily report over HTTP', () => {
  it('gives the supervisor every unit and a brigade its own', async () => {
    const all = await get(`/api/daily?date=${D}`, 'sup');
    expect(all.status).toBe(200);
    expect(all.body.units.map((u: { unit: string }) => u.unit)).toEqual(['U1', 'U2']);
    const b2 = await get(`/api/daily?date=${D}`, 'b2');
    expect(b2.body.units.map((u: { unit: string }) => u.unit)).toEqual(['U2']);
    expect(b2.body.totals).toEqual({ missing: 1, late: 0, deleted: 0 });
    // has_data tells an empty day of records ("no data") from a day without problems.
    expect(all.body.has_data).toBe(true);
    expect((await get('/api/daily?date=2019-01-02', 'sup')).body).toMatchObject({ has_data: false, units: [] });
  });

  it('answers a bad date with 400 and a reason, and no session with 401', async () => {
    const bad = await get('/api/daily?date=2021-02-30', 'sup');
    expect(bad).toEqual({ status: 400, body: { error: expect.stringContaining('YYYY-MM-DD') } });
    expect((await srv.fetch(`/api/daily?date=${D}`)).status).toBe(401);
  });

  it('downloads the day as XLSX or HTML, scoped', async () => {
    const r = await srv.fetch(`/api/daily/export?date=${D}&format=html`, { cookie: cookie.b1 });
    expect(r.status).toBe(200);
    const html = await r.text();
    expect(html).toContain('甲大队');
    expect(html).not.toContain('乙大队');
    const x = await srv.fetch(`/api/daily/export?date=${D}&format=xlsx`, { cookie: cookie.sup });
    expect(x.headers.get('content-type')).toContain('spreadsheetml');
    expect((await get(`/api/daily/export?date=${D}&format=pdf`, 'sup')).status).toBe(400);
  });
});

describe('the risk profile over HTTP', () => {
  const q = 'from=2021-03-01&to=2021-03-31&as_of=2021-04-10';
  it('ranks officers, a brigade seeing its own only', async () => {
    const all = await get(`/api/risk?${q}`, 'sup');
    expect(all.status).toBe(200);
    expect(all.body.officers.map((o: { officer_id: string; warnings: number }) => [o.officer_id, o.warnings])).toEqual([['P1', 2], ['P2', 1]]);
    const b2 = await get(`/api/risk?${q}`, 'b2');
    expect(b2.body.officers.map((o: { officer_id: string }) => o.officer_id)).toEqual(['P2']);
  });

  it('shows an officer every warning behind the score; another unit gets 404', async () => {
    const p1 = await get(`/api/risk/officers/P1?${q}`, 'sup');
    expect(p1.status).toBe(200);
    expect(p1.body.officer.warnings.map((w: { subject: { id: string } }) => w.subject.id)).toEqual(['T1', 'T3']);
    expect((await get(`/api/risk/officers/P1?${q}`, 'b2')).status).toBe(404);
    expect((await get('/api/risk?from=2021-03-01', 'sup')).status).toBe(400);
  });

  it('downloads the contract CSV', async () => {
    const r = await srv.fetch(`/api/risk/export?${q}`, { cookie: cookie.sup });
    expect((await r.text()).split('\n')[0]).toBe(`officer_id,name,unit,score,rank,${CATEGORIES.join(',')}`);
  });
});

describe('spot checks over HTTP', () => {
  let id: number;
  it('draws a sample for a supervisor only, with the request checked', async () => {
    const body = { month: '2021-03', kind: 'documents', rate: '50%', min: 1, seed: 5 };
    expect((await srv.fetch('/api/samples', { cookie: cookie.b1, json: body })).status).toBe(403);
    const bad = await srv.fetch('/api/samples', { cookie: cookie.sup, json: { ...body, rate: '0%' } });
    expect(bad.status).toBe(400);
    // A month without records is refused with the reason, and nothing is stored.
    const before = await get('/api/samples', 'sup');
    const empty = await srv.fetch('/api/samples', { cookie: cookie.sup, json: { ...body, month: '2020-03' } });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { error: string }).error).toContain('2020-03 没有可抽取的法律文书');
    expect((await get('/api/samples', 'sup')).body).toEqual(before.body);
    const r = await srv.fetch('/api/samples', { cookie: cookie.sup, json: body });
    expect(r.status).toBe(201);
    const made = await r.json() as { sample_id: number; params: { seed: number }; strata: unknown[] };
    id = made.sample_id;
    expect(made.params.seed).toBe(5);
    expect(made.strata).toEqual([{ unit: 'U1', unit_name: '甲大队', population: 2, drawn: 1 }, { unit: 'U2', unit_name: '乙大队', population: 1, drawn: 1 }]);
    const b1 = await get('/api/samples', 'b1');
    expect(b1.body).toEqual([expect.objectContaining({ sample_id: id, population: 2, drawn: 1 })]);
    expect((await get(`/api/samples/${id}`, 'b2')).body.rows.map((x: { unit: string }) => x.unit)).toEqual(['U2']);
    expect((await get('/api/samples/999', 'sup')).status).toBe(404);
  });

  it('takes the filled checklist back: errors located, or findings stored and items opened', async () => {
    const r = await srv.fetch(`/api/samples/${id}/checklist`, { cookie: cookie.sup });
    expect(r.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await r.arrayBuffer());
    const ws = wb.getWorksheet(CHECKLIST_SHEET)!;
    const at = (k: Parameters<typeof columnLetter>[0], row: number) => ws.getCell(`${columnLetter(k)}${row}`);
    const upload = async () => {
      const form = new FormData();
      form.set('file', new Blob([await wb.xlsx.writeBuffer()]), 'checklist.xlsx');
      return srv.fetch('/api/samples/import', { cookie: cookie.sup, body: form });
    };
    at('verdict', 2).value = '不行';
    const bad = await upload();
    expect(bad.status).toBe(400);
    expect((await bad.json() as { errors: unknown[] }).errors).toEqual([expect.objectContaining({ sheet: CHECKLIST_SHEET, row: 2, column: 'K' })]);
    at('verdict', 2).value = '不合格'; at('problem', 2).value = '程序违法'; at('checker', 2).value = '王五';
    const good = await upload();
    expect(good.status).toBe(200);
    const res = await good.json() as { stored: number; items: string[] };
    expect(res.stored).toBe(1);
    expect(res.items).toHaveLength(1);
    const item = await get(`/api/items/${encodeURIComponent(res.items[0])}`, 'sup');
    expect(item.status).toBe(200);
    expect(item.body.category).toBe('spot-check');
    const notFile = await srv.fetch('/api/samples/import', { cookie: cookie.sup, json: {} });
    expect(notFile.status).toBe(400);
  });
});

// Last in the file: it imports a record the other tests do not expect.
describe('the risk profile after an import', () => {
  const q = 'from=2021-03-01&to=2021-03-31&as_of=2021-04-10';
  it('is analysed afresh once an import brings new records, and reused until then', async () => {
    const warningsOf = async (id: string) => (await get(`/api/risk/officers/${id}?${q}`, 'sup')).body.officer.warnings.length;
    expect(await warningsOf('P1')).toBe(2);
    expect(await warningsOf('P1')).toBe(2);
    // Another ticket of P1's on the same day without a recording: one bodycam-missing warning more.
    const folder = join(srv.dir, 'later-export');
    await mkdir(folder);
    await writeFile(join(folder, 'violations.csv'), [
      '违法编号,号牌号码,号牌种类,违法时间,违法代码,采集方式,执勤民警,处理状态,处理时间,处理民警,处理单位,决定书编号',
      `T4,晋K00002,02,${D} 18:00:00,1039,现场,P1,已处理,${D} 18:00:00,P1,U1,DT4`,
    ].join('\n') + '\n');
    // On a connection of its own, as the console's import runs (routes/data.ts).
    const conn = await srv.store.connect();
    const r = await importDataset(conn, folder).finally(() => conn.close());
    expect(r).toMatchObject({ ok: true, report: { files: [{ loaded: 1 }] } });
    expect(await warningsOf('P1')).toBe(3);
    expect((await get(`/api/risk?${q}`, 'sup')).body.officers.map((o: { officer_id: string; warnings: number }) => [o.officer_id, o.warnings])).toEqual([['P1', 3], ['P2', 1]]);
  });
});
