// `npm run forecast:eval`: the forecast's rolling-origin backtest over a set of generator settings, not
// one demo: seeds 1–5, 18 and 36 months of history, the demo's detachment, the same without any trend,
// and one with other trends, holiday peaks of different strength per county and a second unit with few
// accidents. Each series is drawn from the demo's accident intensity (src/demo/accident-season.ts: the
// demo's history is a Poisson draw with exactly these means, so a unit-month is drawn here as one Poisson
// count), and the backtest measures every method against that intensity (the oracle, 1.00 = the limit).
//
// The model's priors are chosen on this backtest, on seeds other than the table's (`--seeds 6-25 --priors`);
// it never sees the month it forecasts (the backtest fits on the months before each origin only). Beside the
// oracle it scores a shape-known forecaster, which says whether a target can be reached in a setting at all.
import { openStore } from '../store/db.ts';
import { monthCalendars, type History, type MonthCalendar } from '../forecast/history.ts';
import type { Priors } from '../forecast/model.ts';
import { backtestHistory, METHODS, type Backtest, type Method } from '../forecast/backtest.ts';
import { monthIndex, monthOf } from '../time/index.ts';
import { expectedAccidents, MONTH_FACTOR, TREND, type SeasonSettings } from '../demo/accident-season.ts';
import { SEASON_ESTIMATORS, seasonUnknown, type SeasonEstimator } from './forecast-reference.ts';
import { U } from '../demo/world/reference.ts';
import { Rng } from '../demo/rng.ts';
import { dayOf } from '../demo/time.ts';
import { table } from './output.ts';

export interface Variant { name: string; label: string; settings: SeasonSettings }

/** The detachment's variants: as the demo, without trends, and with other trends, peaks and a small unit. */
export const VARIANTS: Variant[] = [
  { name: 'demo', label: '演示支队 the demo (7 units with a trend)', settings: {} },
  { name: 'flat', label: '无趋势 no unit has a trend', settings: { trend: {} } },
  {
    name: 'varied', label: '各县不同 other trends, holiday peaks 0–2× by county, 2 small units',
    settings: {
      trend: { ...TREND, [U.qixian]: 0.08, [U.xiyang]: -0.07, [U.pingyao]: 0, [U.zs2]: 0.05, [U.highway]: 0.1 },
      holiday: {
        [U.taigu]: 2, [U.jiexiu]: 0, [U.qixian]: 1.5, [U.pingyao]: 2, [U.lingshi]: 0.5, [U.shouyang]: 0, [U.xiyang]: 1,
        [U.heshun]: 1.5, [U.zuoquan]: 0.5, [U.yushe]: 2, [U.zs1]: 1, [U.zs2]: 0.5, [U.zs3]: 1.5, [U.highway]: 2, [U.accident]: 0,
      },
      // 榆社 at about 2.5 a month, beside the 事故处理大队's 2–3.
      level: { [U.yushe]: 0.35 },
    },
  },
];

export interface EvalOptions { seeds?: number[]; histories?: number[]; variants?: string[]; scale?: number; origins?: number; end?: string; priors?: Priors; referencePrior?: { harmonic: number; season: number } }

export interface EvalRow {
  variant: string;
  history: number;
  seeds: number[];
  cells: number;
  months: number;
  mae: Record<Method, number>;
  totalMae: Record<Method, number>;
  oracle: { mae: number; totalMae: number };
  /**
   * A forecaster that knows each unit's true season, calendar and trend (the oracle's shape) and learns only
   * the unit's level from the same window as the model (the level that makes the window's expected total
   * equal its count). No forecaster that has to learn a unit's level from that window does better for long,
   * so it says whether "3 % below the mean of 12" can be reached in a setting at all.
   */
  shapeKnown: { mae: number; totalMae: number };
  /**
   * The season-unknown reference (./forecast-reference.ts): knows every unit's level and trend and the weight of
   * every day, learns only the twelve month-of-year factors from the same window, by each estimator; and the
   * same with the model's season terms learning each unit's level as well (`levelToo`).
   */
  seasonUnknown: Record<SeasonEstimator, { mae: number; totalMae: number }>;
  levelToo: { mae: number; totalMae: number };
  coverage: number;
  /** Share of months whose citywide total lies inside the total's 80% interval. */
  totalCoverage: number;
}

function poisson(r: Rng, mean: number): number {
  if (mean > 30) {
    // Sum of smaller Poisson draws: exact, and Knuth's loop stays short.
    const parts = Math.ceil(mean / 30);
    let k = 0;
    for (let i = 0; i < parts; i++) k += poisson(r, mean / parts);
    return k;
  }
  const L = Math.exp(-mean);
  let k = 0, p = 1;
  do { k++; p *= r.next(); } while (p > L);
  return k - 1;
}

/** A series of `months` months ending with `end`, drawn from the variant's intensity; the oracle beside it. */
export function drawSeries(v: Variant, seed: number, months: number, end: string, scale: number): { history: History; oracle: Map<string, Map<number, number>> } {
  const last = monthIndex(end), first = last - months + 1;
  const expected = expectedAccidents(scale, dayOf(`${monthOf(first)}-01`), dayOf(`${monthOf(last + 1)}-01`), v.settings);
  const r = new Rng(seed * 7919 + VARIANTS.indexOf(v) + 1);
  const counts = new Map<string, Map<number, number>>();
  const oracle = new Map<string, Map<number, number>>();
  for (const [month, units] of expected) {
    const m = monthIndex(month);
    for (const [unit, e] of units) {
      const c = counts.get(unit) ?? new Map<number, number>(), o = oracle.get(unit) ?? new Map<number, number>();
      counts.set(unit, c); oracle.set(unit, o);
      c.set(m, poisson(r, e));
      o.set(m, e);
    }
  }
  const units = [...counts.keys()].sort();
  return { history: { units, counts, firstOf: new Map(units.map((u) => [u, first])), first, last }, oracle };
}

/** Run the set: one row per variant and history, the seeds pooled (errors summed over every scored unit-month). */
export async function forecastEval(o: EvalOptions = {}): Promise<EvalRow[]> {
  const seeds = o.seeds ?? [1, 2, 3, 4, 5];
  const histories = o.histories ?? [18, 36];
  const variants = VARIANTS.filter((v) => !o.variants || o.variants.includes(v.name));
  const scale = o.scale ?? 0.02;
  const n = o.origins ?? 12;
  const end = o.end ?? '2021-06';
  const longest = Math.max(...histories) + n;
  const store = await openStore(':memory:');
  let calendars: Map<number, MonthCalendar>;
  try {
    calendars = await monthCalendars(store, monthIndex(end) - longest + 1, monthIndex(end));
  } finally {
    store.close();
  }
  const rows: EvalRow[] = [];
  for (const v of variants) {
    for (const hist of histories) {
      const acc = { cells: 0, months: 0, covered: 0, totalCovered: 0, mae: zero(), total: zero(), oracle: 0, oracleTotal: 0 };
      const known = { mae: 0, total: 0 };
      const su = Object.fromEntries(SEASON_ESTIMATORS.map((k) => [k, { mae: 0, total: 0 }])) as Record<SeasonEstimator, { mae: number; total: number }>;
      const lt = { mae: 0, total: 0 };
      for (const seed of seeds) {
        const { history, oracle } = drawSeries(v, seed, hist + n, end, scale);
        const r = backtestHistory(history, calendars, { months: n, window: hist, oracle, priors: o.priors });
        if ('error' in r) throw new Error(r.error);
        add(acc, r);
        const k = shapeKnown(history, oracle, n, hist);
        known.mae += k.absSum; known.total += k.totalAbsSum;
        for (const how of SEASON_ESTIMATORS) {
          const a = seasonUnknown(history, oracle, MONTH_FACTOR, { origins: n, window: hist, how, prior: o.referencePrior });
          su[how].mae += a.absSum; su[how].total += a.totalAbsSum;
        }
        const b = seasonUnknown(history, oracle, MONTH_FACTOR, { origins: n, window: hist, how: 'prior', learnLevel: true, prior: o.referencePrior });
        lt.mae += b.absSum; lt.total += b.totalAbsSum;
      }
      const rate = (s: Record<SeasonEstimator, { mae: number; total: number }>) =>
        Object.fromEntries(SEASON_ESTIMATORS.map((k) => [k, { mae: s[k].mae / acc.cells, totalMae: s[k].total / acc.months }])) as Record<SeasonEstimator, { mae: number; totalMae: number }>;
      rows.push({
        variant: v.name, history: hist, seeds, cells: acc.cells, months: acc.months,
        mae: per(acc.mae, acc.cells), totalMae: per(acc.total, acc.months),
        oracle: { mae: acc.oracle / acc.cells, totalMae: acc.oracleTotal / acc.months },
        shapeKnown: { mae: known.mae / acc.cells, totalMae: known.total / acc.months }, seasonUnknown: rate(su), levelToo: { mae: lt.mae / acc.cells, totalMae: lt.total / acc.months }, coverage: acc.covered / acc.cells,
        totalCoverage: acc.totalCovered / acc.months,
      });
    }
  }
  return rows;
}

/**
 * The shape-known forecaster over the same origins and windows as the backtest (every unit of a drawn
 * series has the whole span, so every unit-month the backtest scores is scored here): sums of absolute errors.
 */
export function shapeKnown(h: History, oracle: ReadonlyMap<string, ReadonlyMap<number, number>>, origins: number, window: number): { absSum: number; totalAbsSum: number } {
  let absSum = 0, totalAbsSum = 0;
  for (let m = h.last - origins + 1; m <= h.last; m++) {
    let guess = 0, actual = 0;
    for (const unit of h.units) {
      const c = h.counts.get(unit), e = oracle.get(unit);
      if (!c || !e) continue;
      let seen = 0, expected = 0;
      for (let k = Math.max(h.first, m - window); k < m; k++) { seen += c.get(k) ?? 0; expected += e.get(k) ?? 0; }
      const f = expected > 0 ? ((e.get(m) ?? 0) * seen) / expected : 0, y = c.get(m) ?? 0;
      absSum += Math.abs(f - y);
      guess += f; actual += y;
    }
    totalAbsSum += Math.abs(guess - actual);
  }
  return { absSum, totalAbsSum };
}

const zero = (): Record<Method, number> => ({ model: 0, seasonalNaive: 0, mean12: 0, lastMonth: 0 });
const per = (s: Record<Method, number>, d: number) => Object.fromEntries(METHODS.map((k) => [k, s[k] / d])) as Record<Method, number>;

function add(acc: { cells: number; months: number; covered: number; totalCovered: number; mae: Record<Method, number>; total: Record<Method, number>; oracle: number; oracleTotal: number }, r: Backtest): void {
  for (const k of METHODS) { acc.mae[k] += r.mae[k] * r.cells; acc.total[k] += r.totalMae[k] * r.months.length; }
  // The evaluation always passes an oracle; a backtest without one would count as unknown (NaN), not as perfect.
  acc.oracle += (r.oracle?.mae ?? NaN) * r.cells;
  acc.oracleTotal += (r.oracle?.totalMae ?? NaN) * r.months.length;
  acc.covered += r.coverage * r.cells;
  // Every unit of a drawn series is scored in every month, so the total's coverage is over all the months (NaN if not).
  acc.totalCovered += (r.totalCoverage ?? NaN) * r.months.length;
  acc.cells += r.cells;
  acc.months += r.months.length;
}

/** The targets: ÷ oracle ≤ 1.08 (36 months) or 1.12 (18), ≥ 3 % below the mean of 12, coverage 75–85 %. */
export function checks(r: EvalRow): { what: string; met: boolean }[] {
  const limit = r.history >= 36 ? 1.08 : 1.12;
  return [
    { what: `unit ÷ oracle ≤ ${limit}`, met: r.mae.model / r.oracle.mae <= limit },
    { what: `citywide ÷ oracle ≤ ${limit}`, met: r.totalMae.model / r.oracle.totalMae <= limit },
    { what: 'unit ≥ 3 % below mean of 12', met: r.mae.model <= 0.97 * r.mae.mean12 },
    { what: 'citywide ≥ 3 % below mean of 12', met: r.totalMae.model <= 0.97 * r.totalMae.mean12 },
    { what: 'coverage 75–85 %', met: r.coverage >= 0.75 && r.coverage <= 0.85 },
  ];
}

export function formatEval(rows: EvalRow[]): string {
  const f2 = (x: number) => x.toFixed(2);
  const unitHead = ['setting', 'history', 'unit-months', 'model', 'mean12', 'seas.naive', 'last', 'oracle', 'model÷oracle', 'mean12÷oracle',
    'model vs mean12', 'oracle vs mean12', 'shape-known vs mean12', '80% coverage'];
  const unitBody = rows.map((r) => [
    r.variant, `${r.history} mo`, String(r.cells), f2(r.mae.model), f2(r.mae.mean12), f2(r.mae.seasonalNaive), f2(r.mae.lastMonth), f2(r.oracle.mae),
    f2(r.mae.model / r.oracle.mae), f2(r.mae.mean12 / r.oracle.mae), pct(r.mae.model / r.mae.mean12 - 1), pct(r.oracle.mae / r.mae.mean12 - 1),
    pct(r.shapeKnown.mae / r.mae.mean12 - 1), `${(r.coverage * 100).toFixed(1)}%`,
  ]);
  const cityHead = ['setting', 'history', 'months', 'model', 'mean12', 'seas.naive', 'last', 'oracle', 'model÷oracle', 'mean12÷oracle',
    'model vs mean12', 'oracle vs mean12', 'shape-known÷oracle', '80% coverage'];
  const cityBody = rows.map((r) => [
    r.variant, `${r.history} mo`, String(r.months), r.totalMae.model.toFixed(1), r.totalMae.mean12.toFixed(1), r.totalMae.seasonalNaive.toFixed(1),
    r.totalMae.lastMonth.toFixed(1), r.oracle.totalMae.toFixed(1), f2(r.totalMae.model / r.oracle.totalMae), f2(r.totalMae.mean12 / r.oracle.totalMae),
    pct(r.totalMae.model / r.totalMae.mean12 - 1), pct(r.oracle.totalMae / r.totalMae.mean12 - 1), f2(r.shapeKnown.totalMae / r.oracle.totalMae),
    `${(r.totalCoverage * 100).toFixed(1)}%`,
  ]);
  const refHead = ['setting', 'history', 'city model÷oracle', ...SEASON_ESTIMATORS.map((k) => `city ref ${k}÷oracle`), 'unit model÷oracle',
    'unit ref÷oracle', 'unit model vs mean12', 'unit ref vs mean12', 'unit ref+level vs mean12'];
  const refBody = rows.map((r) => [
    r.variant, `${r.history} mo`, f2(r.totalMae.model / r.oracle.totalMae), ...SEASON_ESTIMATORS.map((k) => f2(r.seasonUnknown[k].totalMae / r.oracle.totalMae)),
    f2(r.mae.model / r.oracle.mae), f2(r.seasonUnknown.prior.mae / r.oracle.mae), pct(r.mae.model / r.mae.mean12 - 1),
    pct(r.seasonUnknown.prior.mae / r.mae.mean12 - 1), pct(r.levelToo.mae / r.mae.mean12 - 1),
  ]);
  const missed = rows.flatMap((r) => checks(r).filter((c) => !c.met).map((c) => `MISSED ${r.variant} ${r.history} mo: ${c.what}${outOfReach(r, c.what)}`));
  const legend = VARIANTS.filter((v) => rows.some((r) => r.variant === v.name)).map((v) => `  ${v.name}: ${v.label}`).join('\n');
  return `per unit-month (MAE):\n${table(unitHead, unitBody)}\n\ncitywide monthly total (MAE):\n${table(cityHead, cityBody)}\n\n`
    + `season-unknown reference (ref):\n${table(refHead, refBody)}\n\n${legend}\n`
    + '  shape-known: knows each unit\'s true season, calendar and trend, learns only its level from the same months as the model\n'
    + '  ref: knows each unit\'s true level and trend and every day\'s weight, learns only the 12 month-of-year factors from the same months\n'
    + `    (${SEASON_ESTIMATORS.join(', ')}: maximum likelihood pooled over units, shrunk to their mean, the model\'s season terms with priors chosen on seeds 6–25;\n`
    + '    the unit columns use the last); ref+level: learns each unit\'s level as well\n\n'
    + `${missed.length ? missed.join('\n') : 'MET every target (÷ oracle, ≥ 3 % below the mean of 12, coverage 75–85 %)'}\n`;
}

/**
 * Why a missed target is beyond the data, when a reference that is given more than the model still misses it:
 * the citywide ratio when the season-unknown reference (the best of its estimators) misses it too; "3 % below the
 * mean of 12" per unit when the shape-known forecaster or the reference learning levels and season misses it.
 */
function outOfReach(r: EvalRow, what: string): string {
  if (what.startsWith('citywide ÷ oracle')) {
    const best = Math.min(...SEASON_ESTIMATORS.map((k) => r.seasonUnknown[k].totalMae)) / r.oracle.totalMae;
    return best > (r.history >= 36 ? 1.08 : 1.12) ? ` (out of reach here: knowing all but the month-of-year factors, a forecaster is at ${best.toFixed(2)})` : '';
  }
  if (what === 'unit ≥ 3 % below mean of 12') {
    if (r.shapeKnown.mae > 0.97 * r.mae.mean12) return ` (out of reach here: knowing every unit's shape, a forecaster is ${pct(r.shapeKnown.mae / r.mae.mean12 - 1)})`;
    if (r.levelToo.mae > 0.97 * r.mae.mean12) return ` (out of reach here: knowing trends and the calendar, learning levels and season, a forecaster is ${pct(r.levelToo.mae / r.mae.mean12 - 1)})`;
  }
  return '';
}

const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
