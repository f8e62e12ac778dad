import { describe, expect, it } from 'vitest';
import { haversineM } from './distance.ts';
import { componentsWithin, countWithin, pairsWithin, pointsAround, type Coords } from './near.ts';

/** A deterministic generator of points: a dense town, loose clumps, scattered points, and pairs on the radius. */
function cloud(seed: number, lat0: number, r: number, opts: { outlier?: boolean } = {}): Coords {
  let x = seed;
  const rnd = () => { x = (x * 1664525 + 1013904223) % 4294967296; return x / 4294967296; };
  const mLat = 111195, mLon = 111195 * Math.cos((lat0 * Math.PI) / 180);
  const lon: number[] = [], lat: number[] = [];
  const add = (ex: number, ny: number) => { lon.push(112.5 + ex / mLon); lat.push(lat0 + ny / mLat); };
  for (let i = 0; i < 800; i++) { const a = rnd() * 2 * Math.PI, d = 4 * r * Math.sqrt(rnd()); add(20 * r + d * Math.cos(a), 20 * r + d * Math.sin(a)); }
  for (let c = 0; c < 30; c++) {
    const cx = rnd() * 60 * r, cy = rnd() * 60 * r;
    for (let i = 0, n = 2 + Math.floor(rnd() * 15); i < n; i++) add(cx + (rnd() - 0.5) * 3 * r, cy + (rnd() - 0.5) * 3 * r);
  }
  for (let i = 0; i < 300; i++) add(rnd() * 60 * r, rnd() * 60 * r);
  // Pairs whose distance is the radius to within a few ulps either way: the exact test must agree with haversineM.
  for (let i = 0; i < 40; i++) {
    const a = rnd() * 2 * Math.PI, ex = rnd() * 60 * r, ny = rnd() * 60 * r;
    add(ex, ny);
    const lon1 = lon[lon.length - 1], lat1 = lat[lat.length - 1];
    let lo = 0.99 * r, hi = 1.01 * r;
    for (let k = 0; k < 200; k++) {
      const mid = (lo + hi) / 2;
      const d = haversineM(lon1, lat1, lon1 + (mid * Math.cos(a)) / mLon, lat1 + (mid * Math.sin(a)) / mLat);
      if (d <= r) lo = mid; else hi = mid;
    }
    const t = i % 2 ? lo : hi;
    lon.push(lon1 + (t * Math.cos(a)) / mLon); lat.push(lat1 + (t * Math.sin(a)) / mLat);
  }
  // Far away (another province): the grid then keeps its cells in a sorted list instead of an array.
  if (opts.outlier) { lon.push(87.6); lat.push(43.8); lon.push(126.6); lat.push(45.8); }
  return { lon: Float64Array.from(lon), lat: Float64Array.from(lat) };
}

const within = (p: Coords, i: number, j: number, r: number) => haversineM(p.lon[i], p.lat[i], p.lon[j], p.lat[j]) <= r;

describe('points near each other, against every pair', () => {
  for (const [lat0, seed, outlier] of [[37.6, 3, false], [37.6, 5, true], [0.3, 9, false], [61, 11, true]] as const) {
    const r = 200;
    const p = cloud(seed, lat0, r, { outlier });
    const n = p.lon.length;
    const brute = Array.from({ length: n }, (_, i) => { let c = 0; for (let j = 0; j < n; j++) if (within(p, i, j, r)) c++; return c; });
    const label = `latitude ${lat0}${outlier ? ', with points in other provinces' : ''}`;

    it(`countWithin: every point's neighbours, itself included (${label})`, () => {
      expect([...countWithin(p, r)]).toEqual(brute);
    });

    it(`countWithin with a threshold: exact for every point that reaches it, below it for the others (${label})`, () => {
      const got = countWithin(p, r, 10);
      for (let i = 0; i < n; i++) {
        if (brute[i] >= 10) expect(got[i]).toBe(brute[i]);
        else expect(got[i]).toBeLessThan(10);
      }
      expect(brute.filter((c) => c >= 10).length).toBeGreaterThan(100);
    });

    it(`pairsWithin: every pair within the radius, once, in order (${label})`, () => {
      const want: [number, number][] = [];
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (within(p, i, j, r)) want.push([i, j]);
      expect(pairsWithin(p, r)).toEqual(want);
    });

    it(`pointsAround: the points within the radius of each centre (${label})`, () => {
      const centres = { lon: p.lon.slice(0, 60), lat: p.lat.slice(0, 60) };
      const got = pointsAround(p, centres, 1.25 * r);
      for (let c = 0; c < 60; c++) {
        const want: number[] = [];
        for (let j = 0; j < n; j++) if (haversineM(centres.lon[c], centres.lat[c], p.lon[j], p.lat[j]) <= 1.25 * r) want.push(j);
        expect(got[c]).toEqual(want);
      }
    });

    it(`componentsWithin: the connected components of all pairs within the radius (${label})`, () => {
      const root = Array.from({ length: n }, (_, i) => i);
      const find = (i: number): number => (root[i] === i ? i : (root[i] = find(root[i])));
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
        if (within(p, i, j, 2.5 * r)) { const a = find(i), b = find(j); root[Math.max(a, b)] = Math.min(a, b); }
      }
      const groups = new Map<number, number[]>();
      for (let i = 0; i < n; i++) { const g = groups.get(find(i)); if (g) g.push(i); else groups.set(find(i), [i]); }
      expect(componentsWithin(p, 2.5 * r)).toEqual([...groups.values()]);
    });
  }

  it('no points, nothing near', () => {
    const none = { lon: new Float64Array(0), lat: new Float64Array(0) };
    expect([...countWithin(none, 200, 10)]).toEqual([]);
    expect(pairsWithin(none, 200)).toEqual([]);
    expect(componentsWithin(none, 200)).toEqual([]);
  });
});
