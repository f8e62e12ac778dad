// The forecast model: monthly accidents of unit u in month t,
//
//   log E[y] = log(days in t) + b0 + a_u + (c + d_u)·τ + Σk (αk cos + βk sin)(2πk·month/12) + s_(month of year)
//              + h·(holidays − h̄) + w·(working days − w̄) + f·(festival days − f̄) + g·(days before the festival − ḡ)
//
// pooled over all units (negative binomial, forecast-glm.ts). τ is time in years before the last month
// of the history. Every coefficient but b0 has a ridge prior (a Gaussian centred on 0), so unit levels and
// unit trends are shrunk towards the common ones, and the month of year towards a smooth seasonal curve
// (two harmonics, k = 1, 2). The priors were chosen by the rolling-origin backtests of `npm run forecast:eval`
// (docs/FORECAST.md), never on the month forecast.
import { combinationVariance, countInterval, fitNegBin, predict, type GlmFit } from './glm.ts';
import type { History, MonthCalendar } from './history.ts';

/** Prior precision (1/sd² on the log scale) of each kind of coefficient. */
export const PRIOR_PRECISION: Priors = { unit: 1, trend: 1000, unitTrend: 400, season: 300, harmonic: 600, calendar: 10000 };
export interface Priors { unit: number; trend: number; unitTrend: number; season: number; harmonic: number; calendar: number }

export interface UnitForecast { unit: string; expected: number; low: number; high: number }

interface Layout {
  units: string[]; p: number; unit(u: number): number; unitTrend(u: number): number; season(m: number): number;
  trend: number; hol: number; work: number; fest: number; pre: number; harm: number;
}

function layout(units: string[]): Layout {
  const U = units.length;
  const season = 2 + 2 * U, cal = season + 12;
  return {
    units, p: cal + 8, harm: cal + 4,
    unit: (u) => 1 + u, trend: 1 + U, unitTrend: (u) => 2 + U + u, season: (m) => season + m,
    hol: cal, work: cal + 1, fest: cal + 2, pre: cal + 3,
  };
}

type Means = { hol: number; work: number; fest: number; pre: number };

function row(l: Layout, u: number, month: number, last: number, cal: MonthCalendar, means: Means): Float64Array {
  const r = new Float64Array(l.p);
  const tau = (month - last) / 12;
  r[0] = 1;
  r[l.unit(u)] = 1;
  r[l.trend] = tau;
  r[l.unitTrend(u)] = tau;
  r[l.season(month % 12)] = 1;
  r[l.hol] = cal.holidays - means.hol;
  r[l.work] = cal.workdays - means.work;
  r[l.fest] = cal.festival - means.fest;
  r[l.pre] = cal.preFestival - means.pre;
  for (let k = 0; k < 2; k++) { const a = (2 * Math.PI * (k + 1) * (month % 12)) / 12; r[l.harm + 2 * k] = Math.cos(a); r[l.harm + 2 * k + 1] = Math.sin(a); }
  return r;
}

export interface Fitted { fit: GlmFit; layout: Layout; last: number; means: Means }

/** Fit on the months first..last of the history (each unit from its first accident on). Null when there is no data. */
export function fitHistory(h: History, last: number, calendars: ReadonlyMap<number, MonthCalendar>, priors: Priors = PRIOR_PRECISION): Fitted | null {
  const l = layout(h.units);
  const cells: { u: number; m: number; y: number }[] = [];
  h.units.forEach((unit, u) => {
    const from = Math.max(h.first, h.firstOf.get(unit) ?? h.first);
    for (let m = from; m <= last; m++) cells.push({ u, m, y: h.counts.get(unit)?.get(m) ?? 0 });
  });
  if (cells.length === 0) return null;
  const cal = (m: number) => {
    const c = calendars.get(m);
    if (!c) throw new Error(`forecast: no calendar for month index ${m}`);
    return c;
  };
  const means: Means = { hol: 0, work: 0, fest: 0, pre: 0 };
  let nm = 0;
  for (let m = h.first; m <= last; m++) {
    const c = cal(m);
    means.hol += c.holidays; means.work += c.workdays; means.fest += c.festival; means.pre += c.preFestival; nm++;
  }
  for (const k of ['hol', 'work', 'fest', 'pre'] as const) means[k] /= nm;
  const n = cells.length;
  const x = new Float64Array(n * l.p), y = new Float64Array(n), offset = new Float64Array(n);
  cells.forEach((c, i) => {
    x.set(row(l, c.u, c.m, last, cal(c.m), means), i * l.p);
    y[i] = c.y;
    offset[i] = Math.log(cal(c.m).days);
  });
  const P = priors;
  const penalty = new Float64Array(l.p);
  for (let u = 0; u < h.units.length; u++) { penalty[l.unit(u)] = P.unit; penalty[l.unitTrend(u)] = P.unitTrend; }
  penalty[l.trend] = P.trend;
  for (let m = 0; m < 12; m++) penalty[l.season(m)] = P.season;
  for (const k of [l.hol, l.work, l.fest, l.pre]) penalty[k] = P.calendar;
  for (let k = 0; k < 4; k++) penalty[l.harm + k] = P.harmonic;
  return { fit: fitNegBin({ x, n, p: l.p, y, offset, penalty }), layout: l, last, means };
}

/** Forecast every unit of the fitted history for month index `target`, with a `level` interval. */
export function forecastUnits(f: Fitted, target: number, cal: MonthCalendar, level = 0.8): UnitForecast[] {
  return f.layout.units.map((unit, u) => {
    const p = predict(f.fit, row(f.layout, u, target, f.last, cal, f.means), Math.log(cal.days), level);
    return { unit, expected: Math.round(p.mean * 10) / 10, low: p.low, high: p.high };
  });
}

/**
 * The citywide total of month `target`: the sum of the unit forecasts, and a `level` interval with the
 * total's own variance. The units share the season, the calendar terms and the common trend, so their
 * errors in those do not cancel in the sum: Var(total) = Σ (μ + αμ²) (each unit's count around its mean)
 * + g'Vg, the variance of Σ μ(β̂) from the coefficients' joint uncertainty (delta method, g = Σ μ·x).
 * Summing the unit intervals' variances instead would treat the shared season as independent per unit.
 */
export function forecastTotal(f: Fitted, target: number, cal: MonthCalendar, level = 0.8): { expected: number; low: number; high: number } {
  const g = new Float64Array(f.layout.p);
  let mean = 0, noise = 0;
  f.layout.units.forEach((_, u) => {
    const r = row(f.layout, u, target, f.last, cal, f.means);
    const mu = predict(f.fit, r, Math.log(cal.days), level).mean;
    mean += mu;
    noise += mu + f.fit.alpha * mu * mu;
    for (let j = 0; j < r.length; j++) g[j] += mu * r[j];
  });
  const variance = noise + combinationVariance(f.fit, g);
  const alpha = mean > 0 ? Math.max(0, (variance - mean) / (mean * mean)) : 0;
  return { expected: Math.round(mean * 10) / 10, ...countInterval(mean, alpha, level) };
}
