import { describe, expect, it } from 'vitest';
import { World } from '../world/world.ts';
import { buildOfficers, buildPopulation } from '../world/population.ts';
import { TOWNS } from '../world/geography.ts';
import { U } from '../world/reference.ts';
import { AccidentGrid, backgroundAccidents } from './accidents.ts';
import { expectedAccidents } from '../accident-season.ts';
import { dayOf } from '../time.ts';

describe('background accidents', () => {
  // The planted sites' exclusion zones (more of them at a larger scale) must not move a unit's accidents to
  // other units: the history and the truth's expected counts, which the forecast is scored on, have no zones.
  it('keeps each unit at its expected count when planted sites exclude part of its area', () => {
    const w = new World({ seed: 1, scale: 0.2, start: dayOf('2021-01-01'), months: 1 });
    buildOfficers(w);
    buildPopulation(w);
    // Large zones (10 km) over the centre of 榆次 (the three 直属 brigades' town) and one over 太谷's seat.
    const yuci = TOWNS[0], taigu = TOWNS.find((t) => t.unit === U.taigu)!;
    w.exclusion.push({ lon: yuci.lon, lat: yuci.lat, r: 10_000 }, { lon: taigu.lon, lat: taigu.lat, r: 10_000 });
    backgroundAccidents(w, new AccidentGrid());
    const got = new Map<string, number>();
    for (const a of w.accidents) { const u = (a.row as { unit_code: string }).unit_code; got.set(u, (got.get(u) ?? 0) + 1); }
    const expected = expectedAccidents(0.2, w.from, w.to + 1).get('2021-01')!;
    for (const unit of [U.zs1, U.zs2, U.zs3, U.taigu]) {
      const e = expected.get(unit)!, g = got.get(unit) ?? 0;
      // Within 4 Poisson standard deviations (a unit that lost the zone's share would be 20–60 % short).
      expect(Math.abs(g - e), `${unit}: ${g} against ${e.toFixed(1)} expected`).toBeLessThan(4 * Math.sqrt(e));
    }
  });
});
