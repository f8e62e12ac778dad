// The console's own routes over a real server and database: what each answers, the scope of a
// brigade user (only its unit, another unit's item is a 404), access by role, and bad requests as 4xx.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.ts';
import { addItems, DATA, ITEMS, keyOf, LICENCE, UNIT_A, UNIT_B } from './fixture.ts';

let srv: TestServer;
const cookies: Record<string, string> = {};
const get = (path: string, who?: string) => srv.fetch(path, { cookie: who ? cookies[who] : undefined });
const json = async <T = unknown>(path: string, who: string): Promise<T> => {
  const r = await get(path, who);
  expect(r.status, `${path} as ${who}: ${r.status}`).toBe(200);
  return (await r.json()) as T;
};
const enc = encodeURIComponent;
const [TRADE, DEVICE, SPOT, QUOTA] = ITEMS.map(keyOf);

beforeAll(async () => {
  srv = await startTestServer({
    users: [{ name: 'sup', role: 'supervisor' }, { name: 'brig', role: 'brigade', unit: UNIT_A }, { name: 'adm', role: 'admin' }],
    data: DATA,
    async setup(store) {
      await addItems(store);
      // A run that last found the point-trading item, with its settings (what the basis route reads).
      await store.run(`INSERT INTO runs (run_id, created_at, period_from, period_to, as_of, args, settings, counts, skipped)
        VALUES (7, '2021-07-11 08:00:00', '2021-04-01', '2021-06-30', '2021-07-11', '{}', $s, '{}', '[]')`,
        { s: JSON.stringify({ pointTrading: { highOwners: 3, localIssuer: '晋K' } }) });
      await store.run('UPDATE items SET last_run = 7 WHERE item_key = $k', { k: keyOf(ITEMS[0]) });
      await store.run(`INSERT INTO imports VALUES (1, '2021-07-11 09:00:00', '2021-07-11 09:01:00', 'export-0711', 'ok', NULL)`);
      await store.run(`INSERT INTO import_files VALUES (1, 'violations.csv', 'violations', 'csv', 'gb18030', 'ab', 5, 3, 0, 2, NULL, NULL)`);
      await store.run(`INSERT INTO rejects VALUES (1, 'violations', 'violations.csv', 4, '违法时间', '2021-13-01', '无法解析的时间'),
        (1, 'violations', 'violations.csv', 6, '号牌号码', NULL, '缺少必填值, 号牌号码')`);
    },
  });
  for (const u of ['sup', 'brig', 'adm']) cookies[u] = await srv.login(u);
});
afterAll(async () => { await srv?.close(); });

describe('units and overview', () => {
  it('lists every unit for a supervisor and only its own for a brigade user', async () => {
    expect((await json<{ unit_code: string }[]>('/api/units', 'sup')).map((u) => u.unit_code)).toEqual([UNIT_A, UNIT_B]);
    expect((await json<{ unit_code: string }[]>('/api/units', 'brig')).map((u) => u.unit_code)).toEqual([UNIT_A]);
  });

  it('counts warnings per category × unit, month of what happened and severity, within the scope', async () => {
    const all = await json<{ total: number; heat: unknown[]; months: { month: string; n: number }[]; severity: unknown[]; units: { unit: string; open: number }[] }>('/api/overview', 'sup');
    expect(all.total).toBe(4);
    expect(all.heat).toEqual(expect.arrayContaining([
      { category: 'point-trading', unit: UNIT_A, n: 1 }, { category: 'blackspot', unit: UNIT_A, n: 1 },
      { category: 'device-complaints', unit: UNIT_B, n: 1 }, { category: 'opinion-quota', unit: UNIT_B, n: 1 },
    ]));
    // point-trading: its earliest penalty (May); device and black spot: June; the quota: the quarter's first day.
    expect(all.months).toEqual([
      { month: '2021-01', n: 1, high: 0, medium: 0, low: 1 }, { month: '2021-05', n: 1, high: 1, medium: 0, low: 0 },
      { month: '2021-06', n: 2, high: 1, medium: 1, low: 0 },
    ]);
    expect(all.severity).toEqual([{ severity: 'high', n: 2 }, { severity: 'medium', n: 1 }, { severity: 'low', n: 1 }]);
    expect(all.units.find((u) => u.unit === UNIT_B)?.open).toBe(2);

    const mine = await json<{ total: number; heat: { unit: string }[]; units: { unit: string }[] }>('/api/overview', 'brig');
    expect(mine.total).toBe(2);
    expect(new Set(mine.heat.map((h) => h.unit))).toEqual(new Set([UNIT_A]));
    expect(mine.units.map((u) => u.unit)).toEqual([UNIT_A]);
  });

  it('limits the figures to a period of the day the misconduct happened', async () => {
    const june = await json<{ total: number; months: { month: string }[] }>('/api/overview?from=2021-06-01&to=2021-06-30', 'sup');
    expect(june.total).toBe(2);
    expect(june.months.map((m) => m.month)).toEqual(['2021-06']);
  });

  it('refuses a bad period with a reason and an anonymous caller with 401', async () => {
    const bad = await get('/api/overview?from=2021-13-01', 'sup');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain('from');
    expect((await get('/api/overview?from=2021-06-30&to=2021-06-01', 'sup')).status).toBe(400);
    expect((await get('/api/overview')).status).toBe(401);
  });

  it("gives the month's accidents, deaths and injuries with the change on the previous month and a year before", async () => {
    const a = await json<{ current: Record<string, number>; previous: Record<string, number>; lastYear: Record<string, number>; change: { previous: Record<string, number | null>; lastYear: Record<string, number | null> } }>('/api/overview/accidents?month=2021-06', 'sup');
    expect(a.current).toEqual({ month: '2021-06', accidents: 5, deaths: 3, injuries: 7 });
    expect(a.previous).toEqual({ month: '2021-05', accidents: 2, deaths: 0, injuries: 4 });
    expect(a.lastYear).toEqual({ month: '2020-06', accidents: 1, deaths: 0, injuries: 0 });
    expect(a.change.previous).toEqual({ accidents: 150, deaths: null, injuries: 75 });
    expect(a.change.lastYear.accidents).toBe(400);
    const mine = await json<{ current: Record<string, number> }>('/api/overview/accidents?month=2021-06', 'brig');
    expect(mine.current).toEqual({ month: '2021-06', accidents: 4, deaths: 1, injuries: 4 });
    expect((await get('/api/overview/accidents?month=2021-6', 'sup')).status).toBe(400);
    // Without a month: the latest month with accidents.
    expect((await json<{ current: { month: string } }>('/api/overview/accidents', 'sup')).current.month).toBe('2021-06');
  });

  it('lists the items whose misconduct falls in a period (what a heat-table cell opens), within the scope', async () => {
    const keys = async (qs: string, who: string) => (await json<{ items: { key: string }[] }>(`/api/items?${qs}`, who)).items.map((i) => i.key);
    const june = await keys('from=2021-06-01&to=2021-06-30', 'sup');
    expect(june).toContain(SPOT); // its accidents are of 10–13 June
    expect(june).not.toContain(QUOTA); // the first quarter's silence is dated 1 January
    expect(await keys('from=2021-01-01&to=2021-01-31', 'sup')).toEqual([QUOTA]);
    expect(await keys('from=2021-01-01&to=2021-01-31', 'brig')).toEqual([]); // QUOTA is the other unit's
    expect(await keys('to=2021-01-01', 'sup')).toEqual([QUOTA]);
    for (const bad of ['from=2021-02-30', 'from=2021-07-01&to=2021-06-01', 'to=yesterday']) {
      expect((await get(`/api/items?${bad}`, 'sup')).status, bad).toBe(400);
    }
  });

  it('answers a database without accidents with null, not an error (the landing page of a new installation)', async () => {
    const empty = await startTestServer({ users: [{ name: 'sup', role: 'supervisor' }] });
    try {
      const r = await empty.fetch('/api/overview/accidents', { cookie: await empty.login('sup') });
      expect(r.status).toBe(200);
      expect(await r.json()).toBeNull();
    } finally {
      await empty.close();
    }
  });
});

describe('map, basis, neighbours', () => {
  it('places black spots by their id and cameras by the registry, within the scope', async () => {
    const sup = await json<{ blackspots: { key: string; lon: number; lat: number }[]; devices: { key: string; lon: number; device_id: string }[] }>('/api/map/points', 'sup');
    expect(sup.blackspots).toEqual([expect.objectContaining({ key: SPOT, lon: 112.55, lat: 37.42 })]);
    expect(sup.devices).toEqual([expect.objectContaining({ key: DEVICE, lon: 111.92, device_id: 'D1' })]);
    const brig = await json<{ blackspots: unknown[]; devices: unknown[] }>('/api/map/points', 'brig');
    expect(brig.blackspots).toHaveLength(1);
    expect(brig.devices).toHaveLength(0);
  });

  it('names the regulation, the clause in Chinese, what the records show and the figures of the run that found the item', async () => {
    const b = await json<{ clause: { part: number; zh: string; basis: string; required: string; found: string; rules: string }; run: { run_id: number; as_of: string }; figures: { name: string; zh: string; value: string }[] }>(`/api/items/${enc(TRADE)}/basis`, 'brig');
    expect(b.clause).toMatchObject({ part: 1, zh: '买分卖分', basis: '《道路交通安全违法行为记分管理办法》（公安部令第163号）', rules: '《晋中市公安局交通警察支队执法监督预警规则》第一部分' });
    expect(b.clause.required).toContain('代替实际机动车驾驶人接受处罚和记分');
    expect(b.clause.found).not.toBe('');
    expect(JSON.stringify(b.clause)).not.toMatch(/\.md|point-trading/);
    expect(b.run).toMatchObject({ run_id: 7, as_of: '2021-07-11' });
    expect(b.figures).toEqual([{ name: 'highOwners', zh: '高等级：为其他车主接受处罚的车主数（个）', value: '3' }, { name: 'localIssuer', zh: '本地发证机关代码', value: '晋K' }]);
    expect((await get(`/api/items/${enc(DEVICE)}/basis`, 'brig')).status).toBe(404);
  });

  it("leads from a licence to the penalties it took, only through an item the user may see", async () => {
    const n = await json<{ relation: string; table: string; total: number; rows: { violation_id: string }[] }[]>(
      `/api/items/${enc(TRADE)}/neighbours?kind=license&id=${LICENCE}`, 'brig');
    expect(n[0]).toMatchObject({ table: 'violations', total: 3 });
    expect(n[0].rows.map((r) => r.violation_id).sort()).toEqual(['V1', 'V2', 'V3']);
    const dev = await json<{ table: string; total: number }[]>(`/api/items/${enc(DEVICE)}/neighbours?kind=device&id=D1`, 'sup');
    expect(dev.map((d) => [d.table, d.total])).toEqual([['violations', 3], ['opinions', 3]]);
    // Another unit's item: not found; a record that is not the item's evidence: not found.
    expect((await get(`/api/items/${enc(DEVICE)}/neighbours?kind=device&id=D1`, 'brig')).status).toBe(404);
    expect((await get(`/api/items/${enc(TRADE)}/neighbours?kind=device&id=D1`, 'sup')).status).toBe(404);
  });
});

describe('XLSX export', () => {
  async function sheet(path: string, who: string): Promise<string[][]> {
    const r = await get(path, who);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await r.arrayBuffer());
    const rows: string[][] = [];
    wb.worksheets[0].eachRow((row) => { rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))); });
    return rows;
  }

  it('exports the filtered list the page shows, with Chinese headers and the filter named', async () => {
    const rows = await sheet(`/api/export/items.xlsx?unit=${UNIT_B}&sort=score&order=desc`, 'sup');
    expect(rows[1][0]).toBe('筛选条件：单位：介休交警大队');
    expect(rows[2].slice(0, 5)).toEqual(['序号', '预警类别', '对象类型', '对象编号', '预警内容']);
    expect(rows.slice(3).map((r) => r[3])).toEqual([`${UNIT_B}/2021Q1`, 'D1']);
    expect(rows[3][1]).toBe('纳谏不足');
    expect(rows[2][5]).toBe('依据');
    expect(rows[3][5]).toBe('“开门评警、问计于民”工作要求');
    expect(rows[4][5]).toBe('《晋中市公安局交通警察支队执法监督预警规则》第十一部分');
    expect(rows[3].at(-1)).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
  });

  it("exports only the brigade user's unit, whatever unit it asks for", async () => {
    const rows = await sheet('/api/export/items.xlsx', 'brig');
    expect(rows.slice(3).map((r) => r[6])).toEqual(['太谷交警大队', '太谷交警大队']);
    expect((await sheet(`/api/export/items.xlsx?unit=${UNIT_B}`, 'brig')).slice(3)).toEqual([]);
    expect((await get('/api/export/items.xlsx?size=abc&status=nope', 'sup')).status).toBe(400);
  });
});

describe('import history (by role)', () => {
  it('lists imports with counts and gives the rejected rows as JSON and CSV to a supervisor only', async () => {
    const h = await json<{ import_id: number; loaded: number; rejected: number; files: unknown[] }[]>('/api/import-history', 'sup');
    expect(h).toEqual([expect.objectContaining({ import_id: 1, loaded: 3, rejected: 2 })]);
    // Rows refused: 部分成功; the source is the folder's own name, the tables and columns the contract's Chinese.
    expect(h[0]).toMatchObject({ outcome: 'partial', source: 'export-0711', imported_by: null, replaced: 0, files: [expect.objectContaining({ table_zh: '交通违法' })] });
    const rj = await json<{ total: number; rows: { line: number; column: string; reason: string }[] }>('/api/import-history/1/rejects', 'sup');
    expect(rj.total).toBe(2);
    expect(rj.rows[0]).toMatchObject({ line: 4, column: '违法时间', reason: '无法解析的时间', table_zh: '交通违法' });
    const csv = await get('/api/import-history/1/rejects.csv', 'sup');
    const text = await csv.text();
    expect(text.replace(/^\uFEFF/, '').split('\r\n')).toEqual([
      'import,table,file,line,column,value,reason',
      '1,violations,violations.csv,4,违法时间,2021-13-01,无法解析的时间',
      '1,violations,violations.csv,6,号牌号码,,"缺少必填值, 号牌号码"', '']);
    expect((await get('/api/import-history', 'brig')).status).toBe(403);
    expect((await get('/api/import-history/99/rejects.csv', 'sup')).status).toBe(404);
    expect((await get('/api/import-history/x/rejects', 'sup')).status).toBe(404);
  });
});
