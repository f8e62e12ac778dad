// The demo's period accidents keep each unit's share when the anti-clustering grid fills up (at a
// city's scale it did not: a year's accidents moved out of the busy 榆次 units month by month, and the
// forecast's backtest measured the generator, not the model).
import { describe, expect, it } from 'vitest';
import { World } from '../src/demo/world/world.ts';
import { buildOfficers } from '../src/demo/world/population.ts';
import { AccidentGrid, backgroundAccidents } from '../src/demo/background/accidents.ts';
import { expectedAccidents } from '../src/demo/accident-season.ts';
import { dayOf } from '../src/demo/time.ts';
import { U } from '../src/demo/world/reference.ts';

describe('the period\'s accidents', () => {
  it('stay in their unit when the grid refuses a crowded place', () => {
    const w = new World({ seed: 3, scale: 0.05, start: dayOf('2021-03-01'), months: 1 });
    buildOfficers(w);
    // 榆次 full: eight earlier accidents every 300 m over 40 km × 40 km around the town.
    const grid = new AccidentGrid();
    for (let i = -66; i <= 66; i++) for (let j = -66; j <= 66; j++) {
      for (let k = 0; k < 8; k++) grid.add(112.752 + (i * 0.3) / 88.6, 37.697 + (j * 0.3) / 111, false);
    }
    backgroundAccidents(w, grid);
    const yuci = [U.zs1, U.zs2, U.zs3] as string[];
    const got = w.accidents.filter((a) => yuci.includes(a.row.unit_code as string)).length;
    const e = [...expectedAccidents(0.05, w.from, w.to + 1).get('2021-03')!].filter(([u]) => yuci.includes(u)).reduce((s, [, x]) => s + x, 0);
    // About 30 expected; the period's total is fixed, so a Poisson bound is generous.
    expect(e).toBeGreaterThan(25);
    expect(Math.abs(got - e)).toBeLessThan(4 * Math.sqrt(e));
  });
});
