// The draw of a spot check (抽查): a stratified simple random sample without replacement, one stratum per
// unit, made reproducible the way an auditor's sample is — a named generator, a seed and a fingerprint
// of the population, so anyone holding the same data can redraw the same records and see that nothing
// was picked by hand.
import { createHash, randomInt } from 'node:crypto';
import { mersenne } from 'pure-rand/generator/mersenne';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { byCodePoint } from '../analyze/merge.ts';

/** Written into every sample so a reader knows exactly how to redraw it. */
export const GENERATOR = 'MT19937 (pure-rand mersenne); strata in unit-code order, partial Fisher–Yates over keys in code-point order';

export interface PopulationRecord {
  /** Stratum: the unit that answers for the record. */
  readonly unit: string;
  /** 'violation' | 'accident' | 'video' */
  readonly kind: string;
  readonly id: string;
}

export interface DrawnRecord extends PopulationRecord {
  /** 1-based position in the draw within its stratum: the order the auditor's generator chose it. */
  readonly order: number;
}

export interface Stratum { readonly unit: string; readonly population: number; readonly drawn: number }

export interface Draw {
  readonly seed: number;
  readonly generator: string;
  readonly populationSha256: string;
  readonly population: number;
  readonly strata: readonly Stratum[];
  readonly rows: readonly DrawnRecord[];
}

export interface DrawParams {
  /** Fraction in (0, 1]. */
  readonly rate: number;
  /** Minimum per unit (a unit with fewer records gives them all). */
  readonly min: number;
  /** 32-bit unsigned seed. */
  readonly seed: number;
}

const recordKey = (r: PopulationRecord): string => `${r.kind}:${r.id}`;

/** SHA-256 over the population's keys (`kind:id`), sorted by code point, one per line. */
export function populationHash(records: readonly PopulationRecord[]): string {
  const keys = records.map(recordKey).sort(byCodePoint);
  return createHash('sha256').update(keys.join('\n')).digest('hex');
}

/** How many to draw from a stratum of n: the rate rounded up, at least `min`, at most n. */
export const stratumSize = (n: number, rate: number, min: number): number => Math.min(n, Math.max(min, Math.ceil(n * rate - 1e-9)));

/** A seed for a draw the user did not seed: chosen here, then recorded and printed like any other. */
export const chooseSeed = (): number => randomInt(0, 2 ** 32 - 1);

export function drawSample(records: readonly PopulationRecord[], p: DrawParams): Draw {
  const byUnit = new Map<string, PopulationRecord[]>();
  for (const r of records) {
    const g = byUnit.get(r.unit);
    if (g) g.push(r);
    else byUnit.set(r.unit, [r]);
  }
  const rng = mersenne(p.seed >>> 0);
  const strata: Stratum[] = [];
  const rows: DrawnRecord[] = [];
  for (const [unit, list] of [...byUnit].sort(([a], [b]) => byCodePoint(a, b))) {
    // Sorting first makes the draw independent of the order the database returned the rows in.
    const keys = list.slice().sort((a, b) => byCodePoint(recordKey(a), recordKey(b)));
    const k = stratumSize(keys.length, p.rate, p.min);
    for (let i = 0; i < k; i++) {
      const j = uniformInt(rng, i, keys.length - 1);
      [keys[i], keys[j]] = [keys[j], keys[i]];
      rows.push({ ...keys[i], order: i + 1 });
    }
    strata.push({ unit, population: keys.length, drawn: k });
  }
  return { seed: p.seed >>> 0, generator: GENERATOR, populationSha256: populationHash(records), population: records.length, strata, rows };
}
