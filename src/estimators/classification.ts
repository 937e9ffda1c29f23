/**
 * Nadaraya–Watson classification: the values are one-hot labels, so the pooled estimate is the vector of
 * class probabilities p(c | q) = Σ_{i: yᵢ = c} wᵢαᵢ / Σ wⱼαⱼ, and the prediction its argmax (ties go to
 * the first class in sorted order).
 */
import { estimates, diagnostics } from '../engine/readings.js';
import type { Diagnostics } from '../engine/readings.js';
import { takeRows } from '../data/matrix.js';
import { finiteRowMask } from '../data/input.js';
import type { PointsInput, QueryInput } from '../data/input.js';
import { readFitInput } from './fit-input.js';
import type { FitOptions, RecordAccessors } from './fit-input.js';
import { oneHot, readLabels, sortedClasses } from './labels.js';
import type { EstimatorOptions } from './options.js';
import { Estimator, Fitted } from './base.js';
import { Pooler, scatterRows } from './pooler.js';
import type { MethodReport } from '../approx/index.js';

export interface ClassPrediction<L> extends Diagnostics {
  /** Predicted class per query (null where the probabilities are undefined). */
  readonly predictions: (L | null)[];
  /** m × C class probabilities, row-major, columns in the order of `classes`. */
  readonly probabilities: Float64Array;
  readonly emptyCount: number;
  /** Which method computed the sums and its bound (see the `method` and `tolerance` options). */
  readonly method: MethodReport;
}

export interface LeaveOneOutClassification<L> extends Diagnostics {
  readonly predictions: (L | null)[];
  readonly probabilities: Float64Array;
  /** Fraction of training points (weighted by wᵢ) whose leave-one-out prediction equals their label. */
  readonly accuracy: number;
  /** Mean (weighted by wᵢ) of −log p₋ᵢ(yᵢ | xᵢ) (Infinity when a true class gets probability 0). */
  readonly crossEntropy: number;
  readonly emptyCount: number;
}

/**
 * @example
 * const clf = classifier({ bandwidth: 0.5 }).fit([[0, 0], [1, 1], [0, 1]], ['a', 'b', 'a']);
 * clf.predict([[0.1, 0.2]]); // ['a']
 */
export class KernelClassifier extends Estimator {
  constructor(options: EstimatorOptions = {}) {
    super(options, 'classification');
  }

  fit<L>(x: PointsInput, y: ArrayLike<L>, options?: FitOptions): FittedKernelClassifier<L>;
  fit<T, L = unknown>(records: ArrayLike<T>, accessors: RecordAccessors<T>): FittedKernelClassifier<L>;
  fit(a: unknown, b: unknown, c?: unknown): FittedKernelClassifier<unknown> {
    let { x, y, weights, xAccessors } = readFitInput(a, b, c, true);
    const { labels, missing } = readLabels(y, x.rows, this.options.missing === 'drop');
    if (this.options.missing === 'drop') {
      // drop every incomplete row before the classes are read, so a dropped row leaves no class behind
      finiteRowMask(x).forEach((ok, i) => { if (!ok || (weights && !Number.isFinite(weights[i]!))) missing[i] = 1; });
    }
    let kept = labels;
    if (missing.some((v) => v === 1)) {
      const rows = labels.map((_, i) => i).filter((i) => !missing[i]);
      x = takeRows(x, rows);
      kept = rows.map((i) => labels[i]);
      if (weights) weights = Float64Array.from(rows, (i) => weights![i]!);
    }
    const classes = sortedClasses(kept);
    return new FittedKernelClassifier(Pooler.fit(x, oneHot(kept, classes), weights, this.options, 'classification').readingRecords(xAccessors), classes, kept);
  }
}

export class FittedKernelClassifier<L> extends Fitted {
  constructor(pooler: Pooler, readonly classes: readonly L[], private readonly labels: readonly L[]) {
    super(pooler);
  }

  withBandwidth(bandwidth: number | ArrayLike<number>): FittedKernelClassifier<L> {
    return new FittedKernelClassifier(this.pooler.withBandwidth(bandwidth), this.classes, this.labels);
  }

  predict(queries: QueryInput): (L | null)[] {
    return this.predictDetailed(queries).predictions;
  }

  /** m × C class probabilities, row-major. */
  predictProba(queries: QueryInput): Float64Array {
    return this.predictDetailed(queries).probabilities;
  }

  predictDetailed(queries: QueryInput): ClassPrediction<L> {
    const batch = this.pooler.queries(queries);
    const sums = this.pooler.pool(batch);
    const proba = estimates(sums);
    const emptyCount = this.pooler.applyEmpty(sums, proba, batch);
    const diag = diagnostics(sums);
    const probabilities = scatterRows(batch, proba, this.classes.length);
    return {
      predictions: this.argmax(probabilities),
      probabilities,
      logDenominator: scatterRows(batch, diag.logDenominator, 1),
      nEff: scatterRows(batch, diag.nEff, 1),
      maxWeight: scatterRows(batch, diag.maxWeight, 1),
      emptyCount,
      method: this.pooler.lastMethod!,
    };
  }


  /** Leave-one-out class probabilities, predictions, accuracy and cross-entropy on the training points. */
  leaveOneOut(): LeaveOneOutClassification<L> {
    const batch = this.pooler.trainingQueries();
    const sums = this.pooler.pool(batch, true);
    const probabilities = estimates(sums);
    const emptyCount = this.pooler.applyEmpty(sums, probabilities, batch, true);
    const predictions = this.argmax(probabilities);
    const C = this.classes.length;
    const index = new Map(this.classes.map((c, i) => [c, i]));
    const { weights, rank } = this.pooler.keys;
    let hits = 0;
    let ce = 0;
    let total = 0;
    this.labels.forEach((l, i) => {
      const w = weights ? weights[rank ? rank[i]! : i]! : 1;
      if (w === 0) return;
      total += w;
      if (predictions[i] === l) hits += w;
      ce -= w * Math.log(probabilities[i * C + index.get(l)!]!);
    });
    return { predictions, probabilities, accuracy: hits / total, crossEntropy: ce / total, emptyCount, ...diagnostics(sums) };
  }

  private argmax(proba: Float64Array): (L | null)[] {
    const C = this.classes.length;
    const m = proba.length / C;
    const out: (L | null)[] = new Array(m);
    for (let i = 0; i < m; i++) {
      let best = -1;
      let bestP = -Infinity;
      for (let c = 0; c < C; c++) if (proba[i * C + c]! > bestP) { bestP = proba[i * C + c]!; best = c; }
      out[i] = best < 0 ? null : this.classes[best]!;
    }
    return out;
  }
}

/** Shorthand for `new KernelClassifier(options)`. */
export function classifier(options: EstimatorOptions = {}): KernelClassifier {
  return new KernelClassifier(options);
}
