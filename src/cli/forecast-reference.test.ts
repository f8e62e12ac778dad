import { describe, expect, it } from 'vitest';
import { estimateMonthFactors, seasonUnknown, SEASON_ESTIMATORS } from './forecast-reference.ts';
import { drawSeries, VARIANTS } from './forecast-eval.ts';
import { MONTH_FACTOR } from '../demo/accident-season.ts';
import type { History } from '../forecast/history.ts';

const F = [1.0, 0.8, 0.9, 1.0, 1.1, 1.0, 1.1, 1.2, 1.0, 1.2, 1.0, 1.1];

describe('season-unknown reference', () => {
  it('recovers the month-of-year factors from counts that equal their expectation, and falls back for a month not seen', () => {
    const e = F.map(() => 1e7), y = F.map((f) => f * 1e7);
    for (const how of SEASON_ESTIMATORS) estimateMonthFactors(y, e, how).forEach((f, m) => expect(f).toBeCloseTo(F[m], 3));
    // March not seen: maximum likelihood and the pooled estimate give the other months' mean factor, the prior its curve.
    const e2 = e.map((v, m) => (m === 2 ? 0 : v));
    const mean = F.reduce((s, f, m) => s + (m === 2 ? 0 : f), 0) / 11;
    expect(estimateMonthFactors(y, e2, 'ml')[2]).toBeCloseTo(mean, 6);
    expect(estimateMonthFactors(y, e2, 'pooled')[2]).toBeCloseTo(mean, 6);
    expect(estimateMonthFactors(y, e2, 'prior')[2]).toBeGreaterThan(0.8);
    expect(estimateMonthFactors(y, e2, 'prior')[2]).toBeLessThan(1.1);
    expect(estimateMonthFactors([], [], 'prior')).toEqual(Array(12).fill(1));
  });

  it('shrinks a month seen with few counts towards the others (pooled), the plain estimate does not', () => {
    // Eleven months at factor 1 with plenty of counts, March seen once with 30 against 20 expected.
    const e = F.map((_, m) => (m === 2 ? 20 : 1000)), y = F.map((_, m) => (m === 2 ? 30 : 1000 + (m % 2 ? 40 : -40)));
    expect(estimateMonthFactors(y, e, 'ml')[2]).toBeCloseTo(1.5, 9);
    const pooled = estimateMonthFactors(y, e, 'pooled')[2];
    expect(pooled).toBeGreaterThan(1);
    expect(pooled).toBeLessThan(1.2);
  });

  it('is exact on a series equal to its expected counts, with or without learning the levels', () => {
    // Two units, 30 months, the generator's factors; a level of 10 and 4 a month and a calendar wobble.
    const first = 100, last = 129, units = ['a', 'b'];
    const oracle = new Map(units.map((u, i) => [u, new Map(Array.from({ length: 30 }, (_, k) => {
      const m = first + k;
      return [m, (i ? 4 : 10) * MONTH_FACTOR[m % 12] * (1 + 0.05 * Math.sin(m))] as [number, number];
    }))]));
    const h: History = { units, counts: oracle, firstOf: new Map(units.map((u) => [u, first])), first, last };
    // (The shrinking estimators take part of an exact series' spread between months for Poisson noise.)
    expect(seasonUnknown(h, oracle, MONTH_FACTOR, { origins: 12, window: 18, how: 'ml' })).toEqual({ absSum: expect.closeTo(0, 9), totalAbsSum: expect.closeTo(0, 9) });
    // Every count doubled: learning the levels (or, with them known, a factor twice as large) is exact again.
    const doubled = new Map([...oracle].map(([u, m]) => [u, new Map([...m].map(([k, v]) => [k, 2 * v]))]));
    expect(seasonUnknown({ ...h, counts: doubled }, oracle, MONTH_FACTOR, { origins: 12, window: 18, how: 'ml', learnLevel: true }).absSum).toBeCloseTo(0, 6);
    expect(seasonUnknown({ ...h, counts: doubled }, oracle, MONTH_FACTOR, { origins: 12, window: 18, how: 'ml' }).absSum).toBeCloseTo(0, 9);
    // Only unit a doubled: with the levels known the factors are wrong for both; learning them, exact.
    const one = new Map([...oracle].map(([u, m]) => [u, u === 'a' ? doubled.get('a')! : m]));
    expect(seasonUnknown({ ...h, counts: one }, oracle, MONTH_FACTOR, { origins: 12, window: 18, how: 'ml' }).absSum).toBeGreaterThan(10);
    expect(seasonUnknown({ ...h, counts: one }, oracle, MONTH_FACTOR, { origins: 12, window: 18, how: 'ml', learnLevel: true }).absSum).toBeCloseTo(0, 6);
  });

  it('on the Poisson draws, errs more than the oracle and less with 36 months than with 18', () => {
    const ratio = (window: number) => {
      let ref = 0, oracleAbs = 0;
      for (const seed of [1, 2, 3, 4]) {
        const { history, oracle } = drawSeries(VARIANTS[1], seed, window + 12, '2021-06', 0.02);
        ref += seasonUnknown(history, oracle, MONTH_FACTOR, { origins: 12, window, how: 'ml' }).totalAbsSum;
        for (let m = history.last - 11; m <= history.last; m++) {
          let g = 0, y = 0;
          for (const u of history.units) { g += oracle.get(u)!.get(m)!; y += history.counts.get(u)!.get(m)!; }
          oracleAbs += Math.abs(g - y);
        }
      }
      return ref / oracleAbs;
    };
    const short = ratio(18), long = ratio(36);
    expect(short).toBeGreaterThan(1.1);
    expect(long).toBeGreaterThan(0.9);
    expect(long).toBeLessThan(short);
  });
});
