import { describe, expect, it } from 'vitest';
import { checks, drawSeries, forecastEval, formatEval, VARIANTS } from './forecast-eval.ts';
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
  });
});
