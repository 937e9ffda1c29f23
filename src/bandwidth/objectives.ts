/**
 * Objectives of width selection, each a function of the raw widths h (smaller is better):
 * - regression `cv-ls`: leave-one-out mean squared error (1/n) Σ ‖yᵢ − ŷ₋ᵢ(xᵢ)‖² (weighted by wᵢ);
 * - classification `cv-ls`: leave-one-out cross-entropy −(1/n) Σ log p̂₋ᵢ(yᵢ | xᵢ);
 * - density `cv-ml`: minus the mean leave-one-out log-likelihood (Habbema, Hermans & van den Broek 1974);
 * - density `cv-ls`: least-squares CV ∫f̂² − (2/n) Σ f̂₋ᵢ(xᵢ) (Rudemo 1982; Bowman 1984), Gaussian only;
 * - regression `aic`: AIC_c = log σ̂² + (1 + tr H/n) / (1 − (tr H + 2)/n) (Hurvich, Simonoff & Tsai 1998),
 *   with tr H the sum of the self-weights of the in-sample smoother.
 * An undefined estimate (no other key in reach) makes the objective +Infinity: such a width cannot
 * predict every point.
 */
import { NadarayaError } from '../errors.js';
import { pool } from '../engine/pool.js';
import { estimates } from '../engine/readings.js';
import type { PoolSums } from '../engine/types.js';
import { densityConstant } from '../kernels/normalization.js';
import { similarityAt } from './problem.js';
import type { SelectionProblem } from './problem.js';

export type Objective = (h: Float64Array) => number;

/**
 * Pools the training points against the keys, leaving each one out (or not). On sorted 1-D keys the walk
 * away from each point stops where the remaining terms together fall below 2⁻⁶⁰ of the sum — below the
 * rounding of the sum itself — which makes a scan over wide widths several times cheaper.
 */
export function poolTraining(problem: SelectionProblem, h: ArrayLike<number>, leaveOneOut: boolean): PoolSums {
  // cross-entropy takes the log of each class's share, and a rare class's share can be made of terms that
  // are all below 2⁻⁶⁰ of the sum: for classification only terms that are exactly 0 are skipped
  const negligibleLog = problem.task === 'classification' ? undefined : 60 * Math.LN2 + Math.log(problem.n);
  return pool(problem.keys, similarityAt(problem, h), problem.points, problem.n, negligibleLog === undefined ? { leaveOneOut } : { leaveOneOut, negligibleLog });
}

/** Weighted mean of per-point losses; NaN losses make it +Infinity. */
function weightedMean(problem: SelectionProblem, loss: (i: number) => number): number {
  let s = 0;
  let total = 0;
  for (let i = 0; i < problem.n; i++) {
    const w = problem.weights ? problem.weights[i]! : 1;
    if (w === 0) continue;
    const l = loss(i);
    if (Number.isNaN(l)) return Infinity;
    s += w * l;
    total += w;
  }
  return s / total;
}

/** Squared error (regression) or cross-entropy (classification) of pooled estimates. */
export function predictionLoss(problem: SelectionProblem, est: Float64Array): number {
  const { p, targets } = problem;
  if (problem.task === 'classification') {
    return weightedMean(problem, (i) => {
      let prob = 0;
      for (let k = 0; k < p; k++) prob += targets![i * p + k]! * est[i * p + k]!;
      return -Math.log(prob);
    });
  }
  return weightedMean(problem, (i) => {
    let e = 0;
    for (let k = 0; k < p; k++) e += (targets![i * p + k]! - est[i * p + k]!) ** 2;
    return e;
  });
}

/** Leave-one-out loss: MSE for regression, cross-entropy for classification (`inSample` keeps each point). */
export function looLoss(problem: SelectionProblem, inSample = false): Objective {
  return (h) => predictionLoss(problem, estimates(poolTraining(problem, h, !inSample)));
}

/** Fraction (weighted by wᵢ) of points whose leave-one-out class is wrong (classification). */
export function looErrorRate(problem: SelectionProblem, h: Float64Array): number {
  const est = estimates(poolTraining(problem, h, true));
  const { p, targets } = problem;
  return weightedMean(problem, (i) => {
    let best = 0;
    for (let k = 1; k < p; k++) if (est[i * p + k]! > est[i * p + best]!) best = k;
    return targets![i * p + best] === 1 ? 0 : 1;
  });
}

/** log of the normaliser of one kernel bump at widths h: log(C_d ∏ h). */
function logBump(problem: SelectionProblem, h: ArrayLike<number>): number {
  let s = Math.log(densityConstant(problem.kernel, problem.d, problem.shape));
  for (let c = 0; c < problem.d; c++) s += Math.log(h[c]!);
  return s;
}

/** −(mean leave-one-out log-likelihood) of the density. */
export function negLooLogLikelihood(problem: SelectionProblem): Objective {
  return (h) => {
    const sums = poolTraining(problem, h, true);
    const total = problem.keys.totalWeight;
    const lb = logBump(problem, h);
    return weightedMean(problem, (i) => {
      const w = problem.weights ? problem.weights[i]! : 1;
      const s = sums.sum[i]!;
      return s > 0 ? -(sums.logScale[i]! + Math.log(s) - Math.log(total - w) - lb) : Infinity;
    });
  };
}

/** Least-squares cross-validation of a Gaussian density: ∫f̂² − 2 · mean f̂₋ᵢ(xᵢ). */
export function densityLscv(problem: SelectionProblem): Objective {
  if (problem.kernel.name !== 'gaussian' || problem.keys.invKeyScale) {
    throw new NadarayaError('E_PARAM', { argument: 'bandwidth', value: 'cv-ls' },
      `least-squares CV of a density has a closed form for the Gaussian kernel with one global width only (kernel is ${problem.kernel.name}); use cv-ml`);
  }
  return (h) => {
    const total = problem.keys.totalWeight;
    // ∫ f̂² = (1/W²) Σᵢ Σⱼ wᵢ wⱼ φ_{√2 h}(xᵢ − xⱼ): the Gaussian convolved with itself has √2 times the width
    const wide = Float64Array.from(h, (v) => v * Math.SQRT2);
    const all = poolTraining(problem, wide, false);
    const lbWide = logBump(problem, wide);
    let integral = 0;
    for (let i = 0; i < problem.n; i++) {
      const w = problem.weights ? problem.weights[i]! : 1;
      integral += w * all.sum[i]! * Math.exp(all.logScale[i]! - lbWide);
    }
    integral /= total * total;
    const loo = poolTraining(problem, h, true);
    const lb = logBump(problem, h);
    let cross = 0;
    for (let i = 0; i < problem.n; i++) {
      const w = problem.weights ? problem.weights[i]! : 1;
      const s = loo.sum[i]!;
      cross += s > 0 ? (w * s * Math.exp(loo.logScale[i]! - lb)) / (total - w) : 0;
    }
    return integral - (2 * cross) / total;
  };
}

/**
 * AIC_c of Hurvich, Simonoff and Tsai (1998) for the regression smoother at widths h. With observation
 * weights, σ̂² and n are weighted (n = Σ wᵢ), so integer weights equal repeated rows and a zero weight equals
 * dropping the row; the self-weights Hᵢᵢ = wᵢ α(0) / Σⱼ wⱼ αᵢⱼ already carry wᵢ.
 */
export function aicc(problem: SelectionProblem): Objective {
  const { n, p, keys } = problem;
  const logSelf = problem.kernel.logAbsSq(0);
  return (h) => {
    const sums = poolTraining(problem, h, false);
    const est = estimates(sums);
    let rss = 0;
    let trace = 0;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const w = problem.weights ? problem.weights[i]! : 1;
      if (w === 0) continue;
      total += w;
      for (let k = 0; k < p; k++) rss += w * (problem.targets![i * p + k]! - est[i * p + k]!) ** 2;
      const stored = keys.rank ? keys.rank[i]! : i;
      const lw = keys.logWeights ? keys.logWeights[stored]! : 0;
      trace += Math.exp(logSelf + lw - sums.logScale[i]!) / sums.sum[i]!;
    }
    const sigma2 = rss / (total * p);
    const denom = 1 - (trace + 2) / total;
    return denom > 0 ? Math.log(sigma2) + (1 + trace / total) / denom : Infinity;
  };
}
