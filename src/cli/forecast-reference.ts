// The season-unknown reference of `npm run forecast:eval`: a forecaster given everything the generator
// knows (each unit's true level and trend, the true weight of every day: holidays, the Spring Festival, 春运,
// weekends) EXCEPT the twelve month-of-year factors, which it estimates from the same months of history the
// model sees. What it misses, no forecaster that has to learn the month of year from those months reaches by
// skill: it measures how much of the model's error the unknown season alone accounts for.
//
// The truth handed to it: the generator's expected count of a unit-month divided by the month's factor
// (src/demo/accident-season.ts: the factor multiplies every day of the month, so this is exact). The factors
// are then estimated from the sufficient statistics of each month of year m over the window — Y_m, the counts
// of all units in the months of year m, and E_m, their expected counts with factor 1 — in three ways:
//   ml      Y_m / E_m, the maximum-likelihood estimate (Poisson), pooled over the units;
//   pooled  the gamma–Poisson posterior mean, the twelve factors shrunk towards their common mean by the
//           spread the data show between months beyond their sampling noise (empirical Bayes);
//   prior   the model's own season terms (two harmonics and each month's departure from them, Gaussian priors
//           on the log scale), their priors chosen for this reference on seeds 6–25: the best of the three there.
// A month of year not yet seen gets the common mean (ml, pooled) or the curve (prior).
//
// With `learnLevel` it also learns each unit's level from the window (alternately with the factors): it still
// knows trends and the calendar, so it bounds what a forecaster that has to learn levels and season can do.
import { fitPoisson } from '../forecast/glm.ts';
import type { History } from '../forecast/history.ts';

export type SeasonEstimator = 'ml' | 'pooled' | 'prior';
export const SEASON_ESTIMATORS: SeasonEstimator[] = ['ml', 'pooled', 'prior'];

/**
 * The `prior` estimator's precisions (1/sd² on the log scale) of the two harmonics and of each month's departure
 * from them: the model's season terms, here with everything else known. Chosen on seeds 6–25 like the model's.
 */
export const REFERENCE_PRIOR = { harmonic: 300, season: 300 };

/** Expected counts unit → month index → expected. */
export type Expected = ReadonlyMap<string, ReadonlyMap<number, number>>;

/**
 * Estimate the twelve month-of-year factors from y[m] (counts) and e[m] (expected counts at factor 1), m = 0..11.
 * A month with e[m] = 0 has not been seen.
 */
export function estimateMonthFactors(y: readonly number[], e: readonly number[], how: SeasonEstimator, prior = REFERENCE_PRIOR): number[] {
  const seen = [...Array(12).keys()].filter((m) => e[m] > 0);
  if (seen.length === 0) return Array<number>(12).fill(1);
  if (how === 'prior') return penalisedSeason(y, e, seen, prior);
  const mean = seen.reduce((s, m) => s + y[m], 0) / seen.reduce((s, m) => s + e[m], 0);
  if (how === 'ml') return e.map((em, m) => (em > 0 ? y[m] / em : mean));
  // pooled: r = y/(e·mean) has mean F/mean and sampling variance 1/(e·mean). The spread of the r beyond that
  // noise is the prior's variance τ² (method of moments); the posterior mean under a gamma prior of mean 1 and
  // variance τ² is (y + κ)/(e·mean + κ), κ = 1/τ².
  let ss = 0, noise = 0;
  for (const m of seen) { const ec = e[m] * mean; ss += (y[m] / ec - 1) ** 2; noise += 1 / ec; }
  const tau2 = seen.length > 1 ? Math.max(0, ss / (seen.length - 1) - noise / seen.length) : 0;
  if (tau2 <= 0) return Array<number>(12).fill(mean);
  const kappa = 1 / tau2;
  return e.map((em, m) => (em > 0 ? (mean * (y[m] + kappa)) / (em * mean + kappa) : mean));
}

/**
 * The posterior mode of log F_m = b0 + Σk=1,2 (ak cos + bk sin)(2πk·m/12) + s_m under Poisson counts y[m] with
 * exposure e[m], Gaussian priors on the harmonics and the departures s_m (b0 free): the model's season terms.
 * A month not seen gets its curve value (its departure stays at the prior's 0).
 */
function penalisedSeason(y: readonly number[], e: readonly number[], seen: number[], prior: { harmonic: number; season: number }): number[] {
  const p = 17;
  const row = (m: number) => {
    const r = new Float64Array(p);
    r[0] = 1;
    for (let k = 1; k <= 2; k++) { r[2 * k - 1] = Math.cos((2 * Math.PI * k * m) / 12); r[2 * k] = Math.sin((2 * Math.PI * k * m) / 12); }
    r[5 + m] = 1;
    return r;
  };
  const x = new Float64Array(seen.length * p);
  seen.forEach((m, i) => x.set(row(m), i * p));
  const beta = fitPoisson({
    x, n: seen.length, p,
    y: Float64Array.from(seen, (m) => y[m]),
    offset: Float64Array.from(seen, (m) => Math.log(e[m])),
    penalty: Float64Array.from({ length: p }, (_, j) => (j === 0 ? 0 : j < 5 ? prior.harmonic : prior.season)),
  });
  return [...Array(12).keys()].map((m) => Math.exp(row(m).reduce((s, v, j) => s + v * beta[j], 0)));
}

export interface ReferenceOptions { origins: number; window: number; how: SeasonEstimator; learnLevel?: boolean; prior?: { harmonic: number; season: number } }

/**
 * The season-unknown forecaster over the same origins and windows as the backtest (each origin m sees the
 * months max(first, m − window) … m − 1): sums of absolute errors per unit-month and of the citywide total.
 * `oracle` is the generator's expected count, `monthFactor` its twelve factors (only to take them out of the oracle).
 */
export function seasonUnknown(h: History, oracle: Expected, monthFactor: readonly number[], o: ReferenceOptions): { absSum: number; totalAbsSum: number } {
  let absSum = 0, totalAbsSum = 0;
  const base = (unit: string, k: number) => (oracle.get(unit)?.get(k) ?? 0) / monthFactor[k % 12];
  for (let m = h.last - o.origins + 1; m <= h.last; m++) {
    const from = Math.max(h.first, m - o.window);
    const level = new Map(h.units.map((u) => [u, 1]));
    let factors = Array<number>(12).fill(1);
    // Without learnLevel one pass is the estimate; with it, levels and factors alternately (the product is what is
    // identified, and it settles in a few rounds).
    for (let round = 0; round < (o.learnLevel ? 30 : 1); round++) {
      const y = Array<number>(12).fill(0), e = Array<number>(12).fill(0);
      for (const unit of h.units) {
        const l = level.get(unit) ?? 1;
        for (let k = from; k < m; k++) { y[k % 12] += h.counts.get(unit)?.get(k) ?? 0; e[k % 12] += l * base(unit, k); }
      }
      factors = estimateMonthFactors(y, e, o.how, o.prior);
      if (!o.learnLevel) break;
      for (const unit of h.units) {
        let seen = 0, expected = 0;
        for (let k = from; k < m; k++) { seen += h.counts.get(unit)?.get(k) ?? 0; expected += base(unit, k) * factors[k % 12]; }
        level.set(unit, expected > 0 ? seen / expected : 0);
      }
    }
    let guess = 0, actual = 0;
    for (const unit of h.units) {
      const f = (level.get(unit) ?? 1) * base(unit, m) * factors[m % 12], yv = h.counts.get(unit)?.get(m) ?? 0;
      absSum += Math.abs(f - yv);
      guess += f; actual += yv;
    }
    totalAbsSum += Math.abs(guess - actual);
  }
  return { absSum, totalAbsSum };
}
