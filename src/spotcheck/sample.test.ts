import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { fixtureStore, type Fixture } from '../../test/support/fixture.ts';
import type { NewRow } from '../contract/tables.ts';
import type { Store } from '../store/db.ts';
import { createSample, drawFromStore, parseRate } from './sample.ts';
import { drawSample, populationHash, stratumSize, GENERATOR } from './draw.ts';
import { CHECKLIST_SHEET, PARAMS_SHEET, columnLetter } from './checklist.ts';
import { importChecklist, readChecklist, type SpotItem } from './import.ts';
import { listSamples, rewriteChecklist, sampleDetail } from './catalog.ts';

const units = [
  { unit_code: 'U1', unit_name: '甲大队', kind: '县区大队' },
  { unit_code: 'U2', unit_name: '乙大队', kind: '县区大队' },
  { unit_code: 'U3', unit_name: '丙大队', kind: '县区大队' },
  { unit_code: 'FZ', unit_name: '法制科', kind: '支队部门' },
];
const officers = [{ officer_id: 'P1', name: '张三', unit_code: 'U1' }, { officer_id: 'P2', name: '李四', unit_code: 'U2' }];

const decided = (id: string, unit: string, processedAt: string, extra: Partial<NewRow<'violations'>> = {}): NewRow<'violations'> => ({
  violation_id: id, plate: '晋K00001', plate_type: '02', occurred_at: '2021-02-20 10:00:00', code: '1039', source: '现场',
  officer_id: 'P1', status: '已处理', processed_at: processedAt, handler_id: 'P1', handling_unit: unit, decision_no: `D${id}`, ...extra,
});

/** U1: 100 decisions, U2: 10, U3: 1 decision + 1 determined accident; plus records that are not in the population. */
function data(order: 'asc' | 'desc' = 'asc'): Fixture {
  const vs: NewRow<'violations'>[] = [];
  for (let i = 0; i < 100; i++) vs.push(decided(`V1${String(i).padStart(3, '0')}`, 'U1', `2021-03-${String(1 + (i % 28)).padStart(2, '0')} 09:00:00`));
  for (let i = 0; i < 10; i++) vs.push(decided(`V2${String(i).padStart(3, '0')}`, 'U2', '2021-03-15 09:00:00'));
  vs.push(decided('V3000', 'U3', '2021-03-31 23:59:59'));
  // Not in the population: no decision number, not processed, processed in another month, voided.
  vs.push(decided('X1', 'U3', '2021-03-10 09:00:00', { decision_no: null }));
  vs.push(decided('X2', 'U3', '2021-03-10 09:00:00', { status: '未处理', processed_at: null }));
  vs.push(decided('X3', 'U3', '2021-04-01 00:00:00'));
  vs.push(decided('X4', 'U3', '2021-03-10 09:00:00', { status: '已作废' }));
  const accidents: NewRow<'accidents'>[] = [
    { accident_id: 'A1', occurred_at: '2021-03-01 08:00:00', unit_code: 'U3', procedure: '一般程序', officer_id: 'P2', status: '已认定', determined_at: '2021-03-20 10:00:00' },
    { accident_id: 'A2', occurred_at: '2021-03-01 08:00:00', unit_code: 'U3', procedure: '一般程序', officer_id: 'P2', status: '调查中' },
    { accident_id: 'A3', occurred_at: '2021-01-01 08:00:00', unit_code: 'U3', procedure: '一般程序', officer_id: 'P2', status: '已结案', determined_at: '2021-02-28 10:00:00' },
  ];
  return { units, officers, violations: order === 'asc' ? vs : vs.slice().reverse(), accidents: order === 'asc' ? accidents : accidents.slice().reverse() };
}

const REQ = { month: '2021-03', kind: 'documents', rate: 0.05, min: 3, seed: 20210301 } as const;

describe('the draw', () => {
  it('takes the rate rounded up, at least the minimum, at most the stratum', () => {
    expect(stratumSize(100, 0.05, 3)).toBe(5);
    expect(stratumSize(101, 0.05, 3)).toBe(6);
    expect(stratumSize(10, 0.05, 3)).toBe(3);
    expect(stratumSize(2, 0.05, 3)).toBe(2);
    expect(stratumSize(40, 0.05, 0)).toBe(2);
  });

  it('reads a rate as a percentage or a fraction, and refuses anything else', () => {
    expect(parseRate('5%')).toBe(0.05);
    expect(parseRate('0.05')).toBe(0.05);
    expect(parseRate('100%')).toBe(1);
    for (const bad of ['0%', '150%', '5', 'abc', '-5%', '']) expect(parseRate(bad), bad).toBeNull();
  });

  it('hashes the population independently of its order', () => {
    const a = [{ unit: 'U1', kind: 'video', id: 'b' }, { unit: 'U2', kind: 'video', id: 'a' }];
    expect(populationHash(a)).toBe(populationHash(a.slice().reverse()));
    expect(populationHash(a)).not.toBe(populationHash(a.slice(1)));
    expect(populationHash(a)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('draws without replacement, each record at most once, in 1-based order per stratum', () => {
    const recs = Array.from({ length: 50 }, (_, i) => ({ unit: i % 2 ? 'A' : 'B', kind: 'video', id: `v${i}` }));
    const d = drawSample(recs, { rate: 0.5, min: 0, seed: 7 });
    expect(new Set(d.rows.map((r) => r.id)).size).toBe(d.rows.length);
    expect(d.rows.filter((r) => r.unit === 'A').map((r) => r.order)).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
    expect(d.generator).toBe(GENERATOR);
  });
});

describe('sample of a month from the store', () => {
  let store: Store;
  let dir: string;
  beforeAll(async () => {
    store = await fixtureStore(data());
    dir = await mkdtemp(join(tmpdir(), 'yanpan-sample-'));
  });
  afterAll(async () => {
    store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('stratifies by unit: counts per unit follow the rate and the minimum, population per the definition', async () => {
    const { draw } = await drawFromStore(store, REQ);
    expect(draw.strata).toEqual([
      { unit: 'U1', population: 100, drawn: 5 },
      { unit: 'U2', population: 10, drawn: 3 },
      { unit: 'U3', population: 2, drawn: 2 },
    ]);
    expect(draw.population).toBe(112);
    const u3 = draw.rows.filter((r) => r.unit === 'U3').map((r) => `${r.kind}:${r.id}`).sort();
    expect(u3).toEqual(['accident:A1', 'violation:V3000']);
    for (const r of draw.rows) expect(r.id).not.toMatch(/^X/);
  });

  it('redraws the identical sample from the same data and seed, whatever order the rows were loaded in', async () => {
    const a = await drawFromStore(store, REQ);
    const other = await fixtureStore(data('desc'));
    try {
      const b = await drawFromStore(other, REQ);
      expect(b.draw).toEqual(a.draw);
    } finally {
      other.close();
    }
    const c = await drawFromStore(store, { ...REQ, seed: REQ.seed + 1 });
    expect(c.draw.populationSha256).toBe(a.draw.populationSha256);
    expect(c.draw.rows.filter((r) => r.unit === 'U1').map((r) => r.id)).not.toEqual(a.draw.rows.filter((r) => r.unit === 'U1').map((r) => r.id));
  });

  it('stores the sample with its seed, generator and population hash', async () => {
    const r = await createSample(store, REQ, null);
    const [s] = await store.all<Record<string, unknown>>('SELECT seed, generator, population_sha256, population, drawn, rate, min_per_unit FROM samples WHERE sample_id = $1', [r.sampleId]);
    expect(s).toEqual({ seed: REQ.seed, generator: GENERATOR, population_sha256: r.draw.populationSha256, population: 112, drawn: 10, rate: 0.05, min_per_unit: 3 });
    const rows = await store.all<{ n: number }>('SELECT count(*) AS n FROM sample_rows WHERE sample_id = $1', [r.sampleId]);
    expect(rows[0].n).toBe(10);
  });
});

describe('the checklist round trip', () => {
  let store: Store;
  let dir: string;
  let file: string;
  let sampleId: number;
  const raised: SpotItem[] = [];
  const keyOf = (i: SpotItem) => `${i.category}|${i.subject.kind}|${i.subject.id}`;
  const raise = async (_s: Store, items: readonly SpotItem[]) => { raised.push(...items); return items.map(keyOf); };

  beforeAll(async () => {
    store = await fixtureStore(data());
    dir = await mkdtemp(join(tmpdir(), 'yanpan-checklist-'));
    file = join(dir, '抽查.xlsx');
    sampleId = (await createSample(store, REQ, file)).sampleId;
  });
  afterAll(async () => {
    store.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Open the written checklist, let `edit` fill it like a checker would, save under a new name. */
  async function filled(name: string, edit: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<string> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    edit(wb.getWorksheet(CHECKLIST_SHEET)!, wb);
    const out = join(dir, name);
    await wb.xlsx.writeFile(out);
    return out;
  }
  const cell = (ws: ExcelJS.Worksheet, key: Parameters<typeof columnLetter>[0], row: number) => ws.getCell(`${columnLetter(key)}${row}`);

  it('writes the key fields, stratum, order, drop-downs and a hidden parameter sheet', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet(CHECKLIST_SHEET)!;
    expect(ws.rowCount).toBe(11);
    expect(ws.getRow(1).values).toEqual([undefined, '单位代码', '单位名称', '抽取顺序', '记录类型', '编号', '文书编号', '时间', '民警警号', '民警姓名', '摘要', '合格/不合格', '问题类型', '说明', '检查人']);
    const stored = await store.all<{ unit_code: string; record_id: string; draw_order: number }>('SELECT unit_code, record_id, draw_order FROM sample_rows WHERE sample_id = $1', [sampleId]);
    const inFile = [];
    for (let r = 2; r <= 11; r++) inFile.push({ unit_code: cell(ws, 'unit', r).value, record_id: cell(ws, 'id', r).value, draw_order: cell(ws, 'order', r).value });
    expect(inFile.sort((a, b) => String(a.record_id).localeCompare(String(b.record_id)))).toEqual(stored.sort((a, b) => a.record_id.localeCompare(b.record_id)));
    expect(cell(ws, 'verdict', 2).dataValidation).toMatchObject({ type: 'list', formulae: ['"合格,不合格"'] });
    expect(cell(ws, 'problem', 11).dataValidation?.type).toBe('list');
    expect(cell(ws, 'verdict', 2).value).toBeNull();
    const ps = wb.getWorksheet(PARAMS_SHEET)!;
    expect(ps.state).toBe('hidden');
    const params = new Map<string, string>();
    ps.eachRow((r) => params.set(String(r.getCell(1).value), String(r.getCell(2).value)));
    expect(params.get('随机种子')).toBe(String(REQ.seed));
    expect(params.get('样本编号')).toBe(String(sampleId));
    expect(params.get('总体 SHA-256')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a bad file with every error located by sheet, row and column, and stores nothing', async () => {
    const bad = await filled('bad.xlsx', (ws) => {
      cell(ws, 'id', 2).value = 'V9999';                                  // unknown row (changed key)
      cell(ws, 'unit', 3).value = 'U9';                                   // changed key field
      cell(ws, 'verdict', 3).value = '合格'; cell(ws, 'checker', 3).value = '王五';
      cell(ws, 'verdict', 4).value = '通过'; cell(ws, 'checker', 4).value = '王五';   // outside the list
      cell(ws, 'verdict', 5).value = '不合格'; cell(ws, 'checker', 5).value = '王五'; // no problem type
      cell(ws, 'verdict', 6).value = '不合格'; cell(ws, 'problem', 6).value = '态度不好'; cell(ws, 'checker', 6).value = '王五';
      cell(ws, 'verdict', 7).value = '合格';                               // no checker
    });
    const r = await importChecklist(store, bad, raise);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const at = r.errors.map((e) => `${e.sheet}!${e.column}${e.row}`);
    expect(at).toEqual([
      `${CHECKLIST_SHEET}!E2`, `${CHECKLIST_SHEET}!A3`, `${CHECKLIST_SHEET}!K4`, `${CHECKLIST_SHEET}!L5`, `${CHECKLIST_SHEET}!L6`, `${CHECKLIST_SHEET}!N7`,
    ]);
    expect(r.errors[0].message).toContain('V9999');
    expect(r.errors[2].message).toContain('通过');
    expect(r.errors[4].message).toContain('态度不好');
    expect((await store.all<{ n: number }>('SELECT count(*) AS n FROM sample_findings'))[0].n).toBe(0);
    expect(raised).toEqual([]);
  });

  it('refuses a checklist whose parameters were edited or that belongs to another database', async () => {
    const edited = await filled('edited.xlsx', (_ws, wb) => {
      const ps = wb.getWorksheet(PARAMS_SHEET)!;
      ps.eachRow((r) => { if (r.getCell(1).value === '随机种子') r.getCell(2).value = '1'; });
    });
    const r = await readChecklist(store, edited);
    expect(r.ok ? [] : r.errors.map((e) => `${e.sheet}!${e.column}${e.row}`)).toEqual([`${PARAMS_SHEET}!B7`]);
    const other = await fixtureStore(data());
    try {
      const o = await readChecklist(other, file);
      expect(o.ok).toBe(false);
    } finally {
      other.close();
    }
    const notXlsx = await readChecklist(store, join(dir, 'missing.xlsx'));
    expect(notXlsx.ok).toBe(false);
  });

  it('stores the findings of a good file and raises one item per 不合格 for the record\'s unit', async () => {
    let failedId = '';
    let failedUnit = '';
    const good = await filled('good.xlsx', (ws) => {
      cell(ws, 'verdict', 2).value = '合格'; cell(ws, 'checker', 2).value = '王五';
      cell(ws, 'verdict', 3).value = '不合格'; cell(ws, 'problem', 3).value = '证据不足'; cell(ws, 'note', 3).value = '缺少现场照片'; cell(ws, 'checker', 3).value = '王五';
      failedId = String(cell(ws, 'id', 3).value);
      failedUnit = String(cell(ws, 'unit', 3).value);
    });
    const r = await importChecklist(store, good, raise);
    expect(r).toMatchObject({ ok: true, sampleId, stored: 2, failed: 1, unanswered: 8 });
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({ category: 'spot-check', unit: failedUnit, subject: { kind: 'sample', id: `${sampleId}/violation:${failedId}` }, evidence: [{ kind: 'violation', id: failedId }] });
    const rows = await store.all<{ record_id: string; verdict: string; problem: string | null; item_key: string | null }>(
      'SELECT record_id, verdict, problem, item_key FROM sample_findings ORDER BY verdict');
    expect(rows).toHaveLength(2);
    expect(rows.find((x) => x.verdict === '不合格')).toMatchObject({ record_id: failedId, problem: '证据不足', item_key: keyOf(raised[0]) });
    // The same file again changes nothing and raises nothing again (a closed item must not reopen).
    const again = await importChecklist(store, good, raise);
    expect(again).toMatchObject({ ok: true, stored: 2, items: [] });
    expect(raised).toHaveLength(1);
    expect((await store.all<{ n: number; k: number }>('SELECT count(*) AS n, count(item_key) AS k FROM sample_findings'))[0]).toEqual({ n: 2, k: 1 });
  });

  it('lists the samples and their rows scoped by unit, and writes the checklist again identically readable', async () => {
    const all = await listSamples(store, { all: true });
    expect(all).toEqual([expect.objectContaining({ sample_id: sampleId, population: 112, drawn: 10, checked: 2, failed: 1 })]);
    const u2 = await listSamples(store, { all: false, unit: 'U2' });
    expect(u2[0]).toMatchObject({ population: 10, drawn: 3 });
    const d = await sampleDetail(store, sampleId, { all: false, unit: 'U3' });
    expect(d!.rows.map((r) => r.unit)).toEqual(['U3', 'U3']);
    expect(await sampleDetail(store, 999, { all: true })).toBeNull();
    const again = join(dir, 'again.xlsx');
    expect(await rewriteChecklist(store, sampleId, again)).toEqual({ ok: true, changed: false });
    const r = await readChecklist(store, again);
    expect(r).toMatchObject({ ok: true, sampleId, unanswered: 10 });
  });

  it('opens a real supervision item for a 不合格 through the loop, once', async () => {
    const fresh = await fixtureStore(data());
    try {
      const f = join(dir, 'fresh.xlsx');
      const id = (await createSample(fresh, REQ, f)).sampleId;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(f);
      const ws = wb.getWorksheet(CHECKLIST_SHEET)!;
      cell(ws, 'verdict', 2).value = '不合格'; cell(ws, 'problem', 2).value = '程序违法'; cell(ws, 'checker', 2).value = '赵六';
      const unit = String(cell(ws, 'unit', 2).value);
      const rid = String(cell(ws, 'id', 2).value);
      const kind = String(cell(ws, 'kind', 2).value) === '事故认定' ? 'accident' : 'violation';
      const filledFile = join(dir, 'fresh-filled.xlsx');
      await wb.xlsx.writeFile(filledFile);
      const r = await importChecklist(fresh, filledFile);
      const key = `spot-check|sample|${id}/${kind}:${rid}`;
      expect(r).toMatchObject({ ok: true, failed: 1, items: [key] });
      const items = await fresh.all('SELECT item_key, category, unit, status, evidence FROM items');
      expect(items).toEqual([{ item_key: key, category: 'spot-check', unit, status: 'pending', evidence: JSON.stringify([{ kind, id: rid }]) }]);
      await importChecklist(fresh, filledFile);
      expect(await fresh.all('SELECT count(*) AS n FROM items')).toEqual([{ n: 1 }]);
      expect(await fresh.all(`SELECT count(*) AS n FROM audit WHERE action = 'create'`)).toEqual([{ n: 1 }]);
    } finally {
      fresh.close();
    }
  });
});
