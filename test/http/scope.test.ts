// A brigade user reaches its own unit's records and figures only, through every route that returns
// records or aggregates, over a real server on 127.0.0.1. Two units; everything of the other unit
// carries the mark "X2" in its code, id or name, so a response that holds any of it shows the mark:
// JSON, CSV and HTML as text, workbooks cell by cell. The detachment's roles see both units.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createItems, type NewItem } from '../../src/supervise/sync.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import type { Fixture } from '../support/fixture.ts';

const MINE = 'U1';
const THEIRS = 'X2U';
const MARK = 'X2';

const processed = { status: '已处理', processed_at: '2021-06-10 15:00:00', channel: '窗口', fine: 200, points: 3, code: '1625', plate_type: '02' } as const;
const DATA: Fixture = {
  units: [{ unit_code: MINE, unit_name: '太谷区大队', kind: '县区大队' }, { unit_code: THEIRS, unit_name: 'X2榆次区大队', kind: '县区大队' }],
  officers: [{ officer_id: 'P1', name: '张三', unit_code: MINE }, { officer_id: 'X2P', name: 'X2李四', unit_code: THEIRS }],
  drivers: [{ license_no: 'L1', name: '王五' }],
  devices: [
    { device_id: 'D1', kind: '闯红灯', unit_code: MINE, lon: 112.5, lat: 37.4 },
    { device_id: 'X2D', kind: '闯红灯', unit_code: THEIRS, lon: 112.7, lat: 37.6 },
  ],
  violations: [
    // The licence took penalties in both units: U1's two and the other unit's one.
    { ...processed, violation_id: 'V1', plate: '晋K00001', occurred_at: '2021-06-10 10:00:00', source: '现场', officer_id: 'P1', handler_id: 'P1', handling_unit: MINE, license_no: 'L1', decision_no: 'JD1' },
    { ...processed, violation_id: 'V2', plate: '晋K00002', occurred_at: '2021-06-10 11:00:00', source: '现场', officer_id: 'P1', handler_id: 'P1', handling_unit: MINE, license_no: 'L1', decision_no: 'JD2' },
    { ...processed, violation_id: 'X2V1', plate: '晋K00003', occurred_at: '2021-06-10 12:00:00', source: '现场', officer_id: 'X2P', handler_id: 'X2P', handling_unit: THEIRS, license_no: 'L1', decision_no: 'X2JD' },
    // Not processed: no 处理单位; the other unit's by its officer, and by its camera.
    { violation_id: 'X2V2', plate: '晋K00004', plate_type: '02', occurred_at: '2021-06-10 13:00:00', code: '1625', source: '现场', officer_id: 'X2P', status: '未处理' },
    { violation_id: 'X2V3', plate: '晋K00005', plate_type: '02', occurred_at: '2021-06-10 14:00:00', code: '1625', source: '非现场', device_id: 'X2D', status: '未处理' },
  ],
  accidents: [
    { accident_id: 'A1', occurred_at: '2021-06-10 08:00:00', unit_code: MINE, procedure: '简易程序', deaths: 0, injuries: 1, status: '已结案', officer_id: 'P1' },
    { accident_id: 'X2A', occurred_at: '2021-06-10 09:00:00', unit_code: THEIRS, procedure: '简易程序', deaths: 1, injuries: 2, status: '已结案', officer_id: 'X2P' },
  ],
  business: [
    { flow_id: 'B1', kind: '变更登记', license_no: 'L1', unit_code: MINE, accepted_at: '2021-06-01 09:00:00', status: '办结' },
    { flow_id: 'X2B', kind: '变更登记', license_no: 'L1', unit_code: THEIRS, accepted_at: '2021-06-02 09:00:00', status: '办结' },
  ],
  videos: [
    { video_id: 'VID1', officer_id: 'P1', started_at: '2021-06-10 09:50:00', ended_at: '2021-06-10 10:20:00', uploaded_at: '2021-06-10 18:00:00', linked_id: 'V1' },
    { video_id: 'X2VID', officer_id: 'X2P', started_at: '2021-06-10 07:00:00', ended_at: '2021-06-10 07:10:00', linked_id: 'X2V1' },
  ],
  opinions: [
    { opinion_id: 'O1', received_on: '2021-06-03', unit_code: MINE, kind: '投诉', device_id: 'D1', officer_id: 'P1', content: '抓拍不合理' },
    { opinion_id: 'X2O', received_on: '2021-06-04', unit_code: THEIRS, kind: '投诉', device_id: 'X2D', officer_id: 'X2P', content: 'X2投诉' },
  ],
};

const ITEMS: NewItem[] = [
  { category: 'point-trading', subject: { kind: 'license', id: 'L1' }, unit: MINE, severity: 'high', title: '驾驶证L1为多个车主接受处罚',
    evidence: [{ kind: 'license', id: 'L1' }, { kind: 'violation', id: 'V1' }, { kind: 'violation', id: 'V2' }, { kind: 'officer', id: 'P1' }] },
  { category: 'blackspot', subject: { kind: 'location', id: '112.5,37.4' }, unit: MINE, severity: 'medium', title: '事故多发点段', evidence: [{ kind: 'accident', id: 'A1' }] },
  { category: 'device-complaints', subject: { kind: 'device', id: 'X2D' }, unit: THEIRS, severity: 'medium', title: 'X2设备被投诉',
    evidence: [{ kind: 'device', id: 'X2D' }, { kind: 'opinion', id: 'X2O' }] },
  { category: 'blackspot', subject: { kind: 'location', id: '112.7,37.6' }, unit: THEIRS, severity: 'high', title: 'X2事故多发点段', evidence: [{ kind: 'accident', id: 'X2A' }] },
];
const PT = 'point-trading|license|L1';
const enc = encodeURIComponent;

let srv: TestServer;
const cookie: Record<string, string> = {};
let sampleId = 0;

beforeAll(async () => {
  srv = await startTestServer({
    data: DATA,
    users: [{ name: 'sup', role: 'supervisor' }, { name: 'b1', role: 'brigade', unit: MINE }],
    setup: async (store) => { await createItems(store, 'test', ITEMS, 'test'); },
  });
  for (const u of ['sup', 'b1']) cookie[u] = await srv.login(u);
  const s = await srv.fetch('/api/samples', { cookie: cookie.sup, json: { month: '2021-06', kind: 'documents', rate: '100%', min: 1, seed: 1 } });
  expect(s.status).toBe(201);
  sampleId = ((await s.json()) as { sample_id: number }).sample_id;
}, 120_000);
afterAll(async () => { await srv?.close(); });

/** The response as text: the body, or for a workbook every cell of every sheet. */
async function text(r: Response): Promise<string> {
  if (!(r.headers.get('content-type') ?? '').includes('spreadsheetml')) return r.text();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await r.arrayBuffer());
  const cells: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => { cells.push(String(c.text)); })));
  return cells.join('\n');
}

const PERIOD = 'from=2021-06-01&to=2021-06-30&as_of=2021-07-11';
/** Every route a brigade user may call that returns records or figures (the others are refused, below). */
const ROUTES: readonly string[] = [
  '/api/meta', '/api/units', '/api/overview', '/api/overview/accidents?month=2021-06', '/api/map/points',
  '/api/items', `/api/items?unit=${THEIRS}`, `/api/items/${enc(PT)}`, `/api/items/${enc(PT)}/audit`, `/api/items/${enc(PT)}/basis`,
  `/api/items/${enc(PT)}/neighbours?kind=license&id=L1`, `/api/items/${enc(PT)}/neighbours?kind=violation&id=V1`,
  `/api/items/${enc(PT)}/neighbours?kind=officer&id=P1`,
  '/api/export/items.xlsx',
  '/api/daily?date=2021-06-10', '/api/daily/export?date=2021-06-10&format=html', '/api/daily/export?date=2021-06-10&format=xlsx',
  `/api/risk?${PERIOD}`, `/api/risk/export?${PERIOD}`, `/api/risk/officers/P1?${PERIOD}`,
  '/api/samples', '/__SAMPLE__',
];
const path = (p: string) => (p === '/__SAMPLE__' ? `/api/samples/${sampleId}` : p);

describe('a brigade user reaches only its own unit', () => {
  it.each(ROUTES)('%s holds nothing of another unit for a brigade user', async (p) => {
    const r = await srv.fetch(path(p), { cookie: cookie.b1 });
    expect(r.status, p).toBe(200);
    expect(await text(r)).not.toContain(MARK);
  }, 60_000);

  // The routes that hold the other unit's records or figures show them to a supervisor: the fixture reaches each.
  it.each(ROUTES.filter((p) => ['/api/meta', '/api/units', '/api/overview', '/api/map/points', '/api/items', '/api/export/items.xlsx', '/__SAMPLE__'].includes(p)
    || /kind=license|daily|risk\?|risk\/export/.test(p)))('%s shows the other unit to a supervisor', async (p) => {
    const r = await srv.fetch(path(p), { cookie: cookie.sup });
    expect(r.status, p).toBe(200);
    expect(await text(r)).toContain(MARK);
  }, 60_000);

  it.each(['/api/bulletin?month=2021-06', '/api/imports', '/api/runs', '/api/import-history', '/api/bulletin/settings', '/api/rule-effectiveness', '/api/rule-settings'])(
    '%s is refused to a brigade user', async (p) => {
      expect((await srv.fetch(p, { cookie: cookie.b1 })).status).toBe(403);
    });

  it("counts figures over its own unit's records only", async () => {
    const acc = await (await srv.fetch('/api/overview/accidents?month=2021-06', { cookie: cookie.b1 })).json();
    expect(acc.current).toEqual({ month: '2021-06', accidents: 1, deaths: 0, injuries: 1 });
    const all = await (await srv.fetch('/api/overview/accidents?month=2021-06', { cookie: cookie.sup })).json();
    expect(all.current).toEqual({ month: '2021-06', accidents: 2, deaths: 1, injuries: 3 });
    const ov = await (await srv.fetch('/api/overview', { cookie: cookie.b1 })).json();
    expect(ov.total).toBe(2);
    const sample = await (await srv.fetch('/api/samples', { cookie: cookie.b1 })).json();
    expect(sample[0]).toMatchObject({ population: 2, drawn: 2 });
  });
});

describe('周边记录 (neighbours)', () => {
  type Nb = { relation: string; table: string; total: number; others: number; rows: Record<string, unknown>[] };
  const nb = async (who: string, kind: string, id: string, key = PT): Promise<Nb[]> => {
    const r = await srv.fetch(`/api/items/${enc(key)}/neighbours?kind=${kind}&id=${enc(id)}`, { cookie: cookie[who] });
    expect(r.status).toBe(200);
    return (await r.json()) as Nb[];
  };

  it("shows a brigade user its own unit's records around its item, and of the others only how many", async () => {
    const [penalties, business] = await nb('b1', 'license', 'L1');
    expect(penalties).toMatchObject({ table: 'violations', total: 2, others: 1 });
    expect(penalties.rows.map((r) => r.violation_id).sort()).toEqual(['V1', 'V2']);
    expect(business).toMatchObject({ table: 'business', total: 1, others: 1 });
    expect(business.rows.map((r) => r.flow_id)).toEqual(['B1']);
  });

  it('keeps the whole for a supervisor', async () => {
    const [penalties, business] = await nb('sup', 'license', 'L1');
    expect(penalties).toMatchObject({ total: 3, others: 0 });
    expect(penalties.rows.map((r) => r.violation_id).sort()).toEqual(['V1', 'V2', 'X2V1']);
    expect(business).toMatchObject({ total: 2, others: 0 });
  });

  it("attributes a record without a unit of its own to its officer's unit (a video), and an unprocessed violation to its officer's or camera's", async () => {
    // The officer P1's records: U1's only.
    const officer = await nb('b1', 'officer', 'P1');
    for (const n of officer) expect(JSON.stringify(n.rows)).not.toContain(MARK);
    // Another item whose evidence names the other unit's camera: its captures are the other unit's, counted only.
    const [key] = await createItems(srv.store, 'test', [{ category: 'device-volume', subject: { kind: 'device', id: 'D1' }, unit: MINE, severity: 'low', title: '抓拍量',
      evidence: [{ kind: 'device', id: 'X2D' }, { kind: 'video', id: 'X2VID' }] }], 'test');
    const camera = await nb('b1', 'device', 'X2D', key);
    expect(camera.find((n) => n.table === 'violations')).toMatchObject({ total: 0, others: 1, rows: [] });
    expect(camera.find((n) => n.table === 'opinions')).toMatchObject({ total: 0, others: 1, rows: [] });
    const video = await nb('b1', 'video', 'X2VID', key);
    // The video's linked violation X2V1 is the other unit's; the officer's other videos: none.
    expect(video.find((n) => n.table === 'violations')).toMatchObject({ total: 0, others: 1 });
  });

  it("keeps the item's own evidence whole, whichever unit a record of it belongs to", async () => {
    const [key] = await createItems(srv.store, 'test', [{ category: 'point-trading', subject: { kind: 'license', id: 'L1/b' }, unit: MINE, severity: 'high', title: '跨单位',
      evidence: [{ kind: 'license', id: 'L1' }, { kind: 'violation', id: 'V1' }, { kind: 'violation', id: 'X2V1' }] }], 'test');
    const detail = await (await srv.fetch(`/api/items/${enc(key)}`, { cookie: cookie.b1 })).json();
    expect(detail.evidence.map((e: { id: string; record: unknown }) => [e.id, e.record !== null])).toEqual([['L1', true], ['V1', true], ['X2V1', true]]);
    const [penalties] = await nb('b1', 'license', 'L1', key);
    expect(penalties.rows.map((r) => r.violation_id).sort()).toEqual(['V1', 'V2', 'X2V1']);
    expect(penalties).toMatchObject({ total: 3, others: 0 });
  });
});
