/**
 * The chapter's four exercises, answered by running the library:
 * 1. Parzen windows: sign(p̂(x, +1) − p̂(x, −1)) is the Nadaraya–Watson classifier's decision.
 * 2. Widths by gradient descent: in-sample σ → 0; leave-one-out σ converges (and equals the cv-ls optimum).
 * 3. Unit sphere: Gaussian weights = softmax(q·k / σ²).
 * 4. Consistency: with σ ∝ n^(−1/5) the MSE falls like n^(−4/5); with a fixed σ it stalls at the bias.
 */
import { chapterData, chapterFunction, classifier, density, regression, seededRandom, toUnitSphere, widthSchedule } from '../index.js';
import type { ChapterData } from '../index.js';
import { leastSquaresLine, linSpaced, logSpaced, maxAbsDifference, mean } from './summary-math.js';

// ── Exercise 1 ────────────────────────────────────────────────────────────────────────────────────────

export interface ParzenResult {
  readonly bandwidth: number;
  /** The label rule: +1 where y > threshold. */
  readonly threshold: number;
  readonly labels: Int8Array;
  readonly grid: Float64Array;
  /** p̂(x, y = ±1) = (n±/n) · p̂(x | y = ±1) on the grid. */
  readonly positive: Float64Array;
  readonly negative: Float64Array;
  /** The classifier's prediction (+1/−1) and P(+1 | x) − P(−1 | x) on the grid. */
  readonly predicted: Int8Array;
  readonly probabilityGap: Float64Array;
  /** Number of points where sign(p̂(x, +1) − p̂(x, −1)) ≠ sign(P(+1 | x) − P(−1 | x)) (the claim: 0). */
  readonly disagreements: number;
  /** max |sign difference| over the grid (0, 1 or 2; the claim: exactly 0). */
  readonly maxSignDisagreement: number;
  /** max |(p̂₊ − p̂₋)/(p̂₊ + p̂₋) − (P₊ − P₋)|: the identity holds for the values too, up to rounding. */
  readonly maxValueDifference: number;
}

/**
 * Binary labels on the chapter's data (+1 where y > 3), Parzen joint densities against the classifier,
 * both Gaussian of width σ, on a grid of 501 points over [0, 5] plus the training points.
 */
export function parzenIdentity(data: ChapterData, bandwidth = 0.5, threshold = 3): ParzenResult {
  const n = data.xTrain.length;
  const labels = Int8Array.from(data.yTrain, (y) => (y > threshold ? 1 : -1));
  const xPos = data.xTrain.filter((_, i) => labels[i] === 1);
  const xNeg = data.xTrain.filter((_, i) => labels[i] === -1);
  const grid = Float64Array.from([...linSpaced(0, 5, 501), ...data.xTrain]).sort();
  // p̂(x, y = c) = (1/n) Σ_{i: yᵢ = c} k(x, xᵢ) = (n_c / n) · p̂(x | y = c)
  const joint = (xs: Float64Array) => density({ kernel: 'gaussian', bandwidth }).fit(xs).pdf(grid).map((p) => (p * xs.length) / n);
  const positive = joint(xPos);
  const negative = joint(xNeg);
  const clf = classifier({ kernel: 'gaussian', bandwidth }).fit(data.xTrain, Array.from(labels));
  const proba = clf.predictProba(grid);
  const C = clf.classes.length;
  const iPos = clf.classes.indexOf(1);
  const iNeg = clf.classes.indexOf(-1);
  const probabilityGap = grid.map((_, i) => proba[i * C + iPos]! - proba[i * C + iNeg]!);
  const predicted = Int8Array.from(clf.predict(grid), (c) => c ?? 0);
  let disagreements = 0;
  let maxSign = 0;
  const ratio = new Float64Array(grid.length);
  grid.forEach((_, i) => {
    const s = Math.abs(Math.sign(positive[i]! - negative[i]!) - Math.sign(probabilityGap[i]!));
    if (s !== 0) disagreements++;
    maxSign = Math.max(maxSign, s);
    ratio[i] = (positive[i]! - negative[i]!) / (positive[i]! + negative[i]!);
  });
  return {
    bandwidth, threshold, labels, grid, positive, negative, predicted, probabilityGap,
    disagreements, maxSignDisagreement: maxSign, maxValueDifference: maxAbsDifference(ratio, probabilityGap),
  };
}

// ── Exercise 2 ────────────────────────────────────────────────────────────────────────────────────────

export interface LearningRunResult {
  readonly objective: 'in-sample' | 'loo';
  readonly finalWidth: number;
  /** Full-data objective at the final width. */
  readonly finalLoss: number;
  readonly widths: Float64Array;
  readonly losses: Float64Array;
  /** ŷ on a fine grid with the learned width (the overfitted curve for in-sample). */
  readonly grid: Float64Array;
  readonly curve: Float64Array;
  readonly validationMse: number;
}

export interface WidthLearningResult {
  readonly iterations: number;
  readonly learningRate: number;
  readonly inSample: LearningRunResult;
  readonly loo: LearningRunResult;
  /** The LOO-CV curve over σ and, for contrast, the in-sample MSE over σ. */
  readonly widths: Float64Array;
  readonly looMse: Float64Array;
  readonly inSampleMse: Float64Array;
  /** The cv-ls selector's optimum (scan + Brent). */
  readonly cvWidth: number;
  readonly cvMse: number;
}

/** With 40 points every step can use all of them (full batch): the curves show the trend without batch noise. */
export const LEARNING = { iterations: 300, learningRate: 0.05 } as const;

/** Gradient descent (Adam on log σ, full batch) on the in-sample and on the leave-one-out loss. */
export function widthLearning(data: ChapterData): WidthLearningResult {
  const grid = linSpaced(0, 5, 1001);
  const run = (objective: 'in-sample' | 'loo'): LearningRunResult => {
    const model = regression({
      bandwidth: 'learn', empty: 'nearest',
      selector: { objective, iterations: LEARNING.iterations, learningRate: LEARNING.learningRate },
    }).fit(data.xTrain, data.yTrain);
    const history = model.selection!.curve;
    return {
      objective,
      finalWidth: model.bandwidth[0]!,
      finalLoss: model.selection!.objective,
      widths: Float64Array.from(history, (h) => h.bandwidth[0]!),
      losses: Float64Array.from(history, (h) => h.objective),
      grid,
      curve: model.predict(grid),
      validationMse: mean(Array.from(model.predict(data.xQuery), (y, i) => (y - data.yTrue[i]!) ** 2)),
    };
  };
  const base = regression({ bandwidth: 1, empty: 'nearest' }).fit(data.xTrain, data.yTrain);
  const widths = logSpaced(0.01, 3, 121);
  const looMse = widths.map((h) => base.withBandwidth(h).leaveOneOut().mse);
  const inSampleMse = widths.map((h) => mean(Array.from(base.withBandwidth(h).predict(data.xTrain), (y, i) => (y - data.yTrain[i]!) ** 2)));
  const cv = regression({ bandwidth: 'cv-ls' }).fit(data.xTrain, data.yTrain);
  return {
    ...LEARNING, inSample: run('in-sample'), loo: run('loo'), widths, looMse, inSampleMse,
    cvWidth: cv.bandwidth[0]!, cvMse: cv.selection!.objective,
  };
}

// ── Exercise 3 ────────────────────────────────────────────────────────────────────────────────────────

export interface SphereResult {
  readonly dimension: number;
  readonly queries: number;
  readonly keys: number;
  readonly widths: readonly number[];
  /** max |Gaussian weight − softmax(q·k/σ²) weight| over all widths, queries and keys. */
  readonly maxWeightDifference: number;
  /** The same for the pooled estimates. */
  readonly maxEstimateDifference: number;
}

/** Random unit vectors in R^8: Gaussian attention of width σ against dot-product attention at τ = σ². */
export function sphereIdentity(seed: number, d = 8, m = 64, n = 256, widths: readonly number[] = [0.25, 0.5, 1, 2]): SphereResult {
  const rng = seededRandom(seed);
  const draw = (rows: number) => Float64Array.from({ length: rows * d }, () => rng.normal());
  const asRows = (flat: Float64Array) => Array.from({ length: flat.length / d }, (_, i) => flat.subarray(i * d, (i + 1) * d));
  const keysRaw = draw(n);
  const queriesRaw = draw(m);
  const values = Float64Array.from({ length: n }, () => rng.normal());
  const keys = asRows(toUnitSphere(keysRaw, d));
  const queries = asRows(toUnitSphere(queriesRaw, d));
  let maxWeight = 0;
  let maxEstimate = 0;
  for (const sigma of widths) {
    const gauss = regression({ kernel: 'gaussian', bandwidth: sigma }).fit(keys, values);
    const dot = regression({ similarity: 'dot', temperature: sigma * sigma, normalize: true }).fit(asRows(keysRaw), values);
    maxWeight = Math.max(maxWeight, maxAbsDifference(gauss.attention(queries).weights as Float64Array, dot.attention(asRows(queriesRaw)).weights as Float64Array));
    maxEstimate = Math.max(maxEstimate, maxAbsDifference(gauss.predict(queries), dot.predict(asRows(queriesRaw))));
  }
  return { dimension: d, queries: m, keys: n, widths, maxWeightDifference: maxWeight, maxEstimateDifference: maxEstimate };
}

// ── Exercise 4 ────────────────────────────────────────────────────────────────────────────────────────

export interface ConsistencyResult {
  readonly n: readonly number[];
  readonly replicates: readonly number[];
  /** σ(n) = σ₀ (n/n₀)^(−1/5) with σ₀ = 0.5, n₀ = 40, and the fixed σ₀. */
  readonly sigma0: number;
  readonly n0: number;
  readonly scheduledWidths: readonly number[];
  readonly scheduledMse: readonly number[];
  readonly fixedMse: readonly number[];
  readonly scheduledFit: { readonly slope: number; readonly intercept: number };
  readonly fixedFit: { readonly slope: number; readonly intercept: number };
  /** The evaluation grid: 200 queries on [0.5, 4.5]. */
  readonly gridFrom: number;
  readonly gridTo: number;
  readonly gridSize: number;
}

/** n and the number of data sets averaged at each n (more where one data set is noisy and cheap). */
export const CONSISTENCY_PLAN: readonly (readonly [number, number])[] = [
  [40, 32], [100, 16], [400, 8], [1000, 8], [4000, 4], [10000, 2], [40000, 1],
];

/**
 * MSE against the true f on 200 interior queries — [0.5, 4.5], away from the ends of the design, where
 * Nadaraya–Watson has a boundary bias of order σ rather than σ² — averaged over fresh data sets per n.
 */
export function consistency(seed: number, plan: readonly (readonly [number, number])[] = CONSISTENCY_PLAN,
  onStep?: (n: number) => void): ConsistencyResult {
  const sigma0 = 0.5;
  const n0 = 40;
  const grid = linSpaced(0.5, 4.5, 200);
  const truth = grid.map(chapterFunction);
  const mseOf = (est: Float64Array) => mean(Array.from(est, (y, i) => (y - truth[i]!) ** 2));
  const scheduledMse: number[] = [];
  const fixedMse: number[] = [];
  const scheduledWidths: number[] = [];
  for (const [n, reps] of plan) {
    const h = widthSchedule(sigma0, n0, n, 1);
    const s: number[] = [];
    const f: number[] = [];
    for (let r = 0; r < reps; r++) {
      const data = chapterData(dataSeed(seed, n, r), n);
      const model = regression({ kernel: 'gaussian', bandwidth: h }).fit(data.xTrain, data.yTrain);
      s.push(mseOf(model.predict(grid)));
      f.push(mseOf(model.withBandwidth(sigma0).predict(grid)));
    }
    scheduledWidths.push(h);
    scheduledMse.push(mean(s));
    fixedMse.push(mean(f));
    onStep?.(n);
  }
  const logN = plan.map(([n]) => Math.log(n));
  return {
    n: plan.map(([n]) => n), replicates: plan.map(([, r]) => r), sigma0, n0, scheduledWidths, scheduledMse, fixedMse,
    scheduledFit: leastSquaresLine(logN, scheduledMse.map(Math.log)),
    fixedFit: leastSquaresLine(logN, fixedMse.map(Math.log)),
    gridFrom: 0.5, gridTo: 4.5, gridSize: 200,
  };
}

/** A distinct, reproducible seed for data set r of size n under the report's seed. */
function dataSeed(seed: number, n: number, r: number): number {
  return (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(n, 0x85ebca6b) ^ Math.imul(r + 1, 0xc2b2ae35)) >>> 0;
}
