/**
 * Nadaraya–Watson regression (Nadaraya 1964; Watson 1964): f(q) = Σ wᵢ α(q, kᵢ) vᵢ / Σ wⱼ α(q, kⱼ).
 */
import { estimates, diagnostics } from '../engine/readings.js';
import type { Diagnostics } from '../engine/readings.js';
import { toMatrix } from '../data/input.js';
import type { Matrix } from '../data/matrix.js';
import type { PointsInput, QueryInput, ValuesInput } from '../data/input.js';
import { readFitInput } from './fit-input.js';
import type { FitOptions, RecordAccessors } from './fit-input.js';
import type { EstimatorOptions } from './options.js';
import { Estimator, Fitted } from './base.js';
import { Pooler, scatterRows } from './pooler.js';
import type { MethodReport } from '../approx/index.js';

/** Estimates with per-query diagnostics. */
export interface DetailedPrediction extends Diagnostics {
  /** m × p estimates, row-major (length m for scalar values). */
  readonly estimates: Float64Array;
  /** How many queries had an empty neighbourhood (handled by the `empty` policy). */
  readonly emptyCount: number;
  /** Which method computed the sums and its bound (see the `method` and `tolerance` options). */
  readonly method: MethodReport;
}

/** Leave-one-out estimates on the training points. */
export interface LeaveOneOutRegression extends Diagnostics {
  /** n × p leave-one-out estimates ŷ₋ᵢ(xᵢ). */
  readonly predictions: Float64Array;
  /** (1/n) Σᵢ ‖yᵢ − ŷ₋ᵢ(xᵢ)‖² over the points with a defined estimate (weighted by wᵢ when weighted). */
  readonly mse: number;
  readonly emptyCount: number;
}

/**
 * An unfitted regression: options are checked here, data at `fit`.
 * @example
 * const model = regression({ kernel: 'gaussian', bandwidth: 0.5 }).fit([0, 1, 2, 3], [0, 1, 4, 9]);
 * model.predict([1.5]); // Float64Array [≈ 2.6]
 */
export class KernelRegression extends Estimator {
  constructor(options: EstimatorOptions = {}) {
    super(options, 'regression');
  }

  fit(x: PointsInput, y: ValuesInput, options?: FitOptions): FittedKernelRegression;
  fit<T>(records: ArrayLike<T>, accessors: RecordAccessors<T>): FittedKernelRegression;
  fit(a: unknown, b: unknown, c?: unknown): FittedKernelRegression {
    const { x, y, weights, xAccessors } = readFitInput(a, b, c, true);
    const values: Matrix = isMatrix(y) ? y : toMatrix(y, 'y');
    return new FittedKernelRegression(Pooler.fit(x, values, weights, this.options, 'regression').readingRecords(xAccessors));
  }
}

/** A fitted regression: predict, attention weights, diagnostics, leave-one-out. */
export class FittedKernelRegression extends Fitted {

  get p(): number { return this.pooler.keys.p; }

  /** The same data with other widths (cheap). */
  withBandwidth(bandwidth: number | ArrayLike<number>): FittedKernelRegression {
    return new FittedKernelRegression(this.pooler.withBandwidth(bandwidth));
  }

  /** Estimates at the queries: length m for scalar values, m × p row-major for vector values. */
  predict(queries: QueryInput): Float64Array {
    return this.predictDetailed(queries).estimates;
  }

  predictDetailed(queries: QueryInput): DetailedPrediction {
    const batch = this.pooler.queries(queries);
    const sums = this.pooler.pool(batch);
    const est = estimates(sums);
    const emptyCount = this.pooler.applyEmpty(sums, est, batch);
    const diag = diagnostics(sums);
    return {
      estimates: scatterRows(batch, est, this.p),
      logDenominator: scatterRows(batch, diag.logDenominator, 1),
      nEff: scatterRows(batch, diag.nEff, 1),
      maxWeight: scatterRows(batch, diag.maxWeight, 1),
      emptyCount,
      method: this.pooler.lastMethod!,
    };
  }


  /** Leave-one-out estimates: key i is left out of its own estimate, exactly. */
  leaveOneOut(): LeaveOneOutRegression {
    const batch = this.pooler.trainingQueries();
    const sums = this.pooler.pool(batch, true);
    const predictions = estimates(sums);
    const emptyCount = this.pooler.applyEmpty(sums, predictions, batch, true);
    return { predictions, mse: meanSquaredError(this.pooler, predictions), emptyCount, ...diagnostics(sums) };
  }
}

function meanSquaredError(pooler: Pooler, pred: Float64Array): number {
  const { n, p, values, weights, rank } = pooler.keys;
  let s = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const k = rank ? rank[i]! : i; // where the caller's point i is stored
    let e = 0;
    for (let c = 0; c < p; c++) e += (values![k * p + c]! - pred[i * p + c]!) ** 2;
    if (Number.isNaN(e)) continue;
    const w = weights ? weights[k]! : 1;
    s += w * e;
    total += w;
  }
  return s / total;
}

function isMatrix(v: unknown): v is Matrix {
  return v !== null && typeof v === 'object' && (v as Matrix).data instanceof Float64Array && typeof (v as Matrix).cols === 'number';
}

/** Shorthand for `new KernelRegression(options)`. */
export function regression(options: EstimatorOptions = {}): KernelRegression {
  return new KernelRegression(options);
}
