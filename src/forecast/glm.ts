// A negative-binomial regression with a log link, fitted by penalised IRLS (iteratively reweighted
// least squares), and its predictive distribution. Small and dense: the design has a few dozen
// columns, so normal equations with a Cholesky solve are exact enough and fast.
//
// The ridge penalty is a prior on each coefficient (precision λ: sd 1/√λ on the log scale). It keeps
// the fit stable on short histories (a unit with three months of data, a month of year seen once)
// and shrinks unit trends towards the common trend rather than letting one noisy year extrapolate.

export interface GlmData {
  /** Row-major design, n rows × p columns. */
  readonly x: Float64Array;
  readonly n: number;
  readonly p: number;
  readonly y: Float64Array;
  readonly offset: Float64Array;
  /** Ridge precision per column (0 = unpenalised). */
  readonly penalty: Float64Array;
}

export interface GlmFit {
  readonly beta: Float64Array;
  /** NB2 overdispersion α (variance = μ + αμ²); 0 = Poisson. */
  readonly alpha: number;
  /** Cholesky factor of the penalised information X'WX + Λ at the fit (for prediction variance). */
  readonly chol: Float64Array;
  readonly p: number;
  readonly iterations: number;
}

/** Lower-triangular Cholesky factor of a p×p symmetric positive-definite matrix (row-major). */
function cholesky(a: Float64Array, p: number): Float64Array {
  const l = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * p + j];
      for (let k = 0; k < j; k++) s -= l[i * p + k] * l[j * p + k];
      if (i === j) {
        if (!(s > 0)) throw new Error('forecast model: information matrix not positive definite');
        l[i * p + i] = Math.sqrt(s);
      } else {
        l[i * p + j] = s / l[j * p + j];
      }
    }
  }
  return l;
}

/** Solve L L' v = b. */
function cholSolve(l: Float64Array, p: number, b: Float64Array): Float64Array {
  const z = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * p + k] * z[k];
    z[i] = s / l[i * p + i];
  }
  const v = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = z[i];
    for (let k = i + 1; k < p; k++) s -= l[k * p + i] * v[k];
    v[i] = s / l[i * p + i];
  }
  return v;
}

function irls(d: GlmData, alpha: number, start: Float64Array): { beta: Float64Array; chol: Float64Array; iterations: number } {
  const { x, n, p, y, offset, penalty } = d;
  let beta: Float64Array = start;
  let chol: Float64Array = new Float64Array(p * p);
  for (let it = 1; it <= 50; it++) {
    const a = new Float64Array(p * p);
    const b = new Float64Array(p);
    for (let i = 0; i < n; i++) {
      let eta = offset[i];
      for (let j = 0; j < p; j++) eta += x[i * p + j] * beta[j];
      const mu = Math.exp(Math.min(eta, 30));
      const w = mu / (1 + alpha * mu);
      // Working response without the offset: z = η − offset + (y − μ)/μ.
      const z = eta - offset[i] + (y[i] - mu) / mu;
      for (let j = 0; j < p; j++) {
        const xij = x[i * p + j];
        if (xij === 0) continue;
        b[j] += w * xij * z;
        for (let k = 0; k <= j; k++) a[j * p + k] += w * xij * x[i * p + k];
      }
    }
    for (let j = 0; j < p; j++) {
      a[j * p + j] += penalty[j] + 1e-9;
      for (let k = 0; k < j; k++) a[k * p + j] = a[j * p + k];
    }
    chol = cholesky(a, p);
    const next = cholSolve(chol, p, b);
    let change = 0;
    for (let j = 0; j < p; j++) change = Math.max(change, Math.abs(next[j] - beta[j]));
    beta = next;
    if (change < 1e-8) return { beta, chol, iterations: it };
  }
  return { beta, chol, iterations: 50 };
}

/** Means of the fitted rows. */
function fitted(d: GlmData, beta: Float64Array): Float64Array {
  const mu = new Float64Array(d.n);
  for (let i = 0; i < d.n; i++) {
    let eta = d.offset[i];
    for (let j = 0; j < d.p; j++) eta += d.x[i * d.p + j] * beta[j];
    mu[i] = Math.exp(eta);
  }
  return mu;
}

/** A start with the intercept (column 0 by convention) at the log of the mean rate, the rest at 0. */
function interceptStart(d: GlmData): Float64Array {
  const start = new Float64Array(d.p);
  let sy = 0, so = 0;
  for (let i = 0; i < d.n; i++) { sy += d.y[i]; so += Math.exp(d.offset[i]); }
  start[0] = Math.log(Math.max(sy, 0.5) / so);
  return start;
}

/** The penalised Poisson fit alone (fitNegBin's first step): the coefficients' posterior mode under the ridge priors. */
export function fitPoisson(d: GlmData): Float64Array {
  return irls(d, 0, interceptStart(d)).beta;
}

/**
 * Fit: Poisson first, then α by the method of moments on its residuals (Σ[(y−μ)² − μ] / Σμ²,
 * floored at 0), then the NB fit with that α, and α once more from the NB fit.
 */
export function fitNegBin(d: GlmData): GlmFit {
  let fit = irls(d, 0, interceptStart(d));
  let alpha = 0;
  let iterations = fit.iterations;
  for (let round = 0; round < 2; round++) {
    const mu = fitted(d, fit.beta);
    let num = 0, den = 0;
    for (let i = 0; i < d.n; i++) { num += (d.y[i] - mu[i]) ** 2 - mu[i]; den += mu[i] ** 2; }
    alpha = den > 0 ? Math.max(0, num / den) : 0;
    fit = irls(d, alpha, fit.beta);
    iterations += fit.iterations;
  }
  return { beta: fit.beta, alpha, chol: fit.chol, p: d.p, iterations };
}

/** g'(X'WX + Λ)⁻¹g: the variance of the linear combination g'β̂ of the coefficients at the fit. */
export function combinationVariance(fit: GlmFit, g: Float64Array): number {
  const v = cholSolve(fit.chol, fit.p, g);
  let s = 0;
  for (let j = 0; j < fit.p; j++) s += g[j] * v[j];
  return s;
}

export interface Prediction { mean: number; low: number; high: number }

/**
 * The predictive distribution of a new count with design row `row` and `offset`: NB with mean
 * exp(η) and overdispersion α + Var(η̂) (a gamma mixture whose log-variance equals the coefficients'
 * uncertainty, so a poorly known unit gets a wider interval). Interval: the `level` central quantiles.
 */
export function predict(fit: GlmFit, row: Float64Array, offset: number, level = 0.8): Prediction {
  let eta = offset;
  for (let j = 0; j < fit.p; j++) eta += row[j] * fit.beta[j];
  const v = cholSolve(fit.chol, fit.p, row);
  let varEta = 0;
  for (let j = 0; j < fit.p; j++) varEta += row[j] * v[j];
  const mean = Math.exp(eta + varEta / 2);
  const a = fit.alpha + (Math.exp(varEta) - 1);
  return { mean, ...countInterval(mean, a, level) };
}

/**
 * The integer interval [low, high] whose probability under NB2(mean, α) is nearest `level`, from the
 * candidates around the two tail quantiles. Counts are discrete: the plain 10 % and 90 % quantiles of a
 * count of 5 hold 89 % of it, not 80 %, so for a unit with few accidents the plain quantiles are too wide.
 * Of the candidates equally near, the one with the more even tails.
 */
export function countInterval(mean: number, alpha: number, level = 0.8): { low: number; high: number } {
  const tail = (1 - level) / 2;
  const q10 = nbQuantile(mean, alpha, tail), q90 = nbQuantile(mean, alpha, 1 - tail);
  if (!(mean > 0)) return { low: q10, high: q90 };
  const cdf = nbCdf(mean, alpha, q90 + 1);
  const below = (k: number) => (k <= 0 ? 0 : cdf[k - 1]);
  let best = { low: q10, high: q90 }, score = Infinity;
  for (let low = Math.max(0, q10 - 1); low <= q10 + 1; low++) {
    for (let high = Math.max(low, q90 - 1); high <= q90 + 1; high++) {
      const p = cdf[high] - below(low);
      const s = Math.abs(p - level) + 0.25 * Math.abs(below(low) - (1 - cdf[high]));
      if (s < score - 1e-12) { score = s; best = { low, high }; }
    }
  }
  return best;
}

/** P(Y ≤ k) for k = 0..n. */
function nbCdf(mean: number, alpha: number, n: number): number[] {
  const logPmf = nbLogPmf(mean, alpha);
  const out: number[] = [];
  let c = 0;
  for (let k = 0; k <= n; k++) { c += Math.exp(logPmf(k)); out.push(Math.min(1, c)); }
  return out;
}

function nbLogPmf(mean: number, alpha: number): (k: number) => number {
  if (alpha < 1e-8) return (k: number) => k * Math.log(mean) - mean - lgamma(k + 1);
  const r = 1 / alpha;
  const lp = Math.log(r / (r + mean)), lq = Math.log(mean / (r + mean));
  const c = -lgamma(r);
  return (k: number) => lgamma(k + r) + c - lgamma(k + 1) + r * lp + k * lq;
}

/** Smallest k with P(Y ≤ k) ≥ q for Y ~ NB2(mean, α) (Poisson when α ≈ 0). */
export function nbQuantile(mean: number, alpha: number, q: number): number {
  if (!(mean > 0)) return 0;
  const logPmf = nbLogPmf(mean, alpha);
  let cdf = 0;
  const limit = Math.ceil(mean * 20 + 1000);
  for (let k = 0; k <= limit; k++) {
    cdf += Math.exp(logPmf(k));
    if (cdf >= q - 1e-12) return k;
  }
  return limit;
}

/** log Γ(x) for x > 0 (Lanczos, g = 7). */
export function lgamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
  const g = 7;
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  x -= 1;
  let a = c[0];
  const t = x + g + 0.5;
  for (let i = 1; i < g + 2; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}
