// The monthly bulletin from a small dataset: every figure checked against the named queries run on
// the same database, and the package checked as OOXML.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../src/store/db.ts';
import { insertSeries } from './support/accident-series.ts';
import { checkDocx, documentText } from './support/ooxml.ts';
import { buildBulletin, type Bulletin } from '../src/report/bulletin/index.ts';
import { bulletinDocx } from '../src/report/bulletin/document.ts';
import * as q from '../src/report/bulletin/queries.ts';
import { writeBulletinSettings } from '../src/report/bulletin/settings.ts';
import { appendAudit } from '../src/supervise/audit.ts';

const MONTH = '2021-06';
const AS_OF = '2021-07-10';
const UNITS = [['U1', '甲县交警大队'], ['U2', '乙县交警大队'], ['U3', '晋中公安交警支队直属一大队'], ['U4', '晋中公安交警支队法制科']];

/** The same wording as a bulletin uses, computed here from the query's numbers. */
function said(now: number, before: number, unit: string): string {
  const d = now - before;
  if (d === 0) return '持平';
  return `${d > 0 ? '上升' : '下降'}${Math.abs(d)}${unit}` + (before > 0 ? `、${((Math.abs(d) / before) * 100).toFixed(1)}%` : '');
}

async function seed(store: Store): Promise<void> {
  for (const [code, name] of UNITS) await store.run('INSERT INTO units (unit_code, unit_name, kind) VALUES ($1, $2, $3)', [code, name, '县区大队']);
  await insertSeries(store, { units: { U1: 12, U2: 6, U3: 9 }, from: '2019-01', months: 30, seed: 11 });
  // Deaths, injuries, losses, roads, forms and weather spread deterministically over the accidents.
  await store.run(`UPDATE accidents SET
      deaths = CASE WHEN hash(accident_id) % 9 = 0 THEN 1 + hash(accident_id) % 2 ELSE 0 END,
      injuries = hash(accident_id) % 3, loss = 500 + hash(accident_id) % 8000,
      road = ['G108', 'S319', '龙湖大街', '迎宾街'][1 + (hash(accident_id) % 4)::BIGINT],
      form = ['追尾', '刮擦', '侧面相撞'][1 + (hash(accident_id) % 3)::BIGINT], weather = ['晴', '阴', '雨'][1 + (hash(accident_id) % 3)::BIGINT]`);
  await store.run(`INSERT INTO runs (run_id, created_at, period_from, period_to, as_of) VALUES (1, TIMESTAMP '2021-06-05 09:00:00', DATE '2021-05-01', DATE '2021-05-31', DATE '2021-06-05'),
                   (2, TIMESTAMP '2021-07-05 09:00:00', DATE '2021-06-01', DATE '2021-06-30', DATE '2021-07-05')`);
  if ((await store.all("SELECT 1 FROM information_schema.columns WHERE table_name = 'runs' AND column_name = 'settings_version'")).length) {
    await store.run('UPDATE runs SET settings_version = 3 WHERE run_id = 2');
  }
  const w = (run: number, key: string, cat: string, unit: string, sev: string, score: number, title: string) =>
    store.run(`INSERT INTO warnings (run_id, warning_key, category, subject_kind, subject_id, unit, severity, score, rule, title, evidence, line)
               VALUES ($1, $2, $3, 'x', $2, $4, $5, $6, 'r', $7, '[]', '{}')`, [run, key, cat, unit, sev, score, title]);
  await w(1, 'k1', 'case-shelving', 'U1', 'high', 0.9, '事故A超期未认定');
  await w(2, 'k1', 'case-shelving', 'U1', 'high', 0.9, '事故A超期未认定');
  await w(2, 'k2', 'case-shelving', 'U2', 'medium', 0.7, '事故B超期未认定');
  await w(2, 'k3', 'point-trading', 'U2', 'high', 0.95, '驾驶证甲替多车记分');
  await w(2, 'k4', 'opinion-quota', 'U3', 'low', 0.5, '直属一大队本季度未征集意见');
  await store.run(`INSERT INTO opinions (opinion_id, received_on, unit_code, kind) VALUES
      ('O1', DATE '2021-04-10', 'U1', '意见建议'), ('O2', DATE '2021-06-20', 'U1', '意见建议'),
      ('O3', DATE '2021-05-03', 'U2', '投诉'), ('O4', DATE '2021-03-30', 'U3', '意见建议'), ('O5', DATE '2021-07-02', 'U3', '意见建议')`);
  // The supervision items (the supervision module's table; created here when that module is not installed).
  await store.run(`CREATE TABLE IF NOT EXISTS items (item_key VARCHAR PRIMARY KEY, source VARCHAR NOT NULL, category VARCHAR NOT NULL,
      subject_kind VARCHAR NOT NULL, subject_id VARCHAR NOT NULL, unit VARCHAR NOT NULL, severity VARCHAR NOT NULL, score DOUBLE NOT NULL,
      rule VARCHAR, title VARCHAR NOT NULL, evidence VARCHAR NOT NULL, status VARCHAR NOT NULL, version BIGINT NOT NULL,
      recurred BOOLEAN NOT NULL DEFAULT false, resolved_in_data BOOLEAN NOT NULL DEFAULT false, finding VARCHAR, deadline DATE,
      first_run BIGINT, last_run BIGINT, created_at VARCHAR NOT NULL, updated_at VARCHAR NOT NULL)`);
  const item = (key: string, unit: string, status: string, finding: string | null, deadline: string | null, recurred = false) =>
    store.run(`INSERT INTO items (item_key, source, category, subject_kind, subject_id, unit, severity, score, title, evidence, status, version,
               recurred, finding, deadline, created_at, updated_at)
               VALUES ($1, 'run', 'case-shelving', 'accident', $1, $2, 'high', 0.9, 't', '[]', $3, 1, $4, $5, $6::DATE, '2021-06-05', '2021-06-05')`,
    [key, unit, status, recurred, finding, deadline]);
  await item('i1', 'U1', 'closed', '属实', '2021-06-20', true);
  await item('i2', 'U1', 'review', '不属实', '2021-06-20');
  await item('i3', 'U2', 'verifying', null, '2021-06-25');
  await item('i4', 'U2', 'rectifying', '属实', '2021-07-01');
  await item('i5', 'U3', 'dispatched', null, '2021-07-20');
  await item('i6', 'U3', 'pending', null, null);
  // Their history in the audit log (规则成效 reads it): i1 属实 and closed in 10 days, i2 不属实, returned once.
  const at = (day: string) => `${day}T10:00:00.000+08:00`;
  await appendAudit(store, [
    { at: at('2021-06-01'), username: 'sup', itemKey: 'i1', action: 'dispatch', from: 'pending', to: 'dispatched', fields: { deadline: '2021-06-20' } },
    { at: at('2021-06-02'), username: 'b1', itemKey: 'i1', action: 'verify', from: 'verifying', to: 'rectifying', fields: { finding: '属实' } },
    { at: at('2021-06-05'), username: 'b1', itemKey: 'i1', action: 'submit', from: 'rectifying', to: 'review', fields: {} },
    { at: at('2021-06-11'), username: 'sup', itemKey: 'i1', action: 'approve', from: 'review', to: 'closed', fields: {} },
    { at: at('2021-06-01'), username: 'sup', itemKey: 'i2', action: 'dispatch', from: 'pending', to: 'dispatched', fields: { deadline: '2021-06-20' } },
    { at: at('2021-06-03'), username: 'b1', itemKey: 'i2', action: 'verify', from: 'verifying', to: 'review', fields: { finding: '不属实' } },
    { at: at('2021-06-04'), username: 'sup', itemKey: 'i2', action: 'return', from: 'review', to: 'verifying', fields: { reason: '再查' } },
    { at: at('2021-06-06'), username: 'b1', itemKey: 'i2', action: 'verify', from: 'verifying', to: 'review', fields: { finding: '不属实' } },
  ]);
  if (await q.tableExists(store, 'samples')) {
    // Spot checks (the spot-check module's tables): two samples this month, one last month.
    await store.run(`INSERT INTO samples (sample_id, created_at, month, kind, rate, min_per_unit, seed, generator, population_sha256, population, drawn, strata)
      VALUES (1, TIMESTAMP '2021-06-03 10:00:00', '2021-06', 'documents', 0.05, 2, 1, 'mt19937', 'x', 100, 6, '[]'),
             (2, TIMESTAMP '2021-06-04 10:00:00', '2021-06', 'videos', 0.05, 2, 2, 'mt19937', 'x', 80, 4, '[]'),
             (3, TIMESTAMP '2021-05-04 10:00:00', '2021-05', 'videos', 0.05, 2, 3, 'mt19937', 'x', 80, 5, '[]')`);
    const f = (sample: number, id: string, problem: string | null) => store.run(`INSERT INTO sample_findings
      (sample_id, record_kind, record_id, unit_code, verdict, problem, checker, imported_at) VALUES ($1, 'x', $2, 'U1', $3, $4, '张三', TIMESTAMP '2021-06-20 10:00:00')`,
      [sample, id, problem ? '不合格' : '合格', problem]);
    await f(1, 'a', null); await f(1, 'b', '未附执法视频'); await f(1, 'c', ''); await f(2, 'd', '视频不完整'); await f(3, 'e', '其他');
  }
}

describe('the monthly bulletin', () => {
  let store: Store;
  let b: Bulletin;
  let text: { paragraphs: string[]; tables: string[][][] };
  let all: string;
  let problems: string[];
  beforeAll(async () => {
    store = await openStore(':memory:');
    await seed(store);
    expect((await writeBulletinSettings(store, { requirements: '（一）第一条要求。\n（二）第二条要求。' })).ok).toBe(true);
    b = await buildBulletin(store, MONTH, AS_OF, { keepForecast: true });
    const docx = await checkDocx(b.docx);
    problems = docx.problems;
    text = documentText(docx.files.get('word/document.xml')!);
    all = text.paragraphs.join('\n');
  });
  afterAll(() => store.close());

  const tableAfter = (heading: string): string[][] => {
    const i = text.tables.findIndex((t) => t[0].join('|') === heading);
    expect(i, heading).toBeGreaterThanOrEqual(0);
    return text.tables[i].slice(1);
  };

  it('is a well-formed OOXML package laid out per GB/T 9704', async () => {
    expect(problems).toEqual([]);
    const { files } = await checkDocx(b.docx);
    const doc = files.get('word/document.xml')!;
    expect(doc).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(doc).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/); // 37, 26, 35, 28 mm
    expect(doc).toMatch(/<w:docGrid w:type="lines" w:linePitch="579"/); // 22 lines
    expect(doc).toContain('w:eastAsia="方正小标宋简体"');
    expect(doc).toContain('w:eastAsia="黑体"');
    expect(doc).toContain('w:eastAsia="楷体_GB2312"');
    expect(files.get('word/styles.xml')).toContain('w:eastAsia="仿宋_GB2312"');
    expect(files.get('word/settings.xml')).toContain('<w:evenAndOddHeaders/>');
    const footers = [...files.keys()].filter((f) => /^word\/footer\d+\.xml$/.test(f)).map((f) => files.get(f)!);
    expect(footers).toHaveLength(2);
    for (const f of footers) { expect(f).toContain('PAGE'); expect(f).toContain('— '); }
    expect(footers.map((f) => /w:jc w:val="(\w+)"/.exec(f)![1]).sort()).toEqual(['left', 'right']);
    expect([...files.keys()].filter((f) => f.startsWith('word/media/') && f.endsWith('.png'))).toHaveLength(2);
    expect([...files.keys()].some((f) => /fonts?\//.test(f) && f.startsWith('word/font'))).toBe(false); // fonts named, not embedded
  });

  it('has a validity check that does catch a broken package', async () => {
    const JSZip = (await import('jszip')).default;
    const zip = await JSZip.loadAsync(b.docx);
    const xml = await zip.file('word/document.xml')!.async('string');
    zip.file('word/document.xml', xml.slice(0, xml.length - 40));
    zip.remove('word/styles.xml');
    const broken = await checkDocx(await zip.generateAsync({ type: 'nodebuffer' }));
    expect(broken.problems.join('\n')).toMatch(/missing part word\/styles\.xml/);
    expect(broken.problems.join('\n')).toMatch(/word\/document\.xml: not well-formed/);
  });

  it('states the month\'s totals and their changes as the database has them', async () => {
    const t = await q.accidentTotals(store, MONTH);
    const p = await q.accidentTotals(store, '2021-05');
    const y = await q.accidentTotals(store, '2020-06');
    expect(t.accidents).toBeGreaterThan(0);
    expect(all).toContain(`全市共发生道路交通事故${t.accidents}起，造成${t.deaths}人死亡、${t.injuries}人受伤，直接财产损失${(t.loss / 10000).toFixed(2)}万元`);
    expect(all).toContain(`与上月相比，事故起数${said(t.accidents, p.accidents, '起')}，死亡人数${said(t.deaths, p.deaths, '人')}，受伤人数${said(t.injuries, p.injuries, '人')}`);
    expect(all).toContain(`与去年同期相比，事故起数${said(t.accidents, y.accidents, '起')}，死亡人数${said(t.deaths, y.deaths, '人')}`);
  });

  it('lists every unit\'s accidents as the per-unit query gives them', async () => {
    const rows = await q.accidentsByUnit(store, MONTH);
    expect(rows.length).toBe(3);
    const sign = (d: number) => (d > 0 ? `+${d}` : d < 0 ? `−${-d}` : '0');
    expect(tableAfter('单位|事故起数|死亡人数|受伤人数|上月起数|环比')).toEqual(
      rows.map((r) => [r.name, String(r.accidents), String(r.deaths), String(r.injuries), String(r.previous), sign(r.accidents - r.previous)]));
    const roads = await q.accidentsByRoad(store, MONTH);
    expect(all).toContain(`${roads[0].label}（${roads[0].accidents}起）`);
  });

  it('forecasts next month per unit from the stored forecast, and names the units expected to rise', async () => {
    const stored = await store.all<{ unit_code: string; expected: number; low: number; high: number }>(
      "SELECT unit_code, expected, low, high FROM forecasts WHERE month = '2021-07' ORDER BY unit_code");
    expect(stored.map((s) => s.unit_code)).toEqual(['U1', 'U2', 'U3']);
    const names = new Map(UNITS.map(([c, n]) => [c, n]));
    const current = new Map((await q.accidentsByUnit(store, MONTH)).map((r) => [r.unit, r.accidents]));
    expect(tableAfter('单位|本月起数|下月预计|80%区间')).toEqual(
      stored.map((s) => [names.get(s.unit_code), String(current.get(s.unit_code) ?? 0), s.expected.toFixed(1), `${s.low}—${s.high}`]));
    const sum = stored.reduce((a, s) => a + s.expected, 0);
    expect(all).toContain(`全市发生道路交通事故约${sum.toFixed(0)}起`);
    // The total's own interval (the stored lines are what a fit on the same data gives, so it is printed).
    const { forecastMonth } = await import('../src/forecast/forecast.ts');
    const again = await forecastMonth(store, '2021-07');
    if (!again.ok) throw new Error(again.error);
    expect(again.total.low).toBeLessThanOrEqual(sum);
    expect(again.total.high).toBeGreaterThanOrEqual(sum);
    expect(all).toContain(`约${sum.toFixed(0)}起（80%区间${again.total.low}—${again.total.high}起；本月`);
    for (const s of stored) {
      const rising = s.expected - (current.get(s.unit_code) ?? 0) >= 1;
      expect(all.includes(`${names.get(s.unit_code)}（本月${current.get(s.unit_code) ?? 0}起，预计${s.expected.toFixed(1)}起）`), s.unit_code).toBe(rising);
    }
    expect(all).toContain('2021年7月无法定节假日');
  });

  it('reports the warnings of the month\'s run per category, new versus carried over, and the recurred items', async () => {
    const cats = await q.warningsByCategory(store, 2);
    expect(cats).toEqual([
      { category: 'case-shelving', total: 2, high: 1, fresh: 1 },
      { category: 'opinion-quota', total: 1, high: 0, fresh: 1 },
      { category: 'point-trading', total: 1, high: 1, fresh: 1 },
    ]);
    expect(tableAfter('预警类别|预警数|高风险|新增')).toEqual([['压案不办', '2', '1', '1'], ['纳谏不足', '1', '0', '1'], ['买分卖分', '1', '1', '1']]);
    expect(all).toContain('共产生预警4条，其中高风险2条；新增3条，延续上期1条；整改后复发1项。');
    expect(all).toContain('1. 乙县交警大队，驾驶证甲替多车记分');
  });

  it('reports supervision progress per unit and names the units with overdue items', async () => {
    const p = (await q.supervisionProgress(store, AS_OF))!;
    expect(tableAfter('单位|已下发|已核查|属实|已整改|逾期')).toEqual(
      p.map((u) => [u.name, String(u.dispatched), String(u.verified), String(u.confirmed), String(u.rectified), String(u.overdue)]));
    // i3 (verifying, deadline 06-25) and i4 (rectifying, 07-01) are overdue on 07-10; i2 reached review in time.
    expect(p.find((u) => u.unit === 'U2')).toMatchObject({ dispatched: 2, verified: 1, confirmed: 1, rectified: 0, overdue: 2 });
    expect(p.find((u) => u.unit === 'U1')).toMatchObject({ dispatched: 2, verified: 2, confirmed: 1, rectified: 1, overdue: 0 });
    expect(all).toContain('乙县交警大队（2项）存在逾期未办结事项');
    expect(all).not.toMatch(/甲县交警大队（\d+项）/);
  });

  it('reports 规则成效 per category over the 90 days to the issue date, from the audit log', async () => {
    const e = (await q.effectivenessByCategory(store, AS_OF))!;
    expect(e.rows).toEqual([{ category: 'case-shelving', unit: null, dispatched: 2, verified: 3, true_findings: 1, false_findings: 2, false_share: 2 / 3,
      returned: 1, overdue: 0, recurred: 0, closed: 1, median_days_to_close: 10 }]);
    expect(tableAfter('预警类别|下发|核查|属实|不属实|不属实占比|退回|逾期|复发|办结用时中位数（天）')).toEqual([['压案不办', '2', '3', '1', '2', '66.7%', '1', '0', '0', '10']]);
    expect(all).toContain('2021年4月12日至2021年7月10日，各类预警的核查结果如表7。');
  });

  it('names a rule to review with the regulation it rests on, never a file or an English id', async () => {
    const e = b.data.effectiveness!;
    const flagged = [{ category: 'case-shelving', verified: 12, false_findings: 6, false_share: 0.5, window_from: e.from, window_to: e.to }];
    const docx = await checkDocx(await bulletinDocx({ ...b.data, effectiveness: { ...e, flagged } }));
    const paragraphs = documentText(docx.files.get('word/document.xml')!).paragraphs.join('\n');
    expect(paragraphs).toContain('压案不办（依据《道路交通事故处理程序规定》（公安部令第146号）第六十二条；核查12项，不属实占50.0%）');
    expect(paragraphs).not.toMatch(/\.md|case-shelving/);
  });

  it('names the rule settings version the reported run used', () => {
    expect(all).toContain('注：本次分析使用规则设置第3版。');
  });

  it('counts the quarter\'s opinions per unit and names the units that heard none', async () => {
    const o = await q.opinionsByUnit(store, MONTH);
    expect(o.find((u) => u.unit === 'U1')!.opinions).toBe(2);
    expect(all).toContain('全市共征集群众意见建议2条，1个单位开展了征集');
    expect(all).toContain(`尚未征集意见建议的单位：${o.filter((u) => u.opinions === 0).map((u) => u.name).slice(0, -1).join('、')}和${o.filter((u) => u.opinions === 0).at(-1)!.name}`);
  });

  it('numbers its sections in order, with spot checks only when they exist, and ends with the editable requirements', async () => {
    const headings = text.paragraphs.filter((s) => /^[一二三四五六七]、/.test(s));
    const spot = await q.tableExists(store, 'samples');
    expect(headings).toEqual(['一、全市道路交通事故情况', '二、形势研判', '三、执法监督预警情况', '四、核查整改进展', '五、开门纳谏情况',
      ...(spot ? ['六、抽查情况', '七、下一步工作要求'] : ['六、下一步工作要求'])]);
    expect(all).toContain('（一）第一条要求。\n（二）第二条要求。');
    expect(text.paragraphs.at(-1)).toBe('2021年7月10日');
    expect(text.paragraphs.at(-2)).toBe('晋中公安交警支队');
  });

  it('reports the month\'s spot checks and their findings when the spot-check tables exist', async () => {
    const s = await q.spotChecks(store, MONTH);
    if (s === null) { expect(all).not.toContain('抽查情况'); return; }
    expect(s).toEqual([
      { sample_id: 1, kind: 'documents', drawn: 6, checked: 3, problems: 1 },
      { sample_id: 2, kind: 'videos', drawn: 4, checked: 1, problems: 1 },
    ]);
    expect(all).toContain('本月共抽查2批次、10件，已核查4件，发现问题2件。');
    expect(tableAfter('批次|抽查对象|抽取|已核查|发现问题')).toEqual([['1', '案卷', '6', '3', '1'], ['2', '执法视频', '4', '1', '1']]);
  });

  it('shows how far last month\'s stored forecast was off, once there is one', async () => {
    // Forecast June from the history before June, store it, then build June's bulletin again.
    const { forecastMonth, saveForecast } = await import('../src/forecast/forecast.ts');
    const r = await forecastMonth(store, MONTH);
    if (!r.ok) throw new Error(r.error);
    await saveForecast(store, r);
    const again = await buildBulletin(store, MONTH, AS_OF);
    const t = documentText((await checkDocx(again.docx)).files.get('word/document.xml')!);
    const e = await q.forecastErrors(store, MONTH);
    expect(e).toHaveLength(1);
    const actual = (await q.accidentTotals(store, MONTH)).accidents;
    expect(e[0].actual).toBe(actual);
    const byUnit = new Map((await q.accidentsByUnit(store, MONTH)).map((u) => [u.unit, u.accidents]));
    const mae = r.lines.reduce((s, l) => s + Math.abs(l.expected - (byUnit.get(l.unit) ?? 0)), 0) / r.lines.length;
    expect(e[0].mae).toBeCloseTo(mae, 2);
    expect(e[0].covered).toBe(r.lines.filter((l) => (byUnit.get(l.unit) ?? 0) >= l.low && (byUnit.get(l.unit) ?? 0) <= l.high).length);
    // Beside it, the mean of each unit's 12 months before June as the forecast.
    const { addMonths } = await import('../src/time/index.ts');
    const before = await Promise.all(Array.from({ length: 12 }, (_, k) => q.accidentsByUnit(store, addMonths(MONTH, -1 - k))));
    const mean12 = (unit: string) => before.reduce((s, m) => s + (m.find((u) => u.unit === unit)?.accidents ?? 0), 0) / 12;
    const base = r.lines.reduce((s, l) => s + Math.abs(mean12(l.unit) - (byUnit.get(l.unit) ?? 0)), 0) / r.lines.length;
    expect(e[0].mean12Mae).toBeCloseTo(base, 2);
    const row = t.tables.find((x) => x[0].join('|') === '月份|预测合计|实际合计|单位平均绝对误差|前12月均值误差|区间命中')!;
    expect(row.slice(1)).toEqual([['2021年6月', e[0].expected.toFixed(1), String(actual), e[0].mae.toFixed(2), e[0].mean12Mae!.toFixed(2), `${e[0].covered}/${e[0].units}`]]);
    const sentence = t.paragraphs.find((p) => p.startsWith('近1个月的预测与实际对比'))!;
    expect(sentence).toContain(`平均绝对误差为${e[0].mae.toFixed(2)}起`);
    expect(sentence).toContain(`作预测，平均绝对误差为${e[0].mean12Mae!.toFixed(2)}起，本模型${e[0].mae <= e[0].mean12Mae! ? '低' : '高'}`);
  });
});

describe('the forecast errors beside the mean of 12 months', () => {
  it('covers the last 12 months of stored forecasts', async () => {
    const store = await openStore(':memory:');
    await insertSeries(store, { units: { U1: 12, U2: 6 }, from: '2019-01', months: 30, seed: 13 });
    const { storeMonthlyForecasts } = await import('../src/forecast/forecast.ts');
    expect(await storeMonthlyForecasts(store, '2020-05', '2021-06')).toBe(14);
    const e = await q.forecastErrors(store, '2021-06');
    expect(e.map((x) => x.month)).toEqual(['2020-07', '2020-08', '2020-09', '2020-10', '2020-11', '2020-12', '2021-01', '2021-02', '2021-03', '2021-04', '2021-05', '2021-06']);
    expect(e.every((x) => x.mean12Mae !== null && x.units === 2)).toBe(true);
    store.close();
  });

  it('gives the citywide interval beside a stored forecast only when a fit on the data now held gives its lines', async () => {
    const store = await openStore(':memory:');
    await insertSeries(store, { units: { U1: 12, U2: 6 }, from: '2019-07', months: 24, seed: 14 });
    const { forecastMonth, saveForecast } = await import('../src/forecast/forecast.ts');
    const { collectBulletin } = await import('../src/report/bulletin/data.ts');
    const r = await forecastMonth(store, '2021-07');
    if (!r.ok) throw new Error(r.error);
    await saveForecast(store, r);
    const total = async () => { const d = await collectBulletin(store, '2021-06', '2021-07-05'); return 'error' in d.forecast ? undefined : d.forecast.total; };
    expect(await total()).toEqual(r.total);
    // The stored lines no longer match what the data give (accidents added or changed since): no interval rather than another fit's.
    await store.run("UPDATE forecasts SET expected = expected + 1 WHERE unit_code = 'U1'");
    expect(await total()).toBeNull();
    store.close();
  });

  it('gives no mean-of-12 figure when the accidents on file do not reach 12 months back', async () => {
    const store = await openStore(':memory:');
    await insertSeries(store, { units: { U1: 12, U2: 6 }, from: '2020-10', months: 9, seed: 12 });
    const { forecastMonth, saveForecast } = await import('../src/forecast/forecast.ts');
    const r = await forecastMonth(store, '2021-06');
    if (!r.ok) throw new Error(r.error);
    await saveForecast(store, r);
    const e = await q.forecastErrors(store, '2021-06');
    expect(e).toHaveLength(1);
    expect(e[0].mean12Mae).toBeNull();
    store.close();
  });
});

