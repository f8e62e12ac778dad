// Synthetic monthly accident series for the forecast and bulletin tests: counts drawn from a known
// Poisson rate (seeded), written as accidents spread over each month's days.
import type { Store } from '../../src/store/db.ts';
import { Rng } from '../../src/demo/rng.ts';
import { addMonths, daysIn, monthIndex } from '../../src/time/index.ts';

export interface SeriesSpec {
  units: Record<string, number>;
  from: string;
  months: number;
  /** Multiplier by month of year (index 0 = January); default flat. */
  season?: number[];
  seed?: number;
}

function poisson(r: Rng, mean: number): number {
  const L = Math.exp(-mean);
  let k = 0, p = 1;
  do { k++; p *= r.next(); } while (p > L);
  return k - 1;
}

/** Insert the series; returns the counts drawn, unit → month → n. */
export async function insertSeries(store: Store, spec: SeriesSpec): Promise<Map<string, Map<string, number>>> {
  const r = new Rng(spec.seed ?? 1);
  const drawn = new Map<string, Map<string, number>>();
  const values: string[] = [];
  let id = 0;
  for (const [unit, rate] of Object.entries(spec.units)) {
    const m = new Map<string, number>();
    drawn.set(unit, m);
    for (let k = 0; k < spec.months; k++) {
      const month = addMonths(spec.from, k);
      const n = poisson(r, rate * (spec.season?.[monthIndex(month) % 12] ?? 1));
      m.set(month, n);
      const days = daysIn(month);
      for (let i = 0; i < n; i++) {
        // Spread over the month, and always one on the last day so the month reads as complete.
        const day = i === 0 ? days : 1 + r.int(days);
        values.push(`('T${++id}', TIMESTAMP '${month}-${String(day).padStart(2, '0')} ${String(r.int(24)).padStart(2, '0')}:30:00', '${unit}', '简易程序', '已结案')`);
      }
    }
  }
  for (let i = 0; i < values.length; i += 5000) {
    await store.run(`INSERT INTO accidents (accident_id, occurred_at, unit_code, procedure, status) VALUES ${values.slice(i, i + 5000).join(',')}`);
  }
  return drawn;
}
