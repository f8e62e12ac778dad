// Planted cases and honest look-alikes of blackspot (the rule: src/rules/blackspot.ts).
import type { Rng } from '../rng.ts';
import { at } from '../time.ts';
import type { World } from '../world/world.ts';
import { TOWNS, ROADS, roadPoint, nearestTown, unitAt, round6 } from '../world/geography.ts';
import type { AccidentGrid } from '../background/accidents.ts';
import { accident, truth, lookalike } from './kit.ts';
import { haversineM } from '../../geo/distance.ts';

export function plantBlackspot(w: World, grid: AccidentGrid, r: Rng): void {
  const C = 'blackspot';
  const centres: { lon: number; lat: number }[] = [];
  // Sites lie 8 km apart (so no site's accidents — at most 1.5 km from its centre — reach another's). The county
  // seats and roads fill up (a town taken by a road site nearby, many sites at large scale): after a bounded number
  // of random tries the spacing is relaxed to 5 km (still > 2 × 1.5 km + the 500 m fatal radius), and after that a
  // fixed lattice over the region (widening outward) is scanned in order, so placement always ends deterministically.
  const taken = (lon: number, lat: number, minM: number) => centres.some((c) => haversineM(c.lon, c.lat, lon, lat) < minM);
  const centre = (town = false): { lon: number; lat: number; road: string; unit: string; county: string } => {
    const accept = (lon: number, lat: number, road: string, expressway: boolean) => {
      centres.push({ lon, lat });
      w.exclusion.push({ lon, lat, r: town ? 4000 : 2500 });
      return { lon, lat, road, unit: unitAt(lon, lat, expressway), county: nearestTown(lon, lat).county };
    };
    for (let tries = 0; tries < 2000; tries++) {
      let lon: number, lat: number, road: string, expressway = false;
      if (town) { const t = r.pick(TOWNS.slice(1)); lon = t.lon + r.normal() * 0.003; lat = t.lat + r.normal() * 0.003; road = t.streets[0]; }
      else { const rp = roadPoint(r, ROADS[r.int(ROADS.length)]); lon = rp.lon; lat = rp.lat; road = rp.road.name; expressway = rp.road.expressway; }
      if (taken(lon, lat, tries < 1000 ? 8000 : 5000)) continue;
      return accept(lon, lat, road, expressway);
    }
    const step = 0.06; // ≈ 5.3 km × 6.7 km
    for (let ring = 0; ring < 1000; ring++) {
      for (let i = -ring; i <= ring; i++) for (let j = -ring; j <= ring; j++) {
        if (Math.max(Math.abs(i), Math.abs(j)) !== ring) continue;
        const lon = round6(112.75 + i * step), lat = round6(37.35 + j * step);
        if (taken(lon, lat, 5000)) continue;
        return accept(lon, lat, nearestTown(lon, lat).streets[0], false);
      }
    }
    throw new Error('demo: no room for another blackspot site');
  };
  const around = (c: { lon: number; lat: number }, maxM: number) => {
    for (let tries = 0; tries < 1000; tries++) {
      const dx = r.uniform(-maxM, maxM), dy = r.uniform(-maxM, maxM);
      if (dx * dx + dy * dy > maxM * maxM) continue;
      return { lon: round6(c.lon + dx / 88_600), lat: round6(c.lat + dy / 111_000) };
    }
    return { lon: round6(c.lon), lat: round6(c.lat) };
  };
  const dayT = () => at(w.dayIn(r), r.between(6, 22), r.int(60), r.int(60));
  const put = (c: ReturnType<typeof centre>, p: { lon: number; lat: number }, fatal: boolean) => {
    grid.add(p.lon, p.lat, fatal);
    if (fatal) return accident(w, r, { t: dayT(), ...c, ...p, deaths: r.between(1, 2) });
    return r.chance(0.5)
      ? accident(w, r, { t: dayT(), ...c, ...p, procedure: '简易程序', officer: null })
      : accident(w, r, { t: dayT(), ...c, ...p, procedure: '简易程序' });
  };
  const mean = (ps: { lon: number; lat: number }[]) => `${(ps.reduce((a, p) => a + p.lon, 0) / ps.length).toFixed(6)},${(ps.reduce((a, p) => a + p.lat, 0) / ps.length).toFixed(6)}`;
  const nb = Math.max(3, Math.ceil(w.k / 2));
  for (let j = 0; j < nb; j++) {
    const c = centre();
    const ps = Array.from({ length: 11 + (j % 3) }, () => around(c, 70));
    for (const p of ps) put(c, p, false);
    truth(w, C, 'location', mean(ps), '(b) ≥10 accidents within 200 m');
  }
  for (let j = 0; j < nb; j++) {
    const c = centre();
    const ps = Array.from({ length: 3 + (j % 2) }, () => around(c, 120));
    for (const p of ps) put(c, p, true);
    truth(w, C, 'location', mean(ps), '(a) ≥3 fatal accidents pairwise within 500 m');
  }
  // Look-alikes.
  for (let j = 0; j < nb; j++) {
    const c = centre();
    const ps = Array.from({ length: 9 }, () => around(c, 70));
    for (const p of ps) put(c, p, false);
    lookalike(w, C, 'location', mean(ps), '9 accidents within 200 m (below 10)');
  }
  for (let j = 0; j < nb; j++) {
    const c = centre();
    const ps = [around(c, 100), around(c, 100)];
    for (const p of ps) put(c, p, true);
    lookalike(w, C, 'location', mean(ps), 'only 2 fatal accidents within 500 m');
  }
  for (let j = 0; j < nb; j++) {
    const c = centre();
    const ps = [-1, 0, 1].map((q) => ({ lon: round6(c.lon + (q * 460) / 88_600), lat: round6(c.lat) }));
    for (const p of ps) put(c, p, true);
    lookalike(w, C, 'location', mean(ps), '3 fatal accidents in a 920 m chain, not pairwise within 500 m');
  }
  for (let j = 0; j < Math.max(2, Math.ceil(nb / 2)); j++) {
    const c = centre(true);
    const ps: { lon: number; lat: number }[] = [];
    for (let q = 0; q < 35; q++) {
      for (let tries = 0; tries < 100; tries++) {
        const p = around(c, 1500);
        if (grid.ok(p.lon, p.lat, false)) { ps.push(p); put(c, p, false); break; }
      }
    }
    lookalike(w, C, 'location', mean(ps), `busy but spread-out town centre (${ps.length} accidents within 1.5 km)`);
  }
}
