// The forecast model: monthly accidents of unit u in month t,
//
//   log E[y] = log(days in t) + b0 + a_u + (c + d_u)·τ + s_(month of year) + h·(holidays − h̄) + w·(working days − w̄)
//
// pooled over all units (negative binomial, forecast-glm.ts). τ is time in years before the last month
// of the history. Ridge priors (sd on the log scale): unit level 1, common trend 0.5/yr, unit trend
// 0.15/yr, month of year 0.22, a holiday or working day 0.1. They were set from what is plausible for
// accident counts, not fitted to the backtest.
import { fitNegBin, predict, type GlmFit } from './forecast-glm.ts';
import type { History, MonthCalendar } from './forecast-history.ts';

const PRIOR_PRECISION = { unit: 1, trend: 4, unitTrend: 45, season: 20, calendar: 100 } as const;

export interface UnitForecast { unit: string; expected: number; low: number; high: number }

interface Layout { units: string[]; p: number; unit(u: number): number; unitTrend(u: number): number; season(m: number): number; trend: number; hol: number; work: number }

function layout(units: string[]): Layout {
  const U = units.length;
  return {
    units, p: 1 + U + 1 + U + 12 + 2,
    unit: (u) => 1 + u, trend: 1 + U, unitTrend: (u) => 2 + U + u, season: (m) => 2 + 2 * U + m,
    hol: 14 + 2 * U, work: 15 + 2 * U,
  };
}

function row(l: Layout, u: number, month: number, last: number, cal: MonthCalendar, means: { hol: number; work: number }): Float64Array {
  const r = new Float64Array(l.p);
  const tau = (month - last) / 12;
  r[0] = 1;
  r[l.unit(u)] = 1;
  r[l.trend] = tau;
  r[l.unitTrend(u)] = tau;
  r[l.season(month % 12)] = 1;
  r[l.hol] = cal.holidays - means.hol;
  r[l.work] = cal.workdays - means.work;
  return r;
}

export interface Fitted { fit: GlmFit; layout: Layout; last: number; means: { hol: number; work: number } }

/** Fit on the months first..last of the history (each unit from its first accident on). Null when there is no data. */
export function fitHistory(h: History, last: number, calendars: ReadonlyMap<number, MonthCalendar>): Fitted | null {
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
  let hol = 0, work = 0, nm = 0;
  for (let m = h.first; m <= last; m++) { hol += cal(m).holidays; work += cal(m).workdays; nm++; }
  const means = { hol: hol / nm, work: work / nm };
  const n = cells.length;
  const x = new Float64Array(n * l.p), y = new Float64Array(n), offset = new Float64Array(n);
  cells.forEach((c, i) => {
    x.set(row(l, c.u, c.m, last, cal(c.m), means), i * l.p);
    y[i] = c.y;
    offset[i] = Math.log(cal(c.m).days);
  });
  const penalty = new Float64Array(l.p);
  for (let u = 0; u < h.units.length; u++) { penalty[l.unit(u)] = PRIOR_PRECISION.unit; penalty[l.unitTrend(u)] = PRIOR_PRECISION.unitTrend; }
  penalty[l.trend] = PRIOR_PRECISION.trend;
  for (let m = 0; m < 12; m++) penalty[l.season(m)] = PRIOR_PRECISION.season;
  penalty[l.hol] = PRIOR_PRECISION.calendar;
  penalty[l.work] = PRIOR_PRECISION.calendar;
  return { fit: fitNegBin({ x, n, p: l.p, y, offset, penalty }), layout: l, last, means };
}

/** Forecast every unit of the fitted history for month index `target`, with a `level` interval. */
export function forecastUnits(f: Fitted, target: number, cal: MonthCalendar, level = 0.8): UnitForecast[] {
  return f.layout.units.map((unit, u) => {
    const p = predict(f.fit, row(f.layout, u, target, f.last, cal, f.means), Math.log(cal.days), level);
    return { unit, expected: Math.round(p.mean * 10) / 10, low: p.low, high: p.high };
  });
}
