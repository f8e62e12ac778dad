import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { fixtureStore, runRule } from '../../test/support/fixture.ts';
import type { NewRow } from '../contract/tables.ts';
import { makeContext } from './context.ts';
import { mergeSeeds, rule } from './blackspot.ts';
import { haversineM } from '../geo/distance.ts';
import { lit } from '../store/db.ts';

const PERIOD = { from: '2021-01-01', to: '2021-06-30', asOf: '2021-07-11' };
const LON0 = 112.7, LAT0 = 37.7;
const M_PER_DEG = (6371008.8 * Math.PI) / 180;

let seq = 0;
/** An accident dx metres east and dy metres north of (LON0, LAT0). */
const acc = (dx: number, dy: number, extra: Partial<NewRow<'accidents'>> = {}): NewRow<'accidents'> => ({
  accident_id: `A${String(++seq).padStart(5, '0')}`, occurred_at: '2021-03-01 10:00:00',
  lon: LON0 + dx / (M_PER_DEG * Math.cos((LAT0 * Math.PI) / 180)), lat: LAT0 + dy / M_PER_DEG,
  unit_code: 'U1', procedure: '一般程序', deaths: 0, road: 'G208', status: '已结案', ...extra,
});
const fatal = (dx: number, dy: number, extra: Partial<NewRow<'accidents'>> = {}) => acc(dx, dy, { deaths: 1, ...extra });
/** n accidents within ~10 m of (dx, dy). */
const cluster = (n: number, dx: number, dy: number, extra: Partial<NewRow<'accidents'>> = {}) =>
  Array.from({ length: n }, (_, i) => acc(dx + 10 * Math.cos(i), dy + 10 * Math.sin(i), extra));

async function run(accidents: NewRow<'accidents'>[]) {
  return runRule(rule, { accidents }, PERIOD);
}
const ids = (rows: NewRow<'accidents'>[]) => rows.map((r) => r.accident_id).sort();
const meanId = (rows: NewRow<'accidents'>[]) => {
  const s = [...rows].sort((a, b) => (a.accident_id < b.accident_id ? -1 : 1));
  const lon = s.reduce((t, r) => t + (r.lon ?? NaN), 0) / s.length;
  const lat = s.reduce((t, r) => t + (r.lat ?? NaN), 0) / s.length;
  return `${lon.toFixed(6)},${lat.toFixed(6)}`;
};

describe('blackspot (RULES Part 15)', () => {
  it('the test geometry is in metres (sanity)', () => {
    const a = acc(0, 0), b = acc(400, 0), c = acc(0, 300);
    expect(haversineM((a.lon ?? NaN), (a.lat ?? NaN), (b.lon ?? NaN), (b.lat ?? NaN))).toBeCloseTo(400, 0);
    expect(haversineM((a.lon ?? NaN), (a.lat ?? NaN), (c.lon ?? NaN), (c.lat ?? NaN))).toBeCloseTo(300, 3);
  });

  it('three fatal accidents pairwise within 500 m are a blackspot, high', async () => {
    const f = [fatal(0, 0), fatal(450, 0), fatal(225, 380)];
    const out = await run([...f, acc(3000, 3000)]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ subject_kind: 'location', severity: 'high', unit: 'U1' });
    expect(out[0].evidence.map((e) => e.id)).toEqual(ids(f));
    expect(out[0].title).toContain('死亡事故 3 起');
  });

  it('three fatal accidents in a chain whose ends are more than 500 m apart are not a seed under (a)', async () => {
    expect(await run([fatal(0, 0), fatal(400, 0), fatal(800, 0)])).toEqual([]);
  });

  it('two fatal accidents within 500 m are not enough', async () => {
    expect(await run([fatal(0, 0), fatal(100, 0), fatal(0, 600)])).toEqual([]);
  });

  it('ten accidents within 200 m are a blackspot, medium; nine are not', async () => {
    const ten = cluster(10, 0, 0);
    const out = await run(ten);
    expect(out.map((f) => [f.subject_id, f.severity])).toEqual([[meanId(ten), 'medium']]);
    expect(out[0].evidence).toEqual(ids(ten).map((id) => ({ kind: 'accident', id })));
    expect(out[0].title).toContain('事故 10 起');
    expect(await run(cluster(9, 0, 0))).toEqual([]);
  });

  it('the 200 m radius: the tenth accident at 190 m counts, at 215 m it does not', async () => {
    const nine = Array.from({ length: 9 }, (_, i) => acc(2 * i, 0));
    expect((await run([...nine, acc(190, 0)])).map((f) => f.severity)).toEqual(['medium']);
    expect(await run([...nine, acc(215 + 16, 0)])).toEqual([]);
  });

  it('accidents outside the period do not count', async () => {
    const nine = cluster(9, 0, 0);
    expect(await run([...nine, acc(5, 5, { occurred_at: '2020-12-31 23:59:59' }), acc(5, 6, { occurred_at: '2021-07-01 00:00:00' })])).toEqual([]);
  });

  it('accidents without coordinates are ignored', async () => {
    expect(await run([...cluster(9, 0, 0), acc(0, 0, { lon: null, lat: null })])).toEqual([]);
  });

  it('a busy but spread-out town centre (196 accidents over 2 km, some fatal) is not a blackspot', async () => {
    const town: NewRow<'accidents'>[] = [];
    for (let i = 0; i < 14; i++) for (let j = 0; j < 14; j++) town.push(acc(i * 145, j * 145, i % 4 === 0 && j % 4 === 0 ? { deaths: 1 } : {}));
    expect(await run(town)).toEqual([]);
  });

  it('reports the id as "%.6f,%.6f", longitude first: the mean of the accidents within 250 m of the centre', async () => {
    const ten = cluster(10, 0, 0);
    const around = [acc(150, 0), acc(-120, 60)]; // within 250 m of the centre, not seeds
    const far = [acc(300, 0)]; // within 200 m of nothing dense enough, > 250 m from the centre
    const out = await run([...ten, ...around, ...far]);
    expect(out).toHaveLength(1);
    expect(out[0].subject_id).toMatch(/^\d{3}\.\d{6},\d{2}\.\d{6}$/);
    expect(out[0].subject_id).toBe(meanId([...ten, ...around]));
    expect(out[0].evidence.map((e) => e.id)).toEqual(ids([...ten, ...around]));
  });

  it('two seed groups 400 m apart merge into one location; a group 900 m away stays separate', async () => {
    const a = cluster(10, 0, 0), b = cluster(10, 400, 0), c = cluster(10, 1300, 0);
    const out = await run([...a, ...b, ...c]);
    expect(out.map((f) => f.subject_id)).toEqual([meanId([...a, ...b]), meanId(c)].sort());
    const ab = out.find((f) => f.subject_id === meanId([...a, ...b]))!;
    expect(ab.evidence.map((e) => e.id)).toEqual(ids([...a, ...b]));
  });

  it('merging is transitive (single link): seed groups A–B–C 450 m apart form one location', async () => {
    const a = cluster(10, 0, 0), b = cluster(10, 450, 0), c = cluster(10, 900, 0);
    const out = await run([...a, ...b, ...c]);
    expect(out).toHaveLength(1);
  });

  it('a density location with a fatal clique inside is high', async () => {
    const f = [fatal(0, 0), fatal(30, 0), fatal(0, 30)];
    const out = await run([...cluster(8, 10, 10), ...f]);
    expect(out.map((x) => x.severity)).toEqual(['high']);
  });

  it('unit = the 管辖单位 of most of the accidents; a tie goes to the smallest code', async () => {
    const most = await run([...cluster(6, 0, 0, { unit_code: 'U2' }), ...cluster(4, 0, 0, { unit_code: 'U1' })]);
    expect(most.map((f) => f.unit)).toEqual(['U2']);
    const tie = await run([...cluster(5, 0, 0, { unit_code: 'U3' }), ...cluster(5, 0, 0, { unit_code: 'U2' })]);
    expect(tie.map((f) => f.unit)).toEqual(['U2']);
  });

  it('does not cluster on road name or 公里数', async () => {
    const spread = Array.from({ length: 12 }, (_, i) => acc(i * 300, 0, { road: 'G208', km: 10 }));
    expect(await run(spread)).toEqual([]);
  });
});

// Speed is measured by `npm run bench`, not asserted here; this is the same rule at the scale of a city-year.
describe('blackspot at scale', () => {
  it('over 24,000 accidents finds the one dense town as one location, and nothing in the sparse country around it', async () => {
    const store = await fixtureStore({});
    try {
      await store.run(`SELECT setseed(0.42)`);
      await store.run(`INSERT INTO accidents (accident_id, occurred_at, lon, lat, unit_code, procedure, deaths, status)
        SELECT 'P' || lpad(i::VARCHAR, 6, '0'), TIMESTAMP '2021-03-01 10:00:00',
          CASE WHEN i % 10 < 2 THEN 112.74 + (random() - 0.5) * 0.03 ELSE 111.5 + random() * 2.4 END,
          CASE WHEN i % 10 < 2 THEN 37.69 + (random() - 0.5) * 0.03 ELSE 36.6 + random() * 1.5 END,
          'U' || (i % 7), '一般程序', CASE WHEN random() < 0.02 THEN 1 ELSE 0 END, '已结案'
        FROM range(24000) t(i)`);
      const out = await rule.run(makeContext(store, PERIOD));
      // The town: every accident planted in it (i % 10 < 2), each a density seed, merged into one location
      // that is high for its fatal cliques; nothing further than a seed radius from the town's box.
      const ids = async (where: string) => (await store.all<{ id: string }>(`SELECT accident_id AS id FROM accidents WHERE ${where} ORDER BY 1`)).map((r) => r.id);
      const planted = await ids(`CAST(substr(accident_id, 2) AS INTEGER) % 10 < 2`);
      const nearTown = new Set(await ids(`lon BETWEEN 112.725 - 0.0025 AND 112.755 + 0.0025 AND lat BETWEEN 37.675 - 0.002 AND 37.705 + 0.002`));
      expect(out).toHaveLength(1);
      expect(out[0]).toMatchObject({ severity: 'high', rule: 'blackspot-fatal' });
      const [lon, lat] = out[0].subject_id.split(',').map(Number);
      expect(Math.abs(lon - 112.74)).toBeLessThan(0.001);
      expect(Math.abs(lat - 37.69)).toBeLessThan(0.001);
      const evidence = out[0].evidence.map((e) => e.id);
      const inEvidence = new Set(evidence);
      expect(planted.filter((id) => !inEvidence.has(id))).toEqual([]);
      expect(evidence.filter((id) => !nearTown.has(id))).toEqual([]);
    } finally {
      store.close();
    }
  }, 30000);
});

describe('blackspot against a brute-force reading of 15.1–15.2', () => {
  /** O(n²) reference: every pair by haversine, cliques by brute force over triples, single-link merge. */
  function reference(pts: { id: string; lon: number; lat: number; deaths: number }[]): Map<string, string[]> {
    const d = (a: (typeof pts)[number], b: (typeof pts)[number]) => haversineM(a.lon, a.lat, b.lon, b.lat);
    const seeds = new Set<number>();
    pts.forEach((p, i) => { if (pts.filter((q) => d(p, q) <= 200).length >= 10) seeds.add(i); });
    const f = pts.map((p, i) => i).filter((i) => pts[i].deaths >= 1);
    for (const i of f) for (const j of f) for (const k of f) {
      if (i < j && j < k && d(pts[i], pts[j]) <= 500 && d(pts[i], pts[k]) <= 500 && d(pts[j], pts[k]) <= 500) {
        seeds.add(i); seeds.add(j); seeds.add(k);
      }
    }
    const s = [...seeds];
    const comp = new Map(s.map((i) => [i, i]));
    let changed = true;
    while (changed) {
      changed = false;
      for (const i of s) for (const j of s) {
        if (d(pts[i], pts[j]) <= 500 && comp.get(j)! < comp.get(i)!) { comp.set(i, comp.get(j)!); changed = true; }
      }
    }
    const out = new Map<string, string[]>();
    for (const root of new Set(comp.values())) {
      const g = s.filter((i) => comp.get(i) === root).map((i) => pts[i]).sort((a, b) => (a.id < b.id ? -1 : 1));
      const c = { lon: g.reduce((t, p) => t + p.lon, 0) / g.length, lat: g.reduce((t, p) => t + p.lat, 0) / g.length };
      const near = pts.filter((p) => haversineM(c.lon, c.lat, p.lon, p.lat) <= 250).sort((a, b) => (a.id < b.id ? -1 : 1));
      const w = near.length ? { lon: near.reduce((t, p) => t + p.lon, 0) / near.length, lat: near.reduce((t, p) => t + p.lat, 0) / near.length } : c;
      out.set(`${w.lon.toFixed(6)},${w.lat.toFixed(6)}`, [...new Set([...near, ...g].map((p) => p.id))].sort());
    }
    return out;
  }

  for (const [lat0, seed] of [[37.7, 1], [53.4, 3], [18.3, 4]] as const) {
    it(`random clusters at latitude ${lat0} (seed ${seed}) give exactly the reference locations`, async () => {
      let x = seed * 2654435761 % 4294967296;
      const rnd = () => { x = (x * 1664525 + 1013904223) % 4294967296; return x / 4294967296; };
      const mPerDegLat = M_PER_DEG, mPerDegLon = M_PER_DEG * Math.cos((lat0 * Math.PI) / 180);
      const rows: NewRow<'accidents'>[] = [];
      const add = (ex: number, ny: number, deaths: number) => rows.push({
        accident_id: `R${String(rows.length).padStart(5, '0')}`, occurred_at: '2021-03-01 10:00:00',
        lon: 112.7 + ex / mPerDegLon, lat: lat0 + ny / mPerDegLat, unit_code: 'U1', procedure: '一般程序',
        deaths, road: 'G1', status: '已结案',
      });
      for (let c = 0; c < 40; c++) {
        const cx = rnd() * 8000, cy = rnd() * 8000, r = 60 + rnd() * 400, n = 3 + Math.floor(rnd() * 12);
        for (let i = 0; i < n; i++) {
          const a = rnd() * 2 * Math.PI, rr = r * Math.sqrt(rnd());
          add(cx + rr * Math.cos(a), cy + rr * Math.sin(a), rnd() < 0.35 ? 1 : 0);
        }
      }
      for (let i = 0; i < 300; i++) add(rnd() * 8000, rnd() * 8000, rnd() < 0.05 ? 1 : 0);
      const expected = reference(rows.map((r) => ({ id: r.accident_id, lon: (r.lon ?? NaN), lat: (r.lat ?? NaN), deaths: (r.deaths ?? NaN) })));
      const out = await run(rows);
      expect(expected.size).toBeGreaterThan(3);
      expect(new Map(out.map((f) => [f.subject_id, f.evidence.map((e) => e.id)]))).toEqual(expected);
    });
  }
});

// The reading of 15.1–15.2 above, at a size where comparing every centre with every accident of its latitude band, or
// every seed with every seed of its cell, grew with the square of the data: a dense town of 2,500 accidents (one
// location of some 2,000 seeds), 260 small clusters around the 200 m / ten-accident and 500 m / three-fatal lines
// (over a hundred locations), fatal triples and chains, and a sparse background; 14,000 accidents in all.
describe('mergeSeeds: the grid merge against all pairs', () => {
  /** The components of "within r" over every pair, each as ascending indices, ordered by their first index. */
  const bruteForce = (pts: { lon: number; lat: number }[], r: number): number[][] => {
    const root = pts.map((_, i) => i);
    const find = (i: number): number => (root[i] === i ? i : (root[i] = find(root[i])));
    for (let i = 0; i < pts.length; i++) for (let j = i + 1; j < pts.length; j++) {
      if (haversineM(pts[i].lon, pts[i].lat, pts[j].lon, pts[j].lat) <= r) {
        const a = find(i), b = find(j);
        root[Math.max(a, b)] = Math.min(a, b);
      }
    }
    const groups = new Map<number, number[]>();
    pts.forEach((_, i) => { const g = groups.get(find(i)); if (g) g.push(i); else groups.set(find(i), [i]); });
    return [...groups.values()];
  };

  for (const [lat0, seed] of [[37.6, 7], [0.5, 11], [62, 13]] as const) {
    it(`gives the components of all pairs within 500 m (dense clumps, chains and scattered seeds, latitude ${lat0})`, () => {
      let x = seed;
      const rnd = () => { x = (x * 1664525 + 1013904223) % 4294967296; return x / 4294967296; };
      const mLat = M_PER_DEG, mLon = M_PER_DEG * Math.cos((lat0 * Math.PI) / 180);
      const pts: { id: string; lon: number; lat: number }[] = [];
      const add = (ex: number, ny: number) => pts.push({ id: `S${pts.length}`, lon: 112.5 + ex / mLon, lat: lat0 + ny / mLat });
      // A dense town (whole cells joined by their first near pair), loose clumps, chains of steps just under and
      // just over the radius, and scattered single seeds.
      for (let i = 0; i < 1500; i++) { const a = rnd() * 2 * Math.PI, r = 900 * Math.sqrt(rnd()); add(5000 + r * Math.cos(a), 5000 + r * Math.sin(a)); }
      for (let c = 0; c < 40; c++) {
        const cx = rnd() * 20000, cy = rnd() * 20000, n = 2 + Math.floor(rnd() * 12), spread = 100 + rnd() * 700;
        for (let i = 0; i < n; i++) add(cx + (rnd() - 0.5) * spread, cy + (rnd() - 0.5) * spread);
      }
      for (let c = 0; c < 20; c++) {
        const cx = rnd() * 20000, cy = rnd() * 20000, step = c % 2 ? 499 : 501;
        for (let i = 0; i < 5; i++) add(cx + i * step * (c % 4 < 2 ? 1 : 0.6), cy + (c % 4 < 2 ? 0 : i * step * 0.8));
      }
      for (let i = 0; i < 300; i++) add(rnd() * 20000, rnd() * 20000);
      const got = mergeSeeds(pts, 500);
      expect(got).toEqual(bruteForce(pts, 500));
      expect(got.length).toBeGreaterThan(50);
      expect(Math.max(...got.map((g) => g.length))).toBeGreaterThan(1000);
    });
  }

  it('no seeds, no components; one seed, one component', () => {
    expect(mergeSeeds([], 500)).toEqual([]);
    expect(mergeSeeds([{ id: 'A', lon: LON0, lat: LAT0 }], 500)).toEqual([[0]]);
  });
});

describe('blackspot against an exact oracle at city size', () => {
  interface P { id: string; lon: number; lat: number; deaths: number }
  /**
   * The same reading as `reference` above; neighbours are found by a sweep in latitude (|Δlat| ≤ d/R is exact), and
   * the longitude is pre-tested with twice the margin it needs at these latitudes (below 38°).
   */
  function oracle(pts: P[]): Map<string, { severity: string; dens: number; evidence: string[] }> {
    const byLat = [...pts].sort((a, b) => a.lat - b.lat);
    const within = (c: { lon: number; lat: number }, r: number): P[] => {
      const pad = ((r / 6371008.8) * 180) / Math.PI * 1.01;
      let lo = 0, hi = byLat.length;
      while (lo < hi) { const m = (lo + hi) >> 1; if (byLat[m].lat < c.lat - pad) lo = m + 1; else hi = m; }
      const lonPad = (2 * pad) / Math.cos((38 * Math.PI) / 180);
      const out: P[] = [];
      for (let i = lo; i < byLat.length && byLat[i].lat <= c.lat + pad; i++) {
        const q = byLat[i];
        if (Math.abs(q.lon - c.lon) <= lonPad && haversineM(c.lon, c.lat, q.lon, q.lat) <= r) out.push(q);
      }
      return out;
    };
    const byId = (a: P, b: P) => (a.id < b.id ? -1 : 1);
    const dens = new Map<string, number>();
    for (const p of pts) { const n = within(p, 200).length; if (n >= 10) dens.set(p.id, n); }
    const fatal = new Set<string>();
    const f = pts.filter((p) => p.deaths >= 1);
    for (const p of f) {
      const nb = within(p, 500).filter((q) => q.deaths >= 1 && q.id !== p.id);
      if (nb.some((q, i) => nb.slice(i + 1).some((r) => haversineM(q.lon, q.lat, r.lon, r.lat) <= 500))) fatal.add(p.id);
    }
    const seeds = pts.filter((p) => dens.has(p.id) || fatal.has(p.id)).sort(byId);
    const index = new Map(seeds.map((p, i) => [p.id, i]));
    const root = seeds.map((_, i) => i);
    const find = (i: number): number => (root[i] === i ? i : (root[i] = find(root[i])));
    for (const p of seeds) {
      for (const q of within(p, 500)) {
        const j = index.get(q.id);
        if (j !== undefined) { const a = find(index.get(p.id)!), b = find(j); root[Math.max(a, b)] = Math.min(a, b); }
      }
    }
    const groups = new Map<number, P[]>();
    seeds.forEach((p, i) => { const r = find(i); (groups.get(r) ?? groups.set(r, []).get(r)!).push(p); });
    const mean = (g: P[]) => {
      const s = [...g].sort(byId);
      return { lon: s.reduce((t, p) => t + p.lon, 0) / s.length, lat: s.reduce((t, p) => t + p.lat, 0) / s.length };
    };
    const out = new Map<string, { severity: string; dens: number; evidence: string[] }>();
    for (const g of groups.values()) {
      const near = within(mean(g), 250);
      const w = near.length ? mean(near) : mean(g);
      out.set(`${w.lon.toFixed(6)},${w.lat.toFixed(6)}`, {
        severity: g.some((p) => fatal.has(p.id)) ? 'high' : 'medium',
        dens: Math.max(0, ...g.map((p) => dens.get(p.id) ?? 0)),
        evidence: [...new Set([...near, ...g].map((p) => p.id))].sort(),
      });
    }
    return out;
  }

  it('14,000 accidents: every location, its severity, its densest count and its evidence as the oracle has them', async () => {
    let x = 20211231;
    const rnd = () => { x = (x * 1664525 + 1013904223) % 4294967296; return x / 4294967296; };
    const lat0 = 37.6, mLat = M_PER_DEG, mLon = M_PER_DEG * Math.cos((lat0 * Math.PI) / 180);
    const rows: P[] = [];
    const add = (ex: number, ny: number, deaths: number) =>
      rows.push({ id: `C${String(rows.length).padStart(6, '0')}`, lon: 112.5 + ex / mLon, lat: lat0 + ny / mLat, deaths });
    const disc = (cx: number, cy: number, r: number, n: number, pFatal: number) => {
      for (let i = 0; i < n; i++) {
        const a = rnd() * 2 * Math.PI, rr = r * Math.sqrt(rnd());
        add(cx + rr * Math.cos(a), cy + rr * Math.sin(a), rnd() < pFatal ? 1 : 0);
      }
    };
    disc(20000, 15000, 1300, 2500, 0.02); // the town
    for (let c = 0; c < 260; c++) disc(rnd() * 40000, rnd() * 30000, 60 + rnd() * 300, 6 + Math.floor(rnd() * 10), 0.2);
    for (let c = 0; c < 60; c++) { // fatal triples and chains: 3 fatal accidents 150–450 m apart
      const cx = rnd() * 40000, cy = rnd() * 30000, step = 150 + rnd() * 300;
      for (let i = 0; i < 3; i++) add(cx + i * step * (c % 2 ? 1 : 0.5), cy + (c % 2 ? 0 : i * step * 0.8), 1);
    }
    while (rows.length < 14000) add(rnd() * 40000, rnd() * 30000, rnd() < 0.03 ? 1 : 0);

    const store = await fixtureStore({});
    try {
      // Loaded from a CSV file (the fixture's row-by-row parameters take far longer); the oracle reads the coordinates
      // back as stored.
      const dir = await mkdtemp(join(tmpdir(), 'yanpan-blackspot-'));
      try {
        const csv = join(dir, 'accidents.csv');
        await writeFile(csv, rows.map((p, i) => `${p.id},${p.lon},${p.lat},U${i % 3},${p.deaths}\n`).join(''));
        await store.run(`INSERT INTO accidents (accident_id, occurred_at, lon, lat, unit_code, procedure, deaths, road, status)
          SELECT id, TIMESTAMP '2021-03-01 10:00:00', lon, lat, unit, '一般程序', deaths, 'G1', '已结案'
          FROM read_csv(${lit(csv)}, header = false, columns = {'id': 'VARCHAR', 'lon': 'DOUBLE', 'lat': 'DOUBLE', 'unit': 'VARCHAR', 'deaths': 'INTEGER'})`);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
      const stored = await store.all<P>(`SELECT accident_id AS id, lon, lat, deaths FROM accidents ORDER BY accident_id`);
      expect(stored).toHaveLength(rows.length);
      const expected = oracle(stored.map((p) => ({ ...p, lon: Number(p.lon), lat: Number(p.lat), deaths: Number(p.deaths) })));
      const out = await rule.run(makeContext(store, PERIOD));
      const densOf = (title: string) => Number(/单点 200 米内最多 (\d+) 起事故/.exec(title)?.[1] ?? 0);
      const got = new Map(out.map((f) => [f.subject_id, { severity: f.severity, dens: densOf(f.title), evidence: f.evidence.map((e) => e.id) }]));
      expect(expected.size).toBeGreaterThan(100);
      expect(Math.max(...[...expected.values()].map((l) => l.evidence.length))).toBeGreaterThan(2000);
      expect([...expected.values()].filter((l) => l.severity === 'high').length).toBeGreaterThan(20);
      expect(got).toEqual(expected);
    } finally {
      store.close();
    }
  }, 60000);
});
