import { describe, expect, it } from 'vitest';
import { checks, drawSeries, forecastEval, formatEval, shapeKnown, VARIANTS, type EvalRow } from './forecast-eval.ts';
import { monthIndex } from '../time/index.ts';

describe('forecast:eval', () => {
  it('draws each setting from the demo intensity, the same for the same seed', () => {
    const [demo, flat, varied] = VARIANTS;
    const a = drawSeries(demo, 1, 30, '2021-06', 0.02), b = drawSeries(demo, 1, 30, '2021-06', 0.02);
    expect(a).toEqual(b);
    expect(a.history.last).toBe(monthIndex('2021-06'));
    expect(a.history.last - a.history.first + 1).toBe(30);
    expect(a.history.units).toHaveLength(15);
    // The few-accident units: 事故处理大队 as in the demo, and 榆社 cut down in the varied setting.
    const monthly = (s: typeof a, unit: string) => [...s.oracle.get(unit)!.values()].reduce((x, y) => x + y, 0) / 30;
    expect(monthly(a, '140700011500')).toBeGreaterThan(2);
    expect(monthly(a, '140700011500')).toBeLessThan(3);
    const v = drawSeries(varied, 1, 30, '2021-06', 0.02);
    expect(monthly(v, '140700011000')).toBeGreaterThan(2);
    expect(monthly(v, '140700011000')).toBeLessThan(3);
    // Without trends, a unit's expected count in a month of year is the same each year (up to the calendar).
    const f = drawSeries(flat, 1, 30, '2021-06', 0.02);
    const jiexiu = f.oracle.get('140700010200')!;
    expect(jiexiu.get(monthIndex('2021-05'))! / jiexiu.get(monthIndex('2020-05'))!).toBeCloseTo(1, 1);
    expect(a.oracle.get('140700010200')!.get(monthIndex('2021-05'))! / a.oracle.get('140700010200')!.get(monthIndex('2020-05'))!).toBeLessThan(0.96);
  });

  it('prints one row per setting with the ratios to the oracle and the targets', async () => {
    const rows = await forecastEval({ seeds: [1], histories: [18], variants: ['demo'], origins: 4 });
    expect(rows).toHaveLength(1);
    const [r] = rows;
    expect(r.cells).toBe(60);
    expect(r.mae.model / r.oracle.mae).toBeGreaterThan(0.7);
    expect(r.mae.model / r.oracle.mae).toBeLessThan(1.6);
    expect(checks(r)).toHaveLength(5);
    const text = formatEval(rows);
    expect(text).toContain('model÷oracle');
    expect(text).toMatch(/^demo +18 mo +60 /m);
    expect(text).toContain('citywide monthly total');
    expect(text).toMatch(/^demo +18 mo +4 /m);
    expect(r.shapeKnown.mae).toBeGreaterThan(0);
  });

  it('scores the shape-known forecaster: exact on a series without noise, off only by the level it learns', () => {
    const { history, oracle } = drawSeries(VARIANTS[0], 2, 30, '2021-06', 0.02);
    // The series equal to its expected counts: knowing the shape, the level learnt is exact.
    const exact = { ...history, counts: oracle };
    expect(shapeKnown(exact, oracle, 12, 18)).toEqual({ absSum: expect.closeTo(0, 9), totalAbsSum: expect.closeTo(0, 9) });
    // Every count doubled: the level learnt doubles, so the forecast is exact again.
    const doubled = new Map([...oracle].map(([u, m]) => [u, new Map([...m].map(([k, v]) => [k, 2 * v]))]));
    expect(shapeKnown({ ...history, counts: doubled }, oracle, 12, 18).absSum).toBeCloseTo(0, 9);
    // On the Poisson draw it errs, by about the oracle's error.
    const drawn = shapeKnown(history, oracle, 12, 18);
    let oracleAbs = 0;
    for (let m = history.last - 11; m <= history.last; m++) for (const u of history.units) oracleAbs += Math.abs(oracle.get(u)!.get(m)! - history.counts.get(u)!.get(m)!);
    expect(drawn.absSum / oracleAbs).toBeGreaterThan(0.9);
    expect(drawn.absSum / oracleAbs).toBeLessThan(1.2);
  });

  it('says when a missed target is out of reach even for a forecaster that is given more than the model', () => {
    const row = (o: { shape?: number; levelToo?: number; city?: number; ref?: number }): EvalRow => ({
      variant: 'flat', history: 18, seeds: [1], cells: 10, months: 1,
      mae: { model: 1.0, mean12: 1.0, seasonalNaive: 1.3, lastMonth: 1.3 }, totalMae: { model: o.city ?? 5, mean12: 6, seasonalNaive: 7, lastMonth: 8 },
      oracle: { mae: 0.95, totalMae: 4.8 }, shapeKnown: { mae: o.shape ?? 0.95, totalMae: 4.9 }, coverage: 0.8, totalCoverage: 0.8,
      seasonUnknown: { ml: { mae: 0.97, totalMae: 6 }, pooled: { mae: 0.97, totalMae: 5.8 }, prior: { mae: 0.96, totalMae: o.ref ?? 5 } },
      levelToo: { mae: o.levelToo ?? 0.96, totalMae: 5 },
    });
    expect(formatEval([row({ shape: 0.99 })])).toMatch(/MISSED flat 18 mo: unit ≥ 3 % below mean of 12 \(out of reach here: knowing every unit's shape.*-1\.0%\)/);
    expect(formatEval([row({ levelToo: 0.985 })])).toMatch(/MISSED flat 18 mo: unit ≥ 3 % below mean of 12 \(out of reach here: knowing trends and the calendar.*-1\.5%\)/);
    expect(formatEval([row({})])).toMatch(/MISSED flat 18 mo: unit ≥ 3 % below mean of 12\n/);
    // Citywide 5.6 ÷ 4.8 = 1.17 > 1.12: beyond the data when the best reference is above 1.12 too (5.4 ÷ 4.8 = 1.125), not when it is below.
    expect(formatEval([row({ city: 5.6, ref: 5.4 })])).toMatch(/MISSED flat 18 mo: citywide ÷ oracle ≤ 1\.12 \(out of reach here: knowing all but the month-of-year factors, a forecaster is at 1\.13\)/);
    expect(formatEval([row({ city: 5.6, ref: 5.2 })])).toMatch(/MISSED flat 18 mo: citywide ÷ oracle ≤ 1\.12\n/);
    expect(formatEval([row({})])).toContain('season-unknown reference');
  });
});
