import { describe, expect, it } from 'vitest';
import { openStore } from '../store/db.ts';
import { insertSeries } from '../../test/support/accident-series.ts';
import { forecastJsonl, forecastMonth, saveForecast } from './forecast.ts';
import { backtest, oracleFromTruth } from './backtest.ts';
import { monthIndex, monthOf } from '../time/index.ts';
import { countInterval, lgamma, nbQuantile } from './glm.ts';
import { monthCalendars, type History } from './history.ts';
import { fitHistory, forecastTotal, forecastUnits } from './model.ts';
import { Rng } from '../demo/rng.ts';

const SEASON = [1.0, 0.7, 0.9, 1.0, 1.1, 1.0, 1.1, 1.2, 1.0, 1.3, 1.1, 1.0];

describe('the negative-binomial pieces', () => {
  it('computes log-gamma and Poisson/NB quantiles', () => {
    expect(lgamma(5)).toBeCloseTo(Math.log(24), 10);
    expect(lgamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 10);
    // Poisson(10): P(Y ≤ 5) = 0.067, P(Y ≤ 6) = 0.130, P(Y ≤ 13) = 0.864, P(Y ≤ 14) = 0.917.
    expect(nbQuantile(10, 0, 0.1)).toBe(6);
    expect(nbQuantile(10, 0, 0.9)).toBe(14);
    // Overdispersion widens the interval.
    expect(nbQuantile(10, 0.5, 0.9)).toBeGreaterThan(14);
    expect(nbQuantile(10, 0.5, 0.1)).toBeLessThan(6);
  });

  it('gives the count interval whose probability is nearest 80 %, not the plain quantiles', () => {
    // Poisson(5): the 10 % and 90 % quantiles are 2 and 8, which hold 89 % of it; 3…8 holds 80.7 %.
    expect([nbQuantile(5, 0, 0.1), nbQuantile(5, 0, 0.9)]).toEqual([2, 8]);
    expect(countInterval(5, 0)).toEqual({ low: 3, high: 8 });
    const pois = (m: number, k: number) => Math.exp(k * Math.log(m) - m - lgamma(k + 1));
    const mass = (m: number, lo: number, hi: number) => { let p = 0; for (let k = lo; k <= hi; k++) p += pois(m, k); return p; };
    for (const m of [2.5, 5, 12, 40]) {
      const { low, high } = countInterval(m, 0);
      expect(Math.abs(mass(m, low, high) - 0.8), String(m)).toBeLessThanOrEqual(Math.abs(mass(m, nbQuantile(m, 0, 0.1), nbQuantile(m, 0, 0.9)) - 0.8) + 1e-12);
      expect(low).toBeLessThanOrEqual(m);
      expect(high).toBeGreaterThanOrEqual(m);
    }
  });

  it('counts the Spring Festival holiday and the ten days before it (春运) in each month', async () => {
    const store = await openStore(':memory:');
    // 2021: the holiday 11–17 February, so 1–10 February are the days before it.
    const { monthIndex } = await import('../time/index.ts');
    const c = await monthCalendars(store, monthIndex('2021-01'), monthIndex('2021-03'));
    expect(c.get(monthIndex('2021-02'))).toMatchObject({ festival: 7, preFestival: 10 });
    expect(c.get(monthIndex('2021-01'))).toMatchObject({ festival: 0, preFestival: 0 });
    expect(c.get(monthIndex('2021-03'))).toMatchObject({ festival: 0, preFestival: 0 });
    store.close();
  });
});

describe('forecast', () => {
  it('forecasts each unit from the accidents before the month only, one contract line per unit', async () => {
    const store = await openStore(':memory:');
    await insertSeries(store, { units: { U1: 20, U2: 5, U3: 40 }, from: '2019-01', months: 36, seed: 3 });
    const a = await forecastMonth(store, '2022-01');
    expect(a.ok).toBe(true);
    if (!a.ok) return;
    expect(a.historyTo).toBe('2021-12');
    expect(a.lines.map((l) => l.unit)).toEqual(['U1', 'U2', 'U3']);
    for (const l of a.lines) {
      expect(l.low).toBeLessThanOrEqual(l.expected);
      expect(l.high).toBeGreaterThanOrEqual(l.expected);
      expect(Number.isInteger(l.low) && Number.isInteger(l.high)).toBe(true);
    }
    const u3 = a.lines.find((l) => l.unit === 'U3')!;
    expect(u3.expected).toBeGreaterThan(30);
    expect(u3.expected).toBeLessThan(50);
    const jsonl = forecastJsonl(a.lines).trim().split('\n').map((s) => JSON.parse(s));
    expect(Object.keys(jsonl[0])).toEqual(['unit', 'month', 'expected', 'low', 'high']);
    expect(jsonl[0].month).toBe('2022-01');

    // Accidents of the month itself and later change nothing.
    await insertSeries(store, { units: { U1: 500, U4: 9 }, from: '2022-01', months: 3, seed: 4 });
    const b = await forecastMonth(store, '2022-01');
    expect(b).toEqual(a);
    store.close();
  });

  it('leaves out a last month the data cover only in part', async () => {
    const store = await openStore(':memory:');
    await insertSeries(store, { units: { U1: 30 }, from: '2020-01', months: 24, seed: 5 });
    await store.run(`INSERT INTO accidents (accident_id, occurred_at, unit_code, procedure, status) VALUES ('P1', TIMESTAMP '2022-01-03 10:00:00', 'U1', '简易程序', '已结案')`);
    const r = await forecastMonth(store, '2022-03');
    expect(r.ok && r.historyTo).toBe('2021-12');
    store.close();
  });

  it('says so when there is no history', async () => {
    const store = await openStore(':memory:');
    const r = await forecastMonth(store, '2022-01');
    expect(r).toMatchObject({ ok: false, kind: 'conflict' });
    store.close();
  });

  it('stores every forecast made', async () => {
    const store = await openStore(':memory:');
    await insertSeries(store, { units: { U1: 10, U2: 12 }, from: '2020-01', months: 24, seed: 6 });
    const r = await forecastMonth(store, '2022-01');
    if (!r.ok) throw new Error(r.error);
    expect(await saveForecast(store, r)).toBe(1);
    expect(await saveForecast(store, r)).toBe(2);
    const rows = await store.all<{ forecast_id: number; n: number }>('SELECT forecast_id, count(*)::INTEGER AS n FROM forecasts WHERE month = $1 GROUP BY 1 ORDER BY 1', ['2022-01']);
    expect(rows).toEqual([{ forecast_id: 1, n: 2 }, { forecast_id: 2, n: 2 }]);
    store.close();
  });

  it('backtests on a seasonal series: beats the three baselines and its 80% interval holds about 80%', async () => {
    const store = await openStore(':memory:');
    const units: Record<string, number> = {};
    for (let i = 0; i < 12; i++) units[`U${i}`] = 6 + 4 * i;
    await insertSeries(store, { units, from: '2018-01', months: 48, season: SEASON, seed: 7 });
    const r = await backtest(store, 12);
    if ('error' in r) throw new Error(r.error);
    expect(r.months.map((m) => m.month)).toEqual(['2021-01', '2021-02', '2021-03', '2021-04', '2021-05', '2021-06', '2021-07', '2021-08', '2021-09', '2021-10', '2021-11', '2021-12']);
    expect(r.cells).toBe(144);
    expect(r.mae.model).toBeLessThan(r.mae.seasonalNaive);
    expect(r.mae.model).toBeLessThan(r.mae.mean12);
    expect(r.mae.model).toBeLessThan(r.mae.lastMonth);
    expect(r.coverage).toBeGreaterThan(0.7);
    expect(r.coverage).toBeLessThan(0.95);
    expect(r.oracle).toBeUndefined();

    // Measured against the rates the series was drawn from: no forecaster beats them for long.
    const expected: Record<string, Record<string, number>> = {};
    for (let m = monthIndex('2018-01'); m <= monthIndex('2021-12'); m++) {
      expected[monthOf(m)] = Object.fromEntries(Object.entries(units).map(([u, rate]) => [u, rate * SEASON[m % 12]]));
    }
    const oracle = oracleFromTruth({ accidentsExpected: expected });
    const o = await backtest(store, 12, undefined, oracle ?? undefined);
    if ('error' in o || !o.oracle) throw new Error('no oracle');
    expect(o.mae).toEqual(r.mae);
    expect(o.oracle.mae).toBeLessThan(r.mae.model);
    expect(r.mae.model / o.oracle.mae).toBeLessThan(1.3);
    expect(o.oracle.totalMae).toBeGreaterThan(0);
    // Without a unit-month in the truth there is no oracle figure (not a partial one).
    delete expected['2021-05'];
    const partial = await backtest(store, 12, undefined, oracleFromTruth({ accidentsExpected: expected }) ?? undefined);
    expect('error' in partial || partial.oracle).toBeUndefined();
    store.close();
  });

  it('reads the oracle from a demo truth file and refuses anything else', () => {
    expect(oracleFromTruth({ accidentsExpected: { '2021-01': { U1: 2.5 } } })?.get('U1')?.get(monthIndex('2021-01'))).toBe(2.5);
    expect(oracleFromTruth({ planted: [] })).toBeNull();
    expect(oracleFromTruth(null)).toBeNull();
    expect(oracleFromTruth({ accidentsExpected: { '2021-13': { U1: 1 } } })).toBeNull();
    expect(oracleFromTruth({ accidentsExpected: { '2021-01': { U1: 'x' } } })).toBeNull();
  });

  it('refuses a backtest without 13 complete months', async () => {
    const store = await openStore(':memory:');
    await insertSeries(store, { units: { U1: 10 }, from: '2021-01', months: 12 });
    const r = await backtest(store, 12);
    expect('error' in r && r.error).toMatch(/历史不足/);
    store.close();
  });

  it('gives the citywide total an interval with the variance the units share (the season), not as if they were independent', async () => {
    // 15 units of 40 a month, 14 months: the target's month of year is seen once, so the season is uncertain
    // by several per cent, the same for every unit: on a total of ~600 that is more than its Poisson noise.
    const r = new Rng(5);
    const first = monthIndex('2020-01'), last = first + 13;
    const units = Array.from({ length: 15 }, (_, i) => `U${String(i).padStart(2, '0')}`);
    const counts = new Map(units.map((u) => {
      const m = new Map<number, number>();
      for (let k = first; k <= last; k++) { let n = 0; for (let d = 0; d < 40; d++) n += r.next() < 0.5 ? 1 : 0; m.set(k, n + 20 + r.int(3)); }
      return [u, m];
    }));
    const h: History = { units, counts, firstOf: new Map(units.map((u) => [u, first])), first, last };
    const store = await openStore(':memory:');
    const calendars = await monthCalendars(store, first, last + 1);
    store.close();
    const fitted = fitHistory(h, last, calendars)!;
    const cal = calendars.get(last + 1)!;
    const total = forecastTotal(fitted, last + 1, cal);
    const sum = forecastUnits(fitted, last + 1, cal).reduce((s, f) => s + f.expected, 0);
    expect(Math.abs(total.expected - sum)).toBeLessThan(1);
    expect(total.low).toBeLessThan(total.expected);
    expect(total.high).toBeGreaterThan(total.expected);
    // A Poisson count of the same mean (what the units' counts alone would give) has a far narrower interval.
    const poisson = countInterval(total.expected, 0);
    expect(total.high - total.low).toBeGreaterThan(1.3 * (poisson.high - poisson.low));
  });
});
