/**
 * Rules of thumb: widths from a normal reference, per coordinate. Each gives a Gaussian standard
 * deviation; for another kernel the raw width is scaled so that the kernel's standard deviation equals it
 * (as R's density() does with its `bw`).
 * - scott: σ̂ n^(−1/(d+4)) (Scott 1992; SciPy gaussian_kde "scott" in 1-D)
 * - silverman: (4/(d+2))^(1/(d+4)) n^(−1/(d+4)) σ̂ (Silverman 1986; SciPy "silverman" in 1-D)
 * - nrd0: 0.9 min(σ̂, IQR/1.34) n^(−1/5), with R's fallbacks when IQR is 0 (R bw.nrd0)
 * - nrd: 1.06 min(σ̂, IQR/1.34) n^(−1/5) (R bw.nrd)
 * - normal-reference: 1.06 σ̂ n^(−1/(d+4)) (statsmodels)
 * nrd0 and nrd are 1-D rules; in d > 1 they are applied to each coordinate as they stand (exponent −1/5).
 */
import { NadarayaError } from '../errors.js';
import { kernelStandardDeviation } from '../kernels/normalization.js';
import type { Kernel } from '../kernels/types.js';
import type { Matrix } from '../data/matrix.js';
import { column } from '../data/matrix.js';
import { iqr, sampleSd } from './statistics.js';

export type BandwidthRule = 'scott' | 'silverman' | 'nrd0' | 'nrd' | 'normal-reference';
export const bandwidthRules: readonly BandwidthRule[] = ['scott', 'silverman', 'nrd0', 'nrd', 'normal-reference'];

/** A width per coordinate: the raw width h in α(‖(q − k) ⊘ h‖) and the kernel SD it corresponds to. */
export interface BandwidthChoice {
  /** Raw widths, one per coordinate: what the kernel divides distances by. */
  readonly bandwidth: Float64Array;
  /** Standard deviations of the scaled kernel, h · SD(kernel), one per coordinate. */
  readonly kernelSd: Float64Array;
  /** Where the widths came from: a rule name, a selector name, or 'given'. */
  readonly source: BandwidthRule | SelectorMethod | 'given';
  /** For a data-driven selector: its objective, the curve it evaluated and how many evaluations it took. */
  readonly selection?: BandwidthSelection;
}

/** Data-driven width selectors (the bandwidth-selection issue). */
export type SelectorMethod = 'cv-ls' | 'cv-ml' | 'aic' | 'isj' | 'learn';

/** What a selector reports besides the widths. */
export interface BandwidthSelection {
  readonly method: SelectorMethod;
  /** The objective at the chosen widths (LOO MSE, LOO cross-entropy, −mean LOO log-likelihood, AIC_c…). */
  readonly objective: number;
  /** Every evaluation: the widths tried and the objective there, in order. */
  readonly curve: readonly { readonly bandwidth: readonly number[]; readonly objective: number }[];
  readonly evaluations: number;
  /** False when a scan's optimum stayed at its widest edge (a warning is issued too). */
  readonly bracketed?: boolean;
  /** Classification: the leave-one-out error rate at the chosen widths. */
  readonly errorRate?: number;
}

/** The Gaussian-SD width that `rule` gives for one sample (one coordinate). */
export function ruleOfThumb(x: ArrayLike<number>, rule: BandwidthRule, d = 1, columnIndex = 0): number {
  const n = x.length;
  if (n < 2) throw new NadarayaError('E_DATA', { argument: 'x', value: n }, `the rule "${rule}" needs at least 2 points`);
  const sd = sampleSd(x);
  if (!(sd > 0)) {
    throw new NadarayaError('E_DATA', { argument: 'x', column: columnIndex, value: x[0] },
      `is constant (standard deviation 0), so the rule "${rule}" cannot derive a width from its spread; give a bandwidth or drop the column`);
  }
  switch (rule) {
    case 'scott': return sd * n ** (-1 / (d + 4));
    case 'silverman': return (4 / (d + 2)) ** (1 / (d + 4)) * n ** (-1 / (d + 4)) * sd;
    // statsmodels' _normal_reference: np.std, the population SD (divisor n)
    case 'normal-reference': return 1.06 * (sd * Math.sqrt((n - 1) / n)) * n ** (-1 / (d + 4));
    case 'nrd': {
      const spread = Math.min(sd, iqr(x) / 1.34);
      return 1.06 * (spread > 0 ? spread : sd) * n ** -0.2;
    }
    case 'nrd0': {
      // R: lo <- min(hi, IQR/1.34); if that is 0, lo <- hi (hi = sd > 0 here)
      const lo = Math.min(sd, iqr(x) / 1.34);
      return 0.9 * (lo > 0 ? lo : sd) * n ** -0.2;
    }
  }
}

/** Applies a rule to every column of x and converts to the kernel's raw widths. */
export function bandwidthFromRule(x: Matrix, rule: BandwidthRule, kernel: Kernel): BandwidthChoice {
  const sdK = kernelStandardDeviation(kernel);
  if (!(sdK > 0) || !Number.isFinite(sdK)) {
    throw new NadarayaError('E_PARAM', { argument: 'bandwidth', value: rule },
      `a rule of thumb matches standard deviations, and the ${kernel.name} kernel's is ${sdK}; give a numeric bandwidth`);
  }
  const d = x.cols;
  const bandwidth = new Float64Array(d);
  const kernelSd = new Float64Array(d);
  for (let c = 0; c < d; c++) {
    kernelSd[c] = ruleOfThumb(column(x, c), rule, d, c);
    bandwidth[c] = kernelSd[c]! / sdK;
  }
  return { bandwidth, kernelSd, source: rule };
}

/**
 * The selectors' starting widths: 1.06 · σ̂ · n^(−1/(d+4)) with σ̂ of divisor n − 1 (the scan grid is a
 * factor √2 ladder around it; only its placement, not the optimum, depends on this choice).
 */
export function scanReference(x: ArrayLike<number>, d: number, columnIndex = 0): number {
  const n = x.length;
  const sd = sampleSd(x);
  if (!(sd > 0)) {
    throw new NadarayaError('E_DATA', { argument: 'x', column: columnIndex, value: x[0] },
      'is constant (standard deviation 0), so no width can be selected from its spread; give a bandwidth or drop the column');
  }
  return 1.06 * sd * n ** (-1 / (d + 4));
}