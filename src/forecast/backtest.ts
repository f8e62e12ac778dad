// How good the forecast is: a rolling-origin backtest over the last N complete months of the history.
// For each month m, the model is fitted on the months before m only (as `yanpan forecast --month m`
// would be) and compared, unit by unit, with what happened and with three baselines:
//   seasonal naive  the same month last year;
//   mean of 12      the mean of the 12 months before m;
//   last month      the month before m.
// Scored on the unit-months where every baseline exists (the unit has 12 months of history before m).
// Given the expected counts the data were drawn from (the demo's truth), it also scores that oracle: the
// model's MAE ÷ the oracle's is the figure to work on (1.00 is the limit no forecaster can pass).
import type { Store } from '../store/db.ts';
import { loadHistory, monthCalendars, type History, type MonthCalendar } from './history.ts';
import { fitHistory, forecastTotal, forecastUnits, type Priors } from './model.ts';
import { monthIndex, monthOf } from '../time/index.ts';

export type Method = 'model' | 'seasonalNaive' | 'mean12' | 'lastMonth';
export const METHOD_LABEL: Record<Method, string> = {
  model: '预测模型 model', seasonalNaive: '去年同月 seasonal naive', mean12: '近12个月均值 mean of 12', lastMonth: '上月 last month',
};

/** The expected count of each unit-month: unit → month index → expected. */
export type Oracle = ReadonlyMap<string, ReadonlyMap<number, number>>;

export interface BacktestMonth { month: string; cells: number; actual: number; mae: Record<Method, number>; covered: number }
export interface Backtest {
  months: BacktestMonth[];
  cells: number;
  /** Mean absolute error per unit-month. */
  mae: Record<Method, number>;
  /** Mean absolute error of the citywide monthly total. */
  totalMae: Record<Method, number>;
  /** Share of actual counts inside the 80% interval. */
  coverage: number;
  /** Share of months whose citywide total lies inside the total's 80% interval (months where every unit is scored). */
  totalCoverage: number | null;
  historyFrom: string;
  historyTo: string;
  /** The oracle's MAE (per unit-month and of the citywide total), when the expected counts are known. */
  oracle?: { mae: number; totalMae: number };
}

export const METHODS: Method[] = ['model', 'seasonalNaive', 'mean12', 'lastMonth'];
const zero = (): Record<Method, number> => ({ model: 0, seasonalNaive: 0, mean12: 0, lastMonth: 0 });

export interface BacktestOptions {
  /** Origins: the last `months` complete months (default 12). */
  months?: number;
  /** The model sees at most this many months before each origin (default: all), as a new installation would. */
  window?: number;
  oracle?: Oracle;
  /** The model's priors (default: the chosen ones); the evaluation compares others. */
  priors?: Priors;
}

/** Backtest over the last `n` complete months of the accidents before `before` (default: all). */
export async function backtest(store: Store, n = 12, before = '9999-12-31', oracle?: Oracle): Promise<Backtest | { error: string }> {
  const h = await loadHistory(store, before);
  if (h.last < h.first) return { error: '历史不足：没有完整月份的事故数据' };
  const calendars = await monthCalendars(store, h.first, h.last);
  return backtestHistory(h, calendars, { months: n, oracle });
}

/** The backtest on a history already loaded (the forecast evaluation draws its own). */
export function backtestHistory(h: History, calendars: ReadonlyMap<number, MonthCalendar>, o: BacktestOptions = {}): Backtest | { error: string } {
  const n = o.months ?? 12;
  const origins: number[] = [];
  for (let m = h.last - n + 1; m <= h.last; m++) if (m - 12 >= h.first) origins.push(m);
  if (origins.length === 0) return { error: `历史不足：回测需要至少 13 个完整月份的事故数据（现有 ${Math.max(0, h.last - h.first + 1)} 个月）` };
  const count = (unit: string, m: number) => h.counts.get(unit)?.get(m) ?? 0;
  const out: BacktestMonth[] = [];
  const sum = zero(), totalSum = zero();
  let cells = 0, covered = 0, totalMonths = 0, totalCovered = 0;
  let oracleSum = 0, oracleTotal = 0, oracleComplete = o.oracle !== undefined;
  for (const m of origins) {
    const past: History = { ...h, first: o.window ? Math.max(h.first, m - o.window) : h.first, last: m - 1 };
    const fitted = fitHistory(past, m - 1, calendars, o.priors);
    const calendar = calendars.get(m); // monthCalendars covers every origin
    if (!fitted || !calendar) continue;
    const mae = zero(), total = zero(), tot = { actual: 0, oracle: 0 };
    let mCells = 0, mCovered = 0, mOracle = 0;
    const units = forecastUnits(fitted, m, calendar);
    for (const f of units) {
      // Every baseline needs the unit's 12 months before m.
      if ((h.firstOf.get(f.unit) ?? Infinity) > m - 12) continue;
      const y = count(f.unit, m);
      let mean12 = 0;
      for (let k = 1; k <= 12; k++) mean12 += count(f.unit, m - k) / 12;
      const guess: Record<Method, number> = { model: f.expected, seasonalNaive: count(f.unit, m - 12), mean12, lastMonth: count(f.unit, m - 1) };
      for (const k of METHODS) { mae[k] += Math.abs(guess[k] - y); total[k] += guess[k]; }
      const e = o.oracle?.get(f.unit)?.get(m);
      if (e === undefined) oracleComplete = false;
      else { mOracle += Math.abs(e - y); tot.oracle += e; }
      tot.actual += y;
      mCells++;
      if (y >= f.low && y <= f.high) mCovered++;
    }
    if (mCells === 0) continue;
    for (const k of METHODS) { sum[k] += mae[k]; totalSum[k] += Math.abs(total[k] - tot.actual); mae[k] /= mCells; }
    oracleSum += mOracle;
    oracleTotal += Math.abs(tot.oracle - tot.actual);
    cells += mCells;
    covered += mCovered;
    if (mCells === units.length) {
      const t = forecastTotal(fitted, m, calendar);
      totalMonths++;
      if (tot.actual >= t.low && tot.actual <= t.high) totalCovered++;
    }
    out.push({ month: monthOf(m), cells: mCells, actual: tot.actual, mae, covered: mCovered / mCells });
  }
  if (cells === 0) return { error: '历史不足：没有可回测的单位月份' };
  const per = (s: Record<Method, number>, d: number) => Object.fromEntries(METHODS.map((k) => [k, s[k] / d])) as Record<Method, number>;
  const r: Backtest = { months: out, cells, mae: per(sum, cells), totalMae: per(totalSum, out.length), coverage: covered / cells, totalCoverage: totalMonths ? totalCovered / totalMonths : null, historyFrom: monthOf(h.first), historyTo: monthOf(h.last) };
  if (oracleComplete) r.oracle = { mae: oracleSum / cells, totalMae: oracleTotal / out.length };
  return r;
}

/**
 * The oracle from a demo truth file's `accidentsExpected` (month → unit → expected); null when the file
 * has none (a truth file of an older demo, or not a demo's).
 */
export function oracleFromTruth(truth: unknown): Oracle | null {
  const e = (truth as { accidentsExpected?: unknown } | null)?.accidentsExpected;
  if (!e || typeof e !== 'object') return null;
  const out = new Map<string, Map<number, number>>();
  for (const [month, units] of Object.entries(e as Record<string, unknown>)) {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month) || !units || typeof units !== 'object') return null;
    for (const [unit, v] of Object.entries(units as Record<string, unknown>)) {
      if (typeof v !== 'number' || !Number.isFinite(v)) return null;
      let m = out.get(unit);
      if (!m) { m = new Map(); out.set(unit, m); }
      m.set(monthIndex(month), v);
    }
  }
  return out;
}
