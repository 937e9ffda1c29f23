/**
 * Parzen (1962) / Rosenblatt (1956) density estimation: f̂(x) = Σ wᵢ α(‖(x − xᵢ) ⊘ h‖) / (Σ wᵢ · ∏ h · C_d),
 * with C_d the kernel's integral over R^d, so f̂ integrates to 1 in any dimension. It is the denominator
 * of the Nadaraya–Watson estimate, read as a density. An empty neighbourhood is a density of 0.
 */
import { NadarayaError } from '../errors.js';
import type { PointsInput, QueryInput } from '../data/input.js';
import { densityConstant, normalisingConstant } from '../kernels/normalization.js';
import { readFitInput } from './fit-input.js';
import type { FitOptions, RecordAccessors } from './fit-input.js';
import type { EstimatorOptions } from './options.js';
import { Estimator, Fitted } from './base.js';
import { Pooler, scatterRows } from './pooler.js';
import type { QueryBatch } from './pooler.js';
import type { MethodReport } from '../approx/index.js';
import type { PoolSums } from '../engine/types.js';

/** Densities with the method that computed them. */
export interface DetailedDensity {
  /** f̂ at the queries. */
  readonly density: Float64Array;
  /** log f̂ at the queries. */
  readonly logDensity: Float64Array;
  /** Which method ran and ρ, its bound on the error of every density: relative, or of the total weight (see `errorScale`). */
  readonly method: MethodReport;
}

export interface LeaveOneOutDensity {
  /** log f̂₋ᵢ(xᵢ) per training point. */
  readonly logDensity: Float64Array;
  /** Σᵢ wᵢ log f̂₋ᵢ(xᵢ) / Σ wᵢ (−Infinity when some point has no other point in reach). */
  readonly meanLogLikelihood: number;
}

/**
 * @example
 * const kde = density({ bandwidth: 'scott' }).fit([1.2, 2.3, 2.9, 4.1]);
 * kde.pdf([2.5]); // Float64Array [≈ 0.19]
 */
export class KernelDensity extends Estimator {
  constructor(options: EstimatorOptions = {}) {
    super(options, 'density');
    if (!Number.isFinite(normalisingConstant(this.options.kernel, 1))) {
      throw new NadarayaError('E_PARAM', { argument: 'kernel', value: this.options.kernel.name },
        'cannot be normalised to a density in any dimension (its integral is infinite)');
    }
    if (this.options.similarity === 'dot') {
      throw new NadarayaError('E_PARAM', { argument: 'similarity', value: 'dot' }, 'a dot-product similarity is not a density kernel');
    }
  }

  fit(x: PointsInput, options?: FitOptions): FittedKernelDensity;
  fit<T>(records: ArrayLike<T>, accessors: RecordAccessors<T>): FittedKernelDensity;
  fit(a: unknown, b?: unknown): FittedKernelDensity {
    const { x, weights, xAccessors } = readFitInput(a, b, undefined, false);
    const pooler = Pooler.fit(x, null, weights, this.options, 'density').readingRecords(xAccessors);
    densityConstant(this.options.kernel, pooler.d, this.options.shape);
    return new FittedKernelDensity(pooler);
  }
}

export class FittedKernelDensity extends Fitted {
  /** log(∏ h · C_d): the normaliser of one kernel bump. */
  private readonly logBump: number;
  constructor(pooler: Pooler) {
    super(pooler);
    const { kernel, shape } = pooler.options;
    let s = Math.log(densityConstant(kernel, pooler.d, shape));
    for (const h of pooler.widths.bandwidth) s += Math.log(h);
    this.logBump = s;
  }

  withBandwidth(bandwidth: number | ArrayLike<number>): FittedKernelDensity {
    return new FittedKernelDensity(this.pooler.withBandwidth(bandwidth));
  }

  /** f̂ at the queries. For the Silverman kernel it can be negative. */
  pdf(queries: QueryInput): Float64Array {
    const batch = this.pooler.queries(queries);
    return scatterRows(batch, this.compute(batch, false), 1);
  }

  /** log f̂ at the queries (−Infinity where f̂ = 0; NaN where a signed kernel gives f̂ < 0). */
  logPdf(queries: QueryInput): Float64Array {
    const batch = this.pooler.queries(queries);
    return scatterRows(batch, this.compute(batch, true), 1);
  }

  /**
   * Densities, log-densities and the method report, from one pass.
   * @example
   * const kde = density({ bandwidth: 0.3, tolerance: 1e-6 }).fit(sample);
   * const { density: f, method } = kde.densityDetailed(grid); // method.bound ≤ 1e-6
   */
  densityDetailed(queries: QueryInput): DetailedDensity {
    const batch = this.pooler.queries(queries);
    const sums = this.pooler.pool(batch);
    const f = this.read(sums, batch.m, false), logF = this.read(sums, batch.m, true);
    return { density: scatterRows(batch, f, 1), logDensity: scatterRows(batch, logF, 1), method: this.pooler.lastMethod! };
  }

  /** Leave-one-out log-likelihood: each point's density from the others (the cv-ml objective). */
  leaveOneOut(): LeaveOneOutDensity {
    const batch = this.pooler.trainingQueries();
    const sums = this.pooler.pool(batch, true);
    const { weights, totalWeight, n, rank } = this.pooler.keys;
    const logDensity = new Float64Array(n);
    let s = 0;
    for (let i = 0; i < n; i++) {
      const w = weights ? weights[rank ? rank[i]! : i]! : 1;
      logDensity[i] = sums.logScale[i]! + Math.log(sums.sum[i]!) - Math.log(totalWeight - w) - this.logBump;
      if (w > 0) s += w * logDensity[i]!;
    }
    return { logDensity, meanLogLikelihood: s / totalWeight };
  }

  private compute(batch: QueryBatch, log: boolean): Float64Array {
    return this.read(this.pooler.pool(batch), batch.m, log);
  }

  private read(sums: PoolSums, m: number, log: boolean): Float64Array {
    const offset = Math.log(this.pooler.keys.totalWeight) + this.logBump;
    const out = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      const s = sums.sum[i]!;
      if (log) out[i] = s === 0 ? -Infinity : sums.logScale[i]! + Math.log(s) - offset;
      else out[i] = s === 0 ? 0 : s * Math.exp(sums.logScale[i]! - offset);
    }
    return out;
  }
}

/** Shorthand for `new KernelDensity(options)`. */
export function density(options: EstimatorOptions = {}): KernelDensity {
  return new KernelDensity(options);
}
