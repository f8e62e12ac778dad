// 事故多发点段 blackspot (subject: location, id "lon,lat") — RULES.md Part 15.
//
// 15.1 Seeds. Work on 经度/纬度 (WGS-84) and great-circle distance. An accident is a seed when:
//      (a) it is fatal (死亡人数 ≥ 1), and there are three or more fatal accidents, itself included, that
//          lie pairwise within 500 m; or
//      (b) there are ten or more accidents of any kind (itself included) within 200 m of it.
// 15.2 Locations. Merge seeds lying within 500 m of each other into one location. The location is the
//      mean longitude and latitude of all accidents within 250 m of the merged seeds' centre. Report the id
//      as "%.6f,%.6f" (longitude first, comma, no space). One warning per location.
// 15.3 Not a blackspot. Areas that are merely busy (town centres) where accidents are numerous but spread
//      out. Do not cluster on road name or 公里数.
// 15.4 Evidence. The accident records of the location. unit = the 管辖单位 of most of them. Severity: high
//      when criterion (a) holds.
//
// Method. Both criteria apply to the accidents that occurred in the period and carry usable coordinates.
// Distances are haversine great-circle distances on a sphere of R = 6 371 008.8 m (the IUGG mean Earth
// radius); "within" means ≤. No spatial extension: candidate pairs come from a grid index in SQL (cells at
// least as wide as the radius in metres at the data's highest latitude, each point joined with its own
// and the 8 neighbouring cells), then haversine filters them exactly. DuckDB finds the density seeds (b)
// (pairing only the points whose 3×3 cells hold at least densityMin accidents) and the fatal pairs ≤ 500 m;
// TypeScript then, over those few already-filtered points:
//   - (a) a fatal accident is a seed when it belongs to a clique of ≥ fatalMin fatal accidents that are
//     pairwise ≤ 500 m apart (a chain A–B–C with A, C > 500 m apart is not a clique);
//   - merges seeds single-link (transitively) at ≤ 500 m with union-find: connected components, which
//     do not depend on the order of processing;
//   - centre = arithmetic mean of the seeds' lon and lat (summed in 事故编号 order);
// and DuckDB returns the accidents ≤ 250 m from each centre (centres and accidents on a grid too), whose mean (summed in 事故编号 order, in
// TypeScript, for byte-stable output) is the location.
// Choices (docs/RULES-NOTES.md): coordinates out of range or exactly (0,0) are unusable; if no accident
// lies within 250 m of the centre (a long thin chain of seeds), the seeds' centre itself is the location;
// evidence = the accidents within 250 m plus the merged seeds themselves, by 事故编号; unit = most
// frequent 管辖单位 among them, ties → smallest code; score 0.95 for (a), 0.85 for (b) only.
import { usedParams } from './bind.ts';
import { EARTH_RADIUS_M, haversineM } from '../geo/distance.ts';
import { inPeriod, toFindings } from './sql.ts';
import type { Settings } from './settings.ts';
import type { Finding, Rule } from './types.ts';

/** Haversine distance in metres between (lon1,lat1) and (lon2,lat2) as a SQL expression (geo/distance.ts in SQL). */
const havSql = (lon1: string, lat1: string, lon2: string, lat2: string): string =>
  `(2 * ${EARTH_RADIUS_M} * asin(sqrt(least(1.0, ` +
  `pow(sin(radians(${lat2} - ${lat1}) / 2), 2) + ` +
  `cos(radians(${lat1})) * cos(radians(${lat2})) * pow(sin(radians(${lon2} - ${lon1}) / 2), 2)))))`;

/** Accidents of the period with usable coordinates. */
const ACC = `
  acc AS (
    SELECT accident_id AS id, lon, lat, unit_code AS unit, road, coalesce(deaths, 0) AS deaths
    FROM accidents
    WHERE ${inPeriod('occurred_at')}
      AND lon IS NOT NULL AND lat IS NOT NULL
      AND lon BETWEEN -180 AND 180 AND lat BETWEEN -90 AND 90 AND NOT (lon = 0 AND lat = 0)
  ),
  scale AS (SELECT greatest(cos(radians(least(coalesce(max(abs(lat)), 0), 85))), 0.05) AS c FROM acc)`;

/** Grid cells of at least `radius` metres in both directions, for the points of `src`. */
const cells = (src: string, radius: number): string => `
  SELECT p.*, CAST(floor(p.lat / (${radius} / 110000.0)) AS BIGINT) AS gy,
         CAST(floor(p.lon / (${radius} / (110000.0 * s.c))) AS BIGINT) AS gx
  FROM ${src} p CROSS JOIN scale s`;

/**
 * Pairs (a, b) of `src` points with distance ≤ radius (a = b included), via the grid. With `minNear`, only points a
 * whose own and 8 neighbouring cells hold at least that many points are paired: every point within the radius lies
 * in those cells, so the others cannot reach `minNear` neighbours, and pairing them would cost the most where the
 * data are densest (pairs grow with the square of the density, the cell counts with the number of points).
 */
const pairs = (src: string, radius: number, minNear = 0): string => `
  g AS (${cells(src, radius)}),
  ${minNear > 1 ? `
  block AS (
    SELECT c.gx + x.dx AS gx, c.gy + y.dy AS gy
    FROM (SELECT gx, gy, count(*) AS n FROM g GROUP BY gx, gy) c, (VALUES (-1), (0), (1)) x(dx), (VALUES (-1), (0), (1)) y(dy)
    GROUP BY 1, 2 HAVING sum(c.n) >= ${minNear}
  ),
  ga0 AS (SELECT g.* FROM g JOIN block USING (gx, gy)),` : 'ga0 AS (SELECT * FROM g),'}
  ga AS (
    SELECT a.id, a.lon, a.lat, a.gx + x.dx AS nx, a.gy + y.dy AS ny
    FROM ga0 a, (VALUES (-1), (0), (1)) x(dx), (VALUES (-1), (0), (1)) y(dy)
  ),
  near AS (
    SELECT a.id AS a_id, b.id AS b_id, ${havSql('a.lon', 'a.lat', 'b.lon', 'b.lat')} AS d
    FROM ga a JOIN g b ON b.gx = a.nx AND b.gy = a.ny
  )`;

interface Pt { id: string; lon: number; lat: number }
interface Rec extends Pt { unit: string | null; road: string | null; deaths: number }

/** Union-find over indices 0..n-1; the root of a set is its smallest index. */
class UnionFind {
  private readonly parent: Int32Array;
  constructor(n: number) { this.parent = Int32Array.from({ length: n }, (_, i) => i); }
  find(x: number): number {
    let r = x;
    while (this.parent[r] !== r) r = this.parent[r];
    while (this.parent[x] !== r) { const nx = this.parent[x]; this.parent[x] = r; x = nx; }
    return r;
  }
  union(a: number, b: number): void {
    const ra = this.find(a), rb = this.find(b);
    if (ra < rb) this.parent[rb] = ra; else if (rb < ra) this.parent[ra] = rb;
  }
}

/**
 * Grid cells, in degrees, such that two points at most `radiusM` apart (haversine) with latitudes of at most
 * `maxAbsLat` lie in the same or neighbouring cells: |Δlat| ≤ r/R, and cos φ1·cos φ2·hav(Δlon) ≤ hav(r/R) bounds
 * Δlon. 0.1 % wider for rounding; one column for every longitude where the bound reaches the pole. (Like the
 * seed search, the grid does not reach across the ±180° meridian.)
 */
export function cellDegrees(radiusM: number, maxAbsLat: number): { latDeg: number; lonDeg: number } {
  const deg = 180 / Math.PI;
  const latDeg = (radiusM / EARTH_RADIUS_M) * deg * 1.001;
  const s = Math.sin(radiusM / (2 * EARTH_RADIUS_M)) / Math.cos(Math.min(90, Math.abs(maxAbsLat)) / deg);
  return { latDeg, lonDeg: Number.isFinite(s) && s < 1 ? 2 * Math.asin(s) * deg * 1.001 : 720 };
}

/**
 * The seeds joined single-link at ≤ mergeR (transitively): the connected components, each as the indices of its
 * seeds in ascending order, the components ordered by their first index. Seeds are put in cells half as wide as the
 * radius, so seeds within the radius are at most two cells apart. A cell whose seeds all lie within the radius of its
 * first seed (checked, not assumed) is one set already; two such cells are joined by the first pair found within the
 * radius and not looked at again once in one set. So a dense town costs about its cells, not its seeds squared; other
 * cells compare every pair not yet in one set. Pure: the same points give the same components in any order of work.
 */
export function mergeSeeds(list: readonly Pt[], mergeR: number): number[][] {
  const uf = new UnionFind(list.length);
  const maxLat = list.reduce((m, p) => Math.max(m, Math.abs(p.lat)), 0);
  const { latDeg, lonDeg } = cellDegrees(mergeR, maxLat);
  const key = (gx: number, gy: number) => `${gx},${gy}`;
  const cells = new Map<string, { gx: number; gy: number; ids: number[]; whole: boolean }>();
  list.forEach((p, i) => {
    const gx = Math.floor(p.lon / (lonDeg / 2)), gy = Math.floor(p.lat / (latDeg / 2));
    const k = key(gx, gy);
    const c = cells.get(k);
    if (c) c.ids.push(i);
    else cells.set(k, { gx, gy, ids: [i], whole: true });
  });
  const near = (i: number, j: number) => haversineM(list[i].lon, list[i].lat, list[j].lon, list[j].lat) <= mergeR;
  const allPairs = (a: readonly number[], b: readonly number[] | null) => {
    a.forEach((i, x) => {
      for (const j of b ?? a.slice(x + 1)) if (uf.find(i) !== uf.find(j) && near(i, j)) uf.union(i, j);
    });
  };
  for (const c of cells.values()) {
    const [first, ...rest] = c.ids;
    for (const j of rest) if (near(first, j)) uf.union(first, j); else c.whole = false;
    if (!c.whole) allPairs(c.ids, null);
  }
  for (const a of cells.values()) {
    for (let dx = 0; dx <= 2; dx++) for (let dy = -2; dy <= 2; dy++) {
      if (dx === 0 && dy <= 0) continue; // each pair of cells once
      const b = cells.get(key(a.gx + dx, a.gy + dy));
      if (!b) continue;
      if (!a.whole || !b.whole) { allPairs(a.ids, b.ids); continue; }
      if (uf.find(a.ids[0]) === uf.find(b.ids[0])) continue;
      pairs: for (const i of a.ids) for (const j of b.ids) if (near(i, j)) { uf.union(i, j); break pairs; }
    }
  }
  // The root of a set is its smallest index, so the components come out in order of their first index.
  const groups = new Map<number, number[]>();
  list.forEach((_, i) => {
    const r = uf.find(i);
    const g = groups.get(r);
    if (g) g.push(i);
    else groups.set(r, [i]);
  });
  return [...groups.values()];
}

/** Is `node` in a clique of at least k nodes of the graph `adj` (sets of neighbours, self excluded)? */
function inClique(node: string, k: number, adj: Map<string, Set<string>>): boolean {
  if (k <= 1) return true;
  const grow = (size: number, cand: string[]): boolean => {
    if (size >= k) return true;
    if (size + cand.length < k) return false;
    for (let i = 0; i < cand.length; i++) {
      const n = adj.get(cand[i]) ?? new Set<string>();
      if (grow(size + 1, cand.slice(i + 1).filter((c) => n.has(c)))) return true;
    }
    return false;
  };
  return grow(1, [...(adj.get(node) ?? [])].sort());
}

const mostCommon = (values: (string | null)[]): string | null => {
  const counts = new Map<string, number>();
  for (const v of values) if (v != null && v !== '') counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | null = null;
  let n = 0;
  for (const [v, c] of [...counts].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))) if (c > n) { best = v; n = c; }
  return best;
};

const meanOf = (pts: readonly Pt[]): { lon: number; lat: number } => {
  const s = [...pts].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let lon = 0, lat = 0;
  for (const p of s) { lon += p.lon; lat += p.lat; }
  return { lon: lon / s.length, lat: lat / s.length };
};

type Query = <T>(sql: string) => Promise<T[]>;
type BlackspotSettings = Settings['blackspot'];

/** The seeds of 15.1, by 事故编号: the density seeds (b) with their counts, and the fatal seeds (a). */
interface Seeds {
  readonly list: readonly Rec[];
  readonly fatal: ReadonlySet<string>;
  /** Accidents within densR of each density seed, itself included. */
  readonly density: ReadonlyMap<string, number>;
}

/** 15.1: the density seeds (b) from DuckDB with their counts; the fatal seeds (a) as cliques of the fatal pairs. */
async function findSeeds(q: Query, s: BlackspotSettings): Promise<Seeds> {
  const { fatalRadiusM: fatalR, densityRadiusM: densR, fatalMin, densityMin: densMin } = s;
  // (b) density seeds: ≥ densMin accidents (itself included) within densR.
  const dense = await q<Rec & { n: number }>(`
    WITH ${ACC}, ${pairs('acc', densR, densMin)}
    SELECT a.id, a.lon, a.lat, a.unit, a.road, a.deaths, c.n FROM (
      SELECT a_id, count(*) AS n FROM near WHERE d <= ${densR} GROUP BY a_id HAVING count(*) >= ${densMin}
    ) c JOIN acc a ON a.id = c.a_id ORDER BY a.id`);

  // (a) fatal accidents and their fatal neighbours within fatalR.
  const fatalPairs = await q<{ a_id: string; b_id: string }>(`
    WITH ${ACC}, fatal AS (SELECT * FROM acc WHERE deaths >= 1), ${pairs('fatal', fatalR)}
    SELECT a_id, b_id FROM near WHERE d <= ${fatalR} AND a_id <> b_id ORDER BY a_id, b_id`);
  const fatalPts = new Map<string, Rec>();
  if (fatalPairs.length || fatalMin <= 1) {
    for (const p of await q<Rec>(`WITH ${ACC} SELECT id, lon, lat, unit, road, deaths FROM acc WHERE deaths >= 1 ORDER BY id`)) fatalPts.set(p.id, p);
  }
  const adj = new Map<string, Set<string>>();
  for (const { a_id, b_id } of fatalPairs) {
    const near = adj.get(a_id);
    if (near) near.add(b_id);
    else adj.set(a_id, new Set([b_id]));
  }
  const fatal = new Set([...adj.keys()].filter((id) => inClique(id, fatalMin, adj)));
  if (fatalMin <= 1) for (const id of fatalPts.keys()) fatal.add(id);

  const seeds = new Map<string, Rec>();
  for (const p of dense) seeds.set(p.id, p);
  for (const id of fatal) { const p = fatalPts.get(id); if (p) seeds.set(id, p); }
  return {
    list: [...seeds.values()].sort((a, b) => (a.id < b.id ? -1 : 1)),
    fatal,
    density: new Map(dense.map((p) => [p.id, p.n])),
  };
}

type Near = Pt & { loc: number; unit: string | null; road: string | null; deaths: number };

/**
 * 15.2: the accidents within locR of each centre, by centre index and 事故编号. Centres and accidents meet on a grid of
 * cells at least locR wide (an equality join on the cell and its 8 neighbours), then haversine decides. A join on a
 * latitude band alone compared every centre with every accident of the band across the whole city: centres × accidents.
 */
async function accidentsAround(q: Query, centres: readonly { lon: number; lat: number }[], locR: number): Promise<Map<number, Near[]>> {
  const values = centres.map((c, i) => `(${i}, ${c.lon}, ${c.lat})`).join(', ');
  const latPad = (locR / 110000) * 1.5;
  const [{ m }] = await q<{ m: number }>(`WITH ${ACC} SELECT coalesce(max(abs(lat)), 0) AS m FROM acc`);
  const { latDeg, lonDeg } = cellDegrees(locR, Number(m));
  const cell = (lon: string, lat: string) =>
    `CAST(floor(${lon} / ${lonDeg}) AS BIGINT) AS gx, CAST(floor(${lat} / ${latDeg}) AS BIGINT) AS gy`;
  const rows = await q<Near>(`
    WITH ${ACC}, centres(loc, clon, clat) AS (VALUES ${values}),
    cg AS (
      SELECT c.loc, c.clon, c.clat, c.gx + x.dx AS nx, c.gy + y.dy AS ny
      FROM (SELECT *, ${cell('clon', 'clat')} FROM centres) c, (VALUES (-1), (0), (1)) x(dx), (VALUES (-1), (0), (1)) y(dy)
    ),
    ag AS (SELECT *, ${cell('lon', 'lat')} FROM acc)
    SELECT c.loc, a.id, a.lon, a.lat, a.unit, a.road, a.deaths
    FROM cg c JOIN ag a ON a.gx = c.nx AND a.gy = c.ny
    WHERE a.lat BETWEEN c.clat - ${latPad} AND c.clat + ${latPad}
      AND ${havSql('c.clon', 'c.clat', 'a.lon', 'a.lat')} <= ${locR}
    ORDER BY c.loc, a.id`);
  const around = new Map<number, Near[]>();
  for (const r of rows) {
    const list = around.get(r.loc);
    if (list) list.push(r);
    else around.set(r.loc, [r]);
  }
  return around;
}

/**
 * One location's warning (15.2–15.4): id = the mean of the accidents within locR of the seeds' centre (the centre
 * itself when none), evidence = those accidents and the seeds, by 事故编号.
 */
function locationFinding(group: readonly Rec[], centre: { lon: number; lat: number }, near: readonly Near[], seeds: Seeds, s: BlackspotSettings): Finding {
  const { fatalRadiusM: fatalR, densityRadiusM: densR, fatalMin, densityMin: densMin } = s;
  const where = near.length ? meanOf(near) : centre;
  const id = `${where.lon.toFixed(6)},${where.lat.toFixed(6)}`;
  const recs = new Map<string, { id: string; unit: string | null; road: string | null; deaths: number }>();
  for (const r of near) recs.set(r.id, r);
  for (const p of group) recs.set(p.id, p);
  const ev = [...recs.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  const fatal = group.some((p) => seeds.fatal.has(p.id));
  const dens = group.reduce((m, p) => Math.max(m, seeds.density.get(p.id) ?? 0), 0);
  const fatalCount = ev.filter((r) => Number(r.deaths) >= 1).length;
  const deaths = ev.reduce((t, r) => t + Number(r.deaths || 0), 0);
  const road = mostCommon(ev.map((r) => r.road));
  const why = [
    fatal ? `${fatalMin} 起以上死亡事故两两相距不超过 ${fatalR} 米` : null,
    dens >= densMin ? `单点 ${densR} 米内最多 ${dens} 起事故` : null,
  ].filter(Boolean).join('，');
  return {
    subject_kind: 'location',
    subject_id: id,
    unit: mostCommon(ev.map((r) => r.unit)),
    severity: fatal ? 'high' : 'medium',
    score: fatal ? 0.95 : 0.85,
    rule: fatal ? 'blackspot-fatal' : 'blackspot-density',
    title: `事故多发点段 ${id}${road ? `（${road}）` : ''}：期间事故 ${ev.length} 起，其中死亡事故 ${fatalCount} 起、死亡 ${deaths} 人；${why}`,
    evidence: ev.map((r) => ({ kind: 'accident' as const, id: r.id })),
  };
}

export const rule: Rule = {
  category: 'blackspot',
  needs: ['accidents'],
  async run(ctx) {
    const s = ctx.settings.blackspot;
    const q: Query = <T>(sql: string) => ctx.store.all<T>(sql, usedParams(sql, ctx.params));
    const seeds = await findSeeds(q, s);
    if (seeds.list.length === 0) return [];
    // Seeds merged single-link at ≤ mergeR; each location's centre is the mean of its seeds.
    const groups = mergeSeeds(seeds.list, s.mergeRadiusM).map((g) => g.map((i) => seeds.list[i]));
    const centres = groups.map(meanOf);
    const around = await accidentsAround(q, centres, s.locationRadiusM);
    const out = groups.map((g, i) => locationFinding(g, centres[i], around.get(i) ?? [], seeds, s));
    return toFindings(out.sort((a, b) => (a.subject_id < b.subject_id ? -1 : a.subject_id > b.subject_id ? 1 : 0)));
  },
};
