// The bulletin (通报) as a Word document: the sections of issue 10 in order, each from BulletinData.
// Sections are numbered as they appear (六、抽查情况 only once spot checks exist), as a real 通报 is.
import { Document, Packer, type Paragraph, type Table } from 'docx';
import type { BulletinData, NextMonthForecast } from './data.ts';
import { trendChart, unitChart } from './charts.ts';
import { blank, body, caption, documentStyles, figure, flush, h1, h2, section, signature, table, title } from './layout.ts';
import { monthLabel } from '../../time/index.ts';
import { CATEGORY_INFO, categoryZh } from '../../contract/categories.ts';
import { NUMERALS, change, dateZh, delta, list, monthDayZh, pct, quarterZh, wan } from './wording.ts';

type Block = Paragraph | Table;

export function bulletinTitle(d: BulletinData): string {
  return `关于${monthLabel(d.month)}全市道路交通事故和执法监督情况的通报`;
}

/** 一、全市道路交通事故情况 */
function accidents(d: BulletinData): Block[] {
  const t = d.totals, p = d.previous, y = d.lastYear;
  const m = monthLabel(d.month);
  const out: Block[] = [];
  let text = `${m}，全市共发生道路交通事故${t.accidents}起，造成${t.deaths}人死亡、${t.injuries}人受伤，直接财产损失${wan(t.loss)}万元。`
    + `与上月相比，事故起数${change(t.accidents, p.accidents, '起')}，死亡人数${change(t.deaths, p.deaths, '人')}，受伤人数${change(t.injuries, p.injuries, '人')}`;
  text += y
    ? `；与去年同期相比，事故起数${change(t.accidents, y.accidents, '起')}，死亡人数${change(t.deaths, y.deaths, '人')}。`
    : '；事故数据未覆盖去年同期，不作同比。';
  out.push(body(text));

  out.push(h2('（一）分单位情况'));
  const top = d.byUnit.filter((u) => u.accidents > 0).slice(0, 3);
  if (top.length) {
    out.push(body(`事故起数居前的单位是${list(top.map((u) => `${u.name}（${u.accidents}起）`))}。`
      + (d.byUnit.some((u) => u.deaths > 0) ? `发生死亡事故的单位有${list(d.byUnit.filter((u) => u.deaths > 0).map((u) => `${u.name}（死亡${u.deaths}人）`))}。` : '本月各单位均未发生死亡事故。')));
  }
  out.push(table(['单位', '事故起数', '死亡人数', '受伤人数', '上月起数', '环比'],
    d.byUnit.map((u) => [u.name, u.accidents, u.deaths, u.injuries, u.previous, delta(u.accidents, u.previous)])));
  out.push(caption(`表1　${m}各单位道路交通事故情况`));
  out.push(figure(trendChart(d.trend)));
  out.push(caption('图1　近12个月全市道路交通事故趋势'));
  const fc = 'lines' in d.forecast ? new Map(d.forecast.lines.map((l) => [l.unit, l])) : new Map();
  out.push(figure(unitChart(d.byUnit.map((u) => ({ ...u, expected: fc.get(u.unit)?.expected, low: fc.get(u.unit)?.low, high: fc.get(u.unit)?.high })))));
  out.push(caption('图2　各单位事故起数与下月预测'));

  out.push(h2('（二）分道路、时段情况'));
  if (t.accidents > 0) {
    const peak = peakHours(d.byHour);
    out.push(body(`事故较多的道路是${list(d.byRoad.map((r) => `${r.label}（${r.accidents}起）`))}。`
      + `从时段看，${peak.from}时至${peak.to}时发生事故${peak.n}起，占${pct(peak.n, t.accidents)}，为事故高发时段。`));
  } else {
    out.push(body('本月未发生道路交通事故。'));
  }
  out.push(h2('（三）事故形态和天气'));
  if (t.accidents > 0) {
    out.push(body(`从事故形态看，以${list(d.byForm.map((r) => `${r.label}（${r.accidents}起）`))}为主；`
      + `从天气看，${list(d.byWeather.map((r) => `${r.label}天${r.accidents}起`))}。`));
  }
  out.push(h2('（四）事故多发点段'));
  const spots = d.blackspots.filter((b) => b.accidents > 0);
  out.push(body(spots.length
    ? `经分析，本月有${spots.length}处事故多发点段，共发生事故${spots.reduce((s, b) => s + b.accidents, 0)}起：${spots.map((b, i) => `${i + 1}. ${b.title}（${b.name}，本月${b.accidents}起）`).join('；')}。`
    : '本月未发现新的事故多发点段。'));
  return out;
}

/** The 4-hour window with most accidents (wrapping midnight). */
export function peakHours(byHour: number[]): { from: number; to: number; n: number } {
  let best = { from: 0, to: 4, n: -1 };
  for (let h = 0; h < 24; h++) {
    let n = 0;
    for (let k = 0; k < 4; k++) n += byHour[(h + k) % 24];
    if (n > best.n) best = { from: h, to: (h + 4) % 24, n };
  }
  return best;
}

/** 二、形势研判 */
function outlook(d: BulletinData): Block[] {
  const out: Block[] = [];
  if ('error' in d.forecast) {
    out.push(body(`${d.forecast.error}。`));
  } else {
    const f: NextMonthForecast = d.forecast;
    const nm = monthLabel(f.month);
    const sum = f.lines.reduce((s, l) => s + l.expected, 0);
    // The total's interval comes from the model with the variance the units share (the season), not from the unit intervals.
    const range = f.total ? `80%区间${f.total.low}—${f.total.high}起；` : '';
    out.push(body(`依据本月及以前的事故数据，按单位、月份、节假日和工作日建立计数模型研判，预计${nm}全市发生道路交通事故约${sum.toFixed(0)}起`
      + `（${range}本月${d.totals.accidents}起）。` + holidaysText(f)));
    out.push(body(f.rising.length
      ? `预计事故起数较本月上升的单位有${list(f.rising.slice(0, 5).map((l) => `${l.name}（本月${l.current}起，预计${l.expected.toFixed(1)}起）`))}，请提前部署防范。`
      : '预计各单位事故起数均不高于本月。'));
    out.push(caption(`表2　${nm}各单位道路交通事故预测`));
    out.push(table(['单位', '本月起数', '下月预计', '80%区间'], f.lines.map((l) => [l.name, l.current, l.expected.toFixed(1), `${l.low}—${l.high}`])));
  }
  if (d.forecastErrors.length) {
    const e = d.forecastErrors;
    const inside = e.reduce((s, x) => s + x.covered, 0), units = e.reduce((s, x) => s + x.units, 0);
    const mae = e.reduce((s, x) => s + x.mae * x.units, 0) / units;
    // Beside the model, what the mean of each unit's last 12 months would have missed by, so a reader can judge it.
    const base = e.filter((x) => x.mean12Mae !== null);
    const baseUnits = base.reduce((s, x) => s + x.units, 0);
    const m12 = baseUnits ? base.reduce((s, x) => s + (x.mean12Mae ?? 0) * x.units, 0) / baseUnits : null;
    const modelOnBase = baseUnits ? base.reduce((s, x) => s + x.mae * x.units, 0) / baseUnits : null;
    const against = m12 !== null && modelOnBase !== null && m12 > 0
      ? `；同期若以各单位前12个月的月均起数作预测，平均绝对误差为${m12.toFixed(2)}起，本模型${modelOnBase <= m12 ? '低' : '高'}${Math.abs((modelOnBase / m12 - 1) * 100).toFixed(0)}%`
      : '';
    out.push(body(`近${e.length}个月的预测与实际对比：各单位月度预测的平均绝对误差为${mae.toFixed(2)}起${against}；`
      + `实际起数落在80%区间内的单位占${pct(inside, units)}。`));
    out.push(caption('表3　近期月度预测准确度'));
    out.push(table(['月份', '预测合计', '实际合计', '单位平均绝对误差', '前12月均值误差', '区间命中'],
      e.map((x) => [monthLabel(x.month), x.expected.toFixed(1), x.actual, x.mae.toFixed(2), x.mean12Mae === null ? '—' : x.mean12Mae.toFixed(2), `${x.covered}/${x.units}`])));
  } else {
    out.push(body('此前尚无存档的月度预测，下期起通报预测准确度。'));
  }
  return out;
}

function holidaysText(f: NextMonthForecast): string {
  if (f.holidays.length === 0) return `${monthLabel(f.month)}无法定节假日。`;
  return `${monthLabel(f.month)}有${list(f.holidays.map((h) => `${h.name}假期（${monthDayZh(h.from)}${h.days > 1 ? `至${monthDayZh(h.to)}` : ''}，${h.days}天）`))}，节假日出行集中，需重点防范。`;
}

/** 三、执法监督预警情况 */
function warnings(d: BulletinData): Block[] {
  if (!d.run || !d.warnings) return [body('本月尚未开展执法监督分析，无预警数据。')];
  const w = d.warnings;
  const total = w.byCategory.reduce((s, c) => s + c.total, 0);
  const high = w.byCategory.reduce((s, c) => s + c.high, 0);
  const fresh = w.byCategory.reduce((s, c) => s + c.fresh, 0);
  const out: Block[] = [];
  out.push(body(`对${dateZh(d.run.period_from)}至${dateZh(d.run.period_to)}的执法数据开展监督分析，共产生预警${total}条，其中高风险${high}条；`
    + `新增${fresh}条，延续上期${total - fresh}条` + (w.recurred === null ? '。' : `；整改后复发${w.recurred}项。`)));
  out.push(caption('表4　执法监督预警分类情况'));
  out.push(table(['预警类别', '预警数', '高风险', '新增'], w.byCategory.map((c) => [categoryZh(c.category), c.total, c.high, c.fresh])));
  out.push(caption('表5　各单位执法监督预警情况'));
  out.push(table(['单位', '预警数', '高风险'], w.byUnit.map((u) => [u.name, u.total, u.high])));
  if (w.serious.length) {
    out.push(body(`需重点关注的高风险预警：${w.serious.map((s, i) => `${i + 1}. ${s.name}，${s.title}`).join('；')}。`));
  }
  if (d.run.settings_version !== null) out.push(body(`注：本次分析使用规则设置第${d.run.settings_version}版。`));
  return out;
}

/** 四、核查整改进展 */
function progress(d: BulletinData): Block[] {
  if (d.progress === null) return [body('督办整改工作尚未启用，本期无核查整改数据。')];
  if (d.progress.length === 0) return [body('本期尚无下发核查的预警事项。')];
  const p = d.progress;
  const sum = (k: 'dispatched' | 'verified' | 'confirmed' | 'rectified' | 'overdue') => p.reduce((s, u) => s + u[k], 0);
  const overdue = p.filter((u) => u.overdue > 0);
  const out: Block[] = [];
  out.push(body(`截至${dateZh(d.asOf)}，共下发核查预警事项${sum('dispatched')}项，已核查${sum('verified')}项，其中属实${sum('confirmed')}项，已整改办结${sum('rectified')}项，逾期未办结${sum('overdue')}项。`));
  out.push(caption('表6　各单位核查整改进展'));
  out.push(table(['单位', '已下发', '已核查', '属实', '已整改', '逾期'], p.map((u) => [u.name, u.dispatched, u.verified, u.confirmed, u.rectified, u.overdue])));
  out.push(body(overdue.length
    ? `${list(overdue.map((u) => `${u.name}（${u.overdue}项）`))}存在逾期未办结事项，请抓紧办理并说明逾期原因。`
    : '各单位均无逾期未办结事项。'));
  return [...out, ...effectiveness(d)];
}

/** The regulation a category rests on (contract/categories.ts), named where the bulletin names a rule. */
const basisZh = (c: string): string => (CATEGORY_INFO as Record<string, { basis: string } | undefined>)[c]?.basis ?? '支队执法质量抽查';

const share = (x: number | null): string => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

/** 规则成效: how each category's warnings fared on verification over the last 90 days, and the rules to review. */
function effectiveness(d: BulletinData): Block[] {
  const e = d.effectiveness;
  if (!e || !e.rows.length) return [];
  const out: Block[] = [body(`${dateZh(e.from)}至${dateZh(e.to)}，各类预警的核查结果如表7。`
    + (e.flagged.length
      ? `${list(e.flagged.map((f) => `${categoryZh(f.category)}（依据${basisZh(f.category)}；核查${f.verified}项，不属实占${share(f.false_share)}）`))}不属实比例超过${share(e.settings.falseShare)}，请法制部门复核相应规则及其参数。`
      : '')) ];
  out.push(caption('表7　各类预警核查成效'));
  out.push(table(['预警类别', '下发', '核查', '属实', '不属实', '不属实占比', '退回', '逾期', '复发', '办结用时中位数（天）'],
    e.rows.map((r) => [categoryZh(r.category), r.dispatched, r.verified, r.true_findings, r.false_findings, share(r.false_share),
      r.returned, r.overdue, r.recurred, r.median_days_to_close === null ? '—' : r.median_days_to_close])));
  return out;
}

/** 五、开门纳谏情况 */
function opinions(d: BulletinData): Block[] {
  const heard = d.opinions.filter((u) => u.opinions > 0);
  const none = d.opinions.filter((u) => u.opinions === 0);
  const total = heard.reduce((s, u) => s + u.opinions, 0);
  const out: Block[] = [body(`${quarterZh(d.month)}截至${monthLabel(d.month)}底，全市共征集群众意见建议${total}条，${heard.length}个单位开展了征集。`
    + (none.length ? `尚未征集意见建议的单位：${list(none.map((u) => u.name))}，请在本季度内完成。` : '各单位均已开展征集。'))];
  if (heard.length) {
    out.push(caption(`表${d.effectiveness?.rows.length ? 8 : 7}　各单位本季度征集意见建议情况`));
    out.push(table(['单位', '意见建议（条）'], heard.map((u) => [u.name, u.opinions])));
  }
  return out;
}

/** 六、抽查情况 (only with the spot-check tables) */
function spotChecks(d: BulletinData): Block[] {
  const s = d.spotChecks ?? [];
  if (s.length === 0) return [body('本月未开展抽查。')];
  const drawn = s.reduce((a, x) => a + x.drawn, 0), checked = s.reduce((a, x) => a + x.checked, 0), problems = s.reduce((a, x) => a + x.problems, 0);
  const kind = (k: string) => (k === 'documents' ? '案卷' : k === 'videos' ? '执法视频' : k);
  return [
    body(`本月共抽查${s.length}批次、${drawn}件，已核查${checked}件，发现问题${problems}件。`),
    caption(`表${d.effectiveness?.rows.length ? 9 : 8}　本月抽查情况`),
    table(['批次', '抽查对象', '抽取', '已核查', '发现问题'], s.map((x) => [x.sample_id, kind(x.kind), x.drawn, x.checked, x.problems])),
  ];
}

export async function bulletinDocx(d: BulletinData): Promise<Buffer> {
  const sections: [string, (d: BulletinData) => Block[]][] = [
    ['全市道路交通事故情况', accidents],
    ['形势研判', outlook],
    ['执法监督预警情况', warnings],
    ['核查整改进展', progress],
    ['开门纳谏情况', opinions],
    ...(d.spotChecks !== null ? [['抽查情况', spotChecks] as [string, (d: BulletinData) => Block[]]] : []),
    ['下一步工作要求', (x) => x.settings.requirements.split('\n').map((s) => s.trim()).filter(Boolean).map(body)],
  ];
  const children: Block[] = [
    blank(), title(bulletinTitle(d)), blank(),
    flush('各大队、支队各部门：'),
    body(`现将${monthLabel(d.month)}全市道路交通事故情况、下月道路交通安全形势研判和执法监督预警、核查整改情况通报如下：`),
  ];
  sections.forEach(([name, build], i) => { children.push(h1(`${NUMERALS[i]}、${name}`)); children.push(...build(d)); });
  children.push(blank(), blank(), signature(d.issuer), signature(dateZh(d.asOf)));
  const doc = new Document({
    creator: d.issuer, title: bulletinTitle(d), description: '由研判平台根据数据库自动生成',
    evenAndOddHeaderAndFooters: true,
    styles: documentStyles,
    sections: [section(children)],
  });
  return Packer.toBuffer(doc);
}
