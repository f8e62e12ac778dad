// `yanpan forecast`: next month's accidents per unit (contract §5), stored; or `--backtest`.
import { readFile, writeFile } from 'node:fs/promises';
import { openExisting } from './history.ts';
import { forecastJsonl, forecastMonth, saveForecast } from '../forecast/forecast.ts';
import { backtest, METHOD_LABEL, oracleFromTruth, type Backtest, type Method, type Oracle } from '../forecast/backtest.ts';
import { firstDay, isMonth } from '../time/index.ts';
import { table } from './output.ts';

export interface ForecastArgs { db: string; month?: string; out?: string; backtest?: boolean; months?: string; json?: string; truth?: string }

/** Exit codes: 0 done, 1 not enough data, 2 bad arguments. */
export async function forecastCommand(a: ForecastArgs): Promise<number> {
  if (a.month !== undefined && !isMonth(a.month)) { process.stderr.write(`--month 应为 YYYY-MM，而不是 ${a.month}\n`); return 2; }
  if (a.backtest) return backtestCommand(a);
  if (a.month === undefined) { process.stderr.write('缺少 --month YYYY-MM\n'); return 2; }
  if (a.out === undefined) { process.stderr.write('缺少 --out FILE.jsonl\n'); return 2; }
  const store = await openExisting(a.db);
  if (!store) return 2;
  try {
    const r = await forecastMonth(store, a.month);
    // Not enough history is a conflict with the data on file (409 on the server); this command has always
    // answered it 1, "may work once more is imported", which its callers rely on.
    if (!r.ok) { process.stderr.write(`${r.error}\n`); return 1; }
    await writeFile(a.out, forecastJsonl(r.lines));
    const id = await saveForecast(store, r);
    const sum = r.lines.reduce((s, l) => s + l.expected, 0);
    process.stdout.write(`${r.month} 事故预测（依据 ${r.historyFrom} 至 ${r.historyTo} 的事故）：${r.lines.length} 个单位，合计期望 ${sum.toFixed(1)} 起 → ${a.out}（预测编号 ${id}）\n`);
    return 0;
  } finally {
    store.close();
  }
}

async function backtestCommand(a: ForecastArgs): Promise<number> {
  const n = Number(a.months ?? '12');
  if (!(Number.isInteger(n) && n >= 1 && n <= 60)) { process.stderr.write(`--months 应为 1–60 的整数\n`); return 2; }
  let oracle: Oracle | undefined;
  if (a.truth !== undefined) {
    let text: string;
    try { text = await readFile(a.truth, 'utf8'); } catch { process.stderr.write(`--truth：无法读取 ${a.truth}\n`); return 2; }
    let parsed: unknown;
    try { parsed = JSON.parse(text); } catch { process.stderr.write(`--truth：${a.truth} 不是 JSON\n`); return 2; }
    const o = oracleFromTruth(parsed);
    if (!o) { process.stderr.write(`--truth：${a.truth} 没有 accidentsExpected（各单位各月的期望事故数）\n`); return 2; }
    oracle = o;
  }
  const store = await openExisting(a.db);
  if (!store) return 2;
  try {
    const r = await backtest(store, n, a.month ? firstDay(a.month) : undefined, oracle);
    if ('error' in r) { process.stderr.write(`${r.error}\n`); return 1; }
    process.stdout.write(formatBacktest(r));
    if (a.json) await writeFile(a.json, JSON.stringify(r, null, 1) + '\n');
    return 0;
  } finally {
    store.close();
  }
}

export function formatBacktest(r: Backtest): string {
  const methods = Object.keys(METHOD_LABEL) as Method[];
  const rows = methods.map((k) => [METHOD_LABEL[k], r.mae[k].toFixed(2), r.totalMae[k].toFixed(1)]);
  const months = r.months.map((m) => [m.month, m.cells, m.actual, ...methods.map((k) => m.mae[k].toFixed(2)), `${(m.covered * 100).toFixed(0)}%`]);
  const o = r.oracle;
  if (o) {
    // Each method's MAE ÷ the oracle's: 1.00 is the physical limit (the expected counts the data were drawn from).
    rows.forEach((row, i) => row.push((r.mae[methods[i]] / o.mae).toFixed(2), (r.totalMae[methods[i]] / o.totalMae).toFixed(2)));
    rows.push(['真实期望 oracle', o.mae.toFixed(2), o.totalMae.toFixed(1), '1.00', '1.00']);
  }
  const beats = methods.slice(1).every((k) => r.mae.model < r.mae[k]);
  return `滚动起点回测：${r.months.length} 个月（${r.months[0]?.month} 至 ${r.months.at(-1)?.month}），${r.cells} 个单位月，历史 ${r.historyFrom} 至 ${r.historyTo}\n\n`
    + `${table(['方法', '单位月 MAE', '全市月合计 MAE', ...(o ? ['÷ oracle', '合计 ÷ oracle'] : [])], rows)}\n\n`
    + `80% 区间覆盖率：${(r.coverage * 100).toFixed(1)}%${r.totalCoverage === null ? '' : `（全市月合计：${(r.totalCoverage * 100).toFixed(0)}%）`}；模型${beats ? '优于' : '未能优于'}全部三个基线\n\n`
    + `${table(['月份', '单位数', '实际', ...methods.map((k) => k), '覆盖'], months)}\n`;
}
