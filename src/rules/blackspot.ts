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
// radius); "within" means ≤. No spatial extension: the period's accidents are read once as columns (rowid,
// lon, lat, deaths) and the geometry is done in memory on a grid (geo/near.ts: cells at least as wide as the
// radius at the data's highest latitude, each point compared with its own and the 8 neighbouring cells, the
// answer always haversine's):
//   - (b) each accident's neighbours within 200 m, counted only where its 3×3 block can hold ten;
//   - (a) the fatal pairs ≤ 500 m; a fatal accident is a seed when it belongs to a clique of ≥ fatalMin fatal
//     accidents pairwise ≤ 500 m apart (a chain A–B–C with A, C > 500 m apart is not a clique);
//   - seeds merged single-link (transitively) at ≤ 500 m: connected components, which do not depend on the
//     order of processing;
//   - centre = the mean of the seeds' lon and lat, each summed exactly (geo/exact-sum.ts: the same in any order);
//   - the accidents ≤ 250 m from each centre, whose mean (summed in 事故编号 order, for byte-stable output) is
//     the location.
// Only then are the records of the seeds and of those accidents read (事故编号, 管辖单位, road, by rowid, in the
// same transaction). A grid join in SQL made a row for every candidate pair and grouped them again: in a city
// whose accidents cluster, its cost grew with the pairs (62× for 3× the accidents), in memory it is a few
// nanoseconds a pair.
// Choices (docs/RULES-NOTES.md): coordinates out of range or exactly (0,0) are unusable; if no accident
// lies within 250 m of the centre (a long thin chain of seeds), the seeds' mean is the location;
// evidence = the accidents within 250 m plus the merged seeds themselves, by 事故编号; unit = most
// frequent 管辖单位 among them, ties → smallest code; score 0.95 for (a), 0.85 for (b) only.
import { usedParams } from './bind.ts';
import { componentsWithin, countWithin, pairsWithin, pointsAround } from '../geo/near.ts';
import { exactMean } from '../geo/exact-sum.ts';
import { transaction } from '../store/db.ts';
import { inPeriod, toFindings } from './sql.ts';
import type { Settings } from './settings.ts';
import type { Finding, Rule } from './types.ts';

/** Accidents of the period with usable coordinates. */
const ACC = `
  acc AS (
    SELECT rowid AS rid, accident_id AS id, lon, lat, unit_code AS unit, road, coalesce(deaths, 0) AS deaths
    FROM accidents
    WHERE ${inPeriod('occurred_at')}
      AND lon IS NOT NULL AND lat IS NOT NULL
      AND lon BETWEEN -180 AND 180 AND lat BETWEEN -90 AND 90 AND NOT (lon = 0 AND lat = 0)
  )`;

interface Pt { id: string; lon: number; lat: number }
interface Rec extends Pt { unit: string | null; road: string | null; deaths: number }

/**
 * The seeds joined single-link at ≤ mergeR (transitively): the connected components, each as the indices of its
 * seeds in ascending order, the components ordered by their first index (geo/near.ts).
 */
export function mergeSeeds(list: readonly Pt[], mergeR: number): number[][] {
  return componentsWithin({ lon: Float64Array.from(list, (p) => p.lon), lat: Float64Array.from(list, (p) => p.lat) }, mergeR);
}

/** Is `node` in a clique of at least k nodes of the graph `adj` (sets of neighbours, self excluded)? */
function inClique(node: number, k: number, adj: Map<number, Set<number>>): boolean {
  if (k <= 1) return true;
  const grow = (size: number, cand: number[]): boolean => {
    if (size >= k) return true;
    if (size + cand.length < k) return false;
    for (let i = 0; i < cand.length; i++) {
      const n = adj.get(cand[i]) ?? new Set<number>();
      if (grow(size + 1, cand.slice(i + 1).filter((c) => n.has(c)))) return true;
    }
    return false;
  };
  return grow(1, [...(adj.get(node) ?? [])].sort((a, b) => a - b));
}

const mostCommon = (values: (string | null)[]): string | null => {
  const counts = new Map<string, number>();
  for (const v of values) if (v != null && v !== '') counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | null = null;
  let n = 0;
  for (const [v, c] of [...counts].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))) if (c > n) { best = v; n = c; }
  return best;
};

/** The mean as printed (15.2): lon and lat summed in 事故编号 order (`near` comes sorted by it), then divided. */
const meanInIdOrder = (pts: readonly Pt[]): { lon: number; lat: number } => {
  let lon = 0, lat = 0;
  for (const p of pts) { lon += p.lon; lat += p.lat; }
  return { lon: lon / pts.length, lat: lat / pts.length };
};

/** The rule's reads: rows, or numeric columns as typed arrays; the period's parameters bound, plus `extra`. */
interface Query {
  rows<T>(sql: string, extra?: Record<string, string>): Promise<T[]>;
  numbers(sql: string): Promise<Float64Array[]>;
}
type BlackspotSettings = Settings['blackspot'];

/** The period's accidents with usable coordinates, as columns: rowid, lon, lat, deaths. */
export interface Accidents { readonly rid: Float64Array; readonly lon: Float64Array; readonly lat: Float64Array; readonly deaths: Float64Array }

const readAccidents = async (q: Query): Promise<Accidents> => {
  const [rid, lon, lat, deaths] = await q.numbers(`WITH ${ACC} SELECT CAST(rid AS DOUBLE), lon, lat, CAST(deaths AS DOUBLE) FROM acc`);
  return { rid, lon, lat, deaths };
};

/** The seeds of 15.1, as indices into the accidents: the density seeds (b) with their counts, the fatal seeds (a). */
export interface Seeds {
  readonly seeds: readonly number[];
  readonly fatal: ReadonlySet<number>;
  /** Accidents within densR of each density seed, itself included. */
  readonly density: ReadonlyMap<number, number>;
}

/**
 * 15.1 (b) each accident's neighbours within densR, counted where its 3×3 block of cells can hold densMin; (a) the
 * fatal accidents in a clique of ≥ fatalMin fatal accidents pairwise within fatalR (geo/near.ts).
 */
export function findSeeds(a: Accidents, s: BlackspotSettings): Seeds {
  const { fatalRadiusM: fatalR, densityRadiusM: densR, fatalMin, densityMin: densMin } = s;
  const counts = countWithin(a, densR, densMin);
  const density = new Map<number, number>();
  for (let i = 0; i < counts.length; i++) if (counts[i] >= densMin) density.set(i, counts[i]);

  const fatalAt: number[] = [];
  for (let i = 0; i < a.deaths.length; i++) if (a.deaths[i] >= 1) fatalAt.push(i);
  const adj = new Map<number, Set<number>>();
  const fatalPts = { lon: Float64Array.from(fatalAt, (i) => a.lon[i]), lat: Float64Array.from(fatalAt, (i) => a.lat[i]) };
  for (const [x, y] of pairsWithin(fatalPts, fatalR)) {
    for (const [u, v] of [[x, y], [y, x]]) {
      const near = adj.get(u);
      if (near) near.add(v);
      else adj.set(u, new Set([v]));
    }
  }
  const fatal = new Set(fatalAt.filter((_, f) => fatalMin <= 1 || (adj.has(f) && inClique(f, fatalMin, adj))));
  return { seeds: [...new Set([...density.keys(), ...fatal])].sort((x, y) => x - y), fatal, density };
}

type At = Rec & { at: number };

/**
 * The records of the accidents at these indices (事故编号, 管辖单位, road read by rowid), by index. They come as one JSON
 * text of four lists in rowid order: for the tens of thousands of seeds of a dense city, parsing it costs a fraction
 * of making an object per row.
 */
async function records(q: Query, a: Accidents, at: readonly number[]): Promise<Map<number, At>> {
  const out = new Map<number, At>();
  if (at.length === 0) return out;
  const byRid = new Map(at.map((i) => [a.rid[i], i]));
  const [{ j }] = await q.rows<{ j: string | null }>(
    `SELECT CAST(to_json({rid: list(CAST(rowid AS DOUBLE) ORDER BY rowid), id: list(accident_id ORDER BY rowid),
                           unit: list(unit_code ORDER BY rowid), road: list(road ORDER BY rowid)}) AS VARCHAR) AS j
     FROM accidents WHERE rowid IN (SELECT unnest(from_json($rids, '["BIGINT"]')))`, { rids: JSON.stringify([...byRid.keys()]) });
  const cols = JSON.parse(j ?? '{}') as { rid?: number[]; id?: string[]; unit?: (string | null)[]; road?: (string | null)[] };
  (cols.rid ?? []).forEach((rid, k) => {
    const i = byRid.get(rid);
    if (i !== undefined) {
      out.set(i, { at: i, id: cols.id?.[k] ?? '', lon: a.lon[i], lat: a.lat[i], unit: cols.unit?.[k] ?? null, road: cols.road?.[k] ?? null, deaths: a.deaths[i] });
    }
  });
  return out;
}

const byId = (x: { id: string }, y: { id: string }) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
/** The records at these indices, by 事故编号. */
const pick = (recs: ReadonlyMap<number, At>, at: readonly number[]): At[] => at.flatMap((i) => recs.get(i) ?? []).sort(byId);

/**
 * One location's warning (15.2–15.4): id = the mean of the accidents within locR of the seeds' centre (the seeds' mean
 * when none), evidence = those accidents and the seeds, by 事故编号.
 */
function locationFinding(group: readonly At[], near: readonly At[], seeds: Seeds, s: BlackspotSettings): Finding {
  const { fatalRadiusM: fatalR, densityRadiusM: densR, fatalMin, densityMin: densMin } = s;
  // Printed means are summed in 事故编号 order, the centre's fallback too (`group` is sorted by it).
  const where = meanInIdOrder(near.length ? near : group);
  const id = `${where.lon.toFixed(6)},${where.lat.toFixed(6)}`;
  const recs = new Map<string, { id: string; unit: string | null; road: string | null; deaths: number }>();
  for (const r of near) recs.set(r.id, r);
  for (const p of group) recs.set(p.id, p);
  const ev = [...recs.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  const fatal = group.some((p) => seeds.fatal.has(p.at));
  const dens = group.reduce((m, p) => Math.max(m, seeds.density.get(p.at) ?? 0), 0);
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
    const q: Query = {
      rows: <T>(sql: string, extra: Record<string, string> = {}) => ctx.store.all<T>(sql, { ...usedParams(sql, ctx.params), ...extra }),
      numbers: (sql: string) => ctx.store.numbers(sql, usedParams(sql, ctx.params)),
    };
    // One transaction: the accidents are read twice, the second time by rowid.
    const { seeds, groups, near } = await transaction(ctx.store, async () => {
      const acc = await readAccidents(q);
      const seeds = findSeeds(acc, s);
      // 15.2: seeds merged single-link at ≤ mergeR; around each group's centre (the mean of its seeds), the
      // accidents within locR. Then the records of all of them, read at once.
      const seedPts = { lon: Float64Array.from(seeds.seeds, (i) => acc.lon[i]), lat: Float64Array.from(seeds.seeds, (i) => acc.lat[i]) };
      const byIndex = componentsWithin(seedPts, s.mergeRadiusM).map((g) => g.map((k) => seeds.seeds[k]));
      const centres = byIndex.map((g) => exactMean(g.map((i) => ({ lon: acc.lon[i], lat: acc.lat[i] }))));
      const around = pointsAround(acc, { lon: Float64Array.from(centres, (c) => c.lon), lat: Float64Array.from(centres, (c) => c.lat) }, s.locationRadiusM);
      const recs = await records(q, acc, [...new Set([...seeds.seeds, ...around.flat()])]);
      return { seeds, groups: byIndex.map((g) => pick(recs, g)), near: around.map((g) => pick(recs, g)) };
    });
    const out = groups.map((g, i) => locationFinding(g, near[i], seeds, s));
    return toFindings(out.sort((a, b) => (a.subject_id < b.subject_id ? -1 : a.subject_id > b.subject_id ? 1 : 0)));
  },
};
