// Points near each other, exactly (haversine ≤ radius, as geo/distance.ts measures), found through a grid so
// that a point is compared only with the points of its own and the eight neighbouring cells. The blackspot
// rule counts each accident's neighbours within 200 m and pairs the fatal accidents within 500 m here, in
// memory, over the coordinates read once: the same pairs as a grid join in SQL, at a small fraction of its
// cost per pair (no rows made for candidate pairs, no grouping of them afterwards).
import { EARTH_RADIUS_M, haversineM } from './distance.ts';

/** Coordinates in degrees, one entry per point. */
export interface Coords { readonly lon: Float64Array; readonly lat: Float64Array }

const RAD = Math.PI / 180;

/**
 * Grid cells, in degrees, such that two points at most `radiusM` apart (haversine) with latitudes of at most
 * `maxAbsLat` lie in the same or neighbouring cells: |Δlat| ≤ r/R, and cos φ1·cos φ2·hav(Δlon) ≤ hav(r/R) bounds
 * Δlon. 0.1 % wider for rounding; one column for every longitude where the bound reaches the pole. (The grid
 * does not reach across the ±180° meridian.)
 */
export function cellDegrees(radiusM: number, maxAbsLat: number): { latDeg: number; lonDeg: number } {
  const deg = 180 / Math.PI;
  const latDeg = (radiusM / EARTH_RADIUS_M) * deg * 1.001;
  const s = Math.sin(radiusM / (2 * EARTH_RADIUS_M)) / Math.cos(Math.min(90, Math.abs(maxAbsLat)) / deg);
  return { latDeg, lonDeg: Number.isFinite(s) && s < 1 ? 2 * Math.asin(s) * deg * 1.001 : 720 };
}

/**
 * The points grouped by grid cell. A cell is one number, its column × h + its row, counted from the data's corner
 * with `split` empty rows and columns of margin, so that a neighbour up to `split` cells away never wraps into the
 * next column. `order` holds the points' indices sorted by cell (by index within a cell); the rows of one column are
 * consecutive numbers, so the points of cells k0 … k1 are one run of `order`: [lo(k0), lo(k1 + 1)).
 */
interface Grid {
  readonly n: number;
  readonly h: number;
  readonly latDeg: number;
  readonly lonDeg: number;
  /** each point's cell */
  readonly key: Float64Array;
  readonly order: Int32Array;
  /** the cell of column gx, row gy (Math.floor(lon / lonDeg), Math.floor(lat / latDeg)); -1 outside the grid */
  keyAt(gx: number, gy: number): number;
  /** the position in `order` of the first point whose cell is k or later */
  lo(k: number): number;
}

// `lo` is an array indexed by cell (4 bytes each) when the cells are not many more than the points; otherwise (a few
// points spread over a city, points spread over a province, one far outlier) a bisection of the points' sorted cells.
const denseGrid = (cells: number, points: number): boolean => cells <= Math.min(1 << 23, Math.max(1 << 16, 16 * points));

function maxAbsLat(p: Coords): number {
  let m = 0;
  for (let i = 0; i < p.lat.length; i++) m = Math.max(m, Math.abs(p.lat[i]));
  return m;
}

/** Cells 1/`split` as wide as cellDegrees(radiusM): points within the radius are at most `split` cells apart. */
function gridOf(p: Coords, radiusM: number, split = 1): Grid {
  const n = p.lon.length;
  const cell = cellDegrees(radiusM, maxAbsLat(p));
  const latDeg = cell.latDeg / split, lonDeg = cell.lonDeg / split;
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (let i = 0; i < n; i++) {
    const gx = Math.floor(p.lon[i] / lonDeg), gy = Math.floor(p.lat[i] / latDeg);
    if (gx < x0) x0 = gx;
    if (gx > x1) x1 = gx;
    if (gy < y0) y0 = gy;
    if (gy > y1) y1 = gy;
  }
  // `split` empty rows and columns of margin on each side: a neighbour up to `split` cells away never wraps.
  const h = n ? y1 - y0 + 1 + 2 * split : 1, w = n ? x1 - x0 + 1 + 2 * split : 1, cells = w * h;
  const keyAt = (cx: number, cy: number): number => {
    const x = cx - x0 + split, y = cy - y0 + split;
    return x >= 0 && x < w && y >= 0 && y < h ? x * h + y : -1;
  };
  const key = new Float64Array(n);
  for (let i = 0; i < n; i++) key[i] = keyAt(Math.floor(p.lon[i] / lonDeg), Math.floor(p.lat[i] / latDeg));
  const frame = { n, h, latDeg, lonDeg, key, keyAt };
  if (denseGrid(cells, n)) {
    // Counting sort. After counting and summing, end[k + 1] is where cell k ends; placing the points from the last
    // index down moves it to where cell k starts, points in index order within a cell.
    const end = new Int32Array(cells + 1);
    for (let i = 0; i < n; i++) end[key[i] + 1]++;
    for (let k = 0; k < cells; k++) end[k + 1] += end[k];
    const order = new Int32Array(n);
    for (let i = n - 1; i >= 0; i--) order[--end[key[i] + 1]] = i;
    return { ...frame, order, lo: (k) => (k < 0 ? 0 : k >= cells ? n : end[k + 1]) };
  }
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => key[a] - key[b] || a - b);
  const sorted = Float64Array.from(order, (i) => key[i]);
  return {
    ...frame, order,
    lo(k) {
      let a = 0, b = n;
      while (a < b) { const m = (a + b) >> 1; if (sorted[m] < k) a = m + 1; else b = m; }
      return a;
    },
  };
}

/**
 * `within(i, j)`: is haversineM(point i, point j) ≤ radiusM? Decided first on the chord between the points as unit
 * vectors (haversine's a = chord²/4, so no trigonometry per pair); only a pair whose chord is within a billionth of
 * the radius's is measured by haversineM's own arithmetic, so the answer is always haversineM's.
 */
function withinTest(p: Coords, radiusM: number): (i: number, j: number) => boolean {
  const n = p.lon.length;
  const x = new Float64Array(n), y = new Float64Array(n), z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const phi = p.lat[i] * RAD, lambda = p.lon[i] * RAD;
    x[i] = Math.cos(phi) * Math.cos(lambda); y[i] = Math.cos(phi) * Math.sin(lambda); z[i] = Math.sin(phi);
  }
  const chord2 = 4 * Math.sin(radiusM / (2 * EARTH_RADIUS_M)) ** 2;
  const inside = chord2 * (1 - 1e-9), outside = chord2 * (1 + 1e-9);
  return (i, j) => {
    const dx = x[i] - x[j], dy = y[i] - y[j], dz = z[i] - z[j];
    const c2 = dx * dx + dy * dy + dz * dz;
    if (c2 < inside) return true;
    if (c2 > outside) return false;
    return haversineM(p.lon[i], p.lat[i], p.lon[j], p.lat[j]) <= radiusM;
  };
}

/**
 * For each point, the number of points within radiusM of it, itself included — for the points that can have
 * `atLeast` or more; the others get 0. A point's neighbours all lie in its own and the 8 neighbouring cells, so a
 * point whose 3×3 block holds fewer than `atLeast` points cannot reach it and is not counted: the pairs compared
 * are those of the dense blocks only.
 */
export function countWithin(p: Coords, radiusM: number, atLeast = 0): Int32Array {
  const g = gridOf(p, radiusM);
  const within = withinTest(p, radiusM);
  const counts = new Int32Array(p.lon.length);
  // First, which cells are counted: those whose 3×3 block (three runs of `order`, one per column) holds `atLeast`
  // points. Marked at the position of the cell's first point in `order`.
  const counted = new Uint8Array(g.n);
  for (let start = 0, end = 0; start < g.n; start = end) {
    const k = g.key[g.order[start]];
    end = g.lo(k + 1);
    let block = 0;
    for (let dx = -1; dx <= 1; dx++) block += g.lo(k + dx * g.h + 2) - g.lo(k + dx * g.h - 1);
    if (block >= atLeast) counted[start] = 1;
  }
  // Then each pair once: within a counted cell, and between it and each neighbouring cell, unless that one is counted
  // too and comes first (it has compared the pair). Both ends of a pair within the radius are credited where counted.
  for (let start = 0, end = 0; start < g.n; start = end) {
    const k = g.key[g.order[start]];
    end = g.lo(k + 1);
    if (!counted[start]) continue;
    for (let t = start; t < end; t++) {
      const i = g.order[t];
      counts[i]++; // itself
      for (let u = t + 1; u < end; u++) { const j = g.order[u]; if (within(i, j)) { counts[i]++; counts[j]++; } }
    }
    for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) {
      if (dx === 0 && dy === 0) continue;
      const kb = k + dx * g.h + dy, from = g.lo(kb), to = g.lo(kb + 1);
      if (from === to) continue;
      const both = counted[from] === 1;
      if (both && kb < k) continue;
      for (let t = start; t < end; t++) {
        const i = g.order[t];
        for (let u = from; u < to; u++) {
          const j = g.order[u];
          if (within(i, j)) { counts[i]++; if (both) counts[j]++; }
        }
      }
    }
  }
  return counts;
}

/** For each centre, the indices (ascending) of the points within radiusM of it. */
export function pointsAround(p: Coords, centres: Coords, radiusM: number): number[][] {
  // A centre lies within the points' extent (it is a mean of some of them), so its cell and neighbours are on the grid.
  const g = gridOf(p, radiusM);
  return Array.from(centres.lon, (clon, c) => {
    const clat = centres.lat[c];
    const k = g.keyAt(Math.floor(clon / g.lonDeg), Math.floor(clat / g.latDeg));
    const found: number[] = [];
    if (k >= 0) for (let dx = -1; dx <= 1; dx++) {
      for (let t = g.lo(k + dx * g.h - 1), end = g.lo(k + dx * g.h + 2); t < end; t++) {
        const j = g.order[t];
        if (haversineM(clon, clat, p.lon[j], p.lat[j]) <= radiusM) found.push(j);
      }
    }
    return found.sort((a, b) => a - b);
  });
}

/** Every pair (i, j), i < j, of points within radiusM of each other, ordered by i then j. */
export function pairsWithin(p: Coords, radiusM: number): [number, number][] {
  const g = gridOf(p, radiusM);
  const within = withinTest(p, radiusM);
  const out: [number, number][] = [];
  for (let i = 0; i < p.lon.length; i++) {
    for (let dx = -1; dx <= 1; dx++) {
      for (let t = g.lo(g.key[i] + dx * g.h - 1), end = g.lo(g.key[i] + dx * g.h + 2); t < end; t++) {
        const j = g.order[t];
        if (j > i && within(i, j)) out.push([i, j]);
      }
    }
  }
  return out.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

/** Union-find over 0..n-1 whose root of a set is its smallest index. */
function unionFind(n: number): { find(x: number): number; union(a: number, b: number): void } {
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    let r = x;
    while (parent[r] !== r) r = parent[r];
    while (parent[x] !== r) { const nx = parent[x]; parent[x] = r; x = nx; }
    return r;
  };
  return {
    find,
    union(a, b) { const ra = find(a), rb = find(b); if (ra < rb) parent[rb] = ra; else if (rb < ra) parent[ra] = rb; },
  };
}

/**
 * The points joined single-link at ≤ radiusM (transitively): the connected components, each as ascending indices,
 * ordered by their first index. Points are put in cells half as wide as the radius, so points within it are at most
 * two cells apart. A cell whose points all lie within the radius of its first point (checked, not assumed) is one set
 * already; two such cells are joined by the first pair found within the radius, are skipped when their points' extents
 * are too far apart for any pair (a lower bound of the haversine), and are not looked at again once in one set. So a
 * dense town costs about its cells, not its points squared; other cells compare every pair not yet in one set.
 * The same points give the same components in any order of work.
 */
export function componentsWithin(p: Coords, radiusM: number): number[][] {
  const n = p.lon.length;
  const uf = unionFind(n);
  const g = gridOf(p, radiusM, 2);
  const within = withinTest(p, radiusM);
  const cosMax = Math.cos(maxAbsLat(p) * RAD);
  const limit = Math.sin(radiusM / (2 * EARTH_RADIUS_M)) ** 2 * (1 + 1e-9);
  interface Cell { start: number; end: number; whole: boolean; lon0: number; lon1: number; lat0: number; lat1: number }
  const cells: Cell[] = [];
  const cellAt = new Int32Array(n); // run start in `order` → index in `cells`
  for (let start = 0, end = 0; start < n; start = end) {
    end = g.lo(g.key[g.order[start]] + 1);
    const c: Cell = { start, end, whole: true, lon0: Infinity, lon1: -Infinity, lat0: Infinity, lat1: -Infinity };
    const first = g.order[start];
    for (let t = start; t < end; t++) {
      const j = g.order[t];
      c.lon0 = Math.min(c.lon0, p.lon[j]); c.lon1 = Math.max(c.lon1, p.lon[j]);
      c.lat0 = Math.min(c.lat0, p.lat[j]); c.lat1 = Math.max(c.lat1, p.lat[j]);
      if (t > start) { if (within(first, j)) uf.union(first, j); else c.whole = false; }
    }
    cellAt[start] = cells.length;
    cells.push(c);
  }
  const allPairs = (a: Cell, b: Cell | null) => {
    for (let s = a.start; s < a.end; s++) {
      const i = g.order[s];
      for (let t = b ? b.start : s + 1; t < (b ? b.end : a.end); t++) {
        const j = g.order[t];
        if (uf.find(i) !== uf.find(j) && within(i, j)) uf.union(i, j);
      }
    }
  };
  // No pair of a and b within the radius: the haversine's a is at least that of the gaps between their extents.
  const apart = (a: Cell, b: Cell) => {
    const dLat = Math.max(0, a.lat0 - b.lat1, b.lat0 - a.lat1) * RAD, dLon = Math.max(0, a.lon0 - b.lon1, b.lon0 - a.lon1) * RAD;
    return Math.sin(dLat / 2) ** 2 + cosMax * cosMax * Math.sin(Math.min(dLon, Math.PI) / 2) ** 2 > limit;
  };
  for (const a of cells) if (!a.whole) allPairs(a, null);
  for (const a of cells) {
    const k = g.key[g.order[a.start]];
    for (let dx = 0; dx <= 2; dx++) for (let dy = -2; dy <= 2; dy++) {
      if (dx === 0 && dy <= 0) continue; // each pair of cells once
      const kb = k + dx * g.h + dy, from = g.lo(kb);
      if (g.lo(kb + 1) === from) continue;
      const b = cells[cellAt[from]];
      if (apart(a, b)) continue;
      if (!a.whole || !b.whole) { allPairs(a, b); continue; }
      if (uf.find(g.order[a.start]) === uf.find(g.order[b.start])) continue;
      pairs: for (let s = a.start; s < a.end; s++) for (let t = b.start; t < b.end; t++) {
        if (within(g.order[s], g.order[t])) { uf.union(g.order[s], g.order[t]); break pairs; }
      }
    }
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = uf.find(i);
    const gr = groups.get(r);
    if (gr) gr.push(i);
    else groups.set(r, [i]);
  }
  return [...groups.values()];
}
