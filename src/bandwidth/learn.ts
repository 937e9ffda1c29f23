/**
 * Learning widths by gradient descent (the chapter's exercise 2): Adam (Kingma & Ba 2015) on θ = log h,
 * one width per coordinate, with the analytic gradient of the loss (MSE for regression, cross-entropy for
 * classification). With `objective: 'loo'` each point is left out of its own estimate and the widths
 * converge; with `objective: 'in-sample'` each point predicts itself best at h → 0, and the widths collapse
 * — the chapter's lesson, reproducible here.
 */
import { NadarayaError } from '../errors.js';
import { estimateGradient } from '../engine/gradient.js';
import { pool } from '../engine/pool.js';
import { estimates } from '../engine/readings.js';
import { seededRandom } from '../data/random.js';
import { similarityAt } from './problem.js';
import type { SelectionProblem } from './problem.js';
import { predictionLoss } from './objectives.js';

export interface LearnOptions {
  /** 'loo' (default) or 'in-sample'. */
  readonly objective?: 'loo' | 'in-sample';
  /** Iterations of Adam (default 200). */
  readonly iterations?: number;
  /** Step size on log h (default 0.05). */
  readonly learningRate?: number;
  /** Queries per step; the whole training set when absent (full batch). */
  readonly batchSize?: number;
  /** Seed of the mini-batch sampler (default 1). */
  readonly seed?: number;
}

export interface LearnResult {
  readonly bandwidth: Float64Array;
  /** Full-data objective at the final widths. */
  readonly objective: number;
  /** Per iteration: the widths and the (batch) objective before the step; last, the final widths and full objective. */
  readonly history: { bandwidth: number[]; objective: number }[];
  readonly evaluations: number;
}

/** The loss and its gradient with respect to log h on the queries `rows` (all when null). */
export function lossAndGradient(problem: SelectionProblem, h: Float64Array, leaveOneOut: boolean, rows: Int32Array | null):
  { loss: number; gradient: Float64Array } {
  const { d, p, n } = problem;
  const sim = similarityAt(problem, h);
  const m = rows ? rows.length : n;
  const queries = rows ? pick(problem.points, rows, d) : problem.points;
  // a mini-batch is a sub-problem: its queries, targets and weights, with each query's own key left out
  const sub: SelectionProblem = rows
    ? { ...problem, points: queries, n: m, targets: pick(problem.targets!, rows, p), weights: problem.weights ? pick(problem.weights, rows, 1) : null }
    : problem;
  const keys = problem.keys;
  const exclude = leaveOneOut ? keysRank(problem, rows) : null;
  const sums = pool(keys, sim, queries, m, { exclude });
  const est = estimates(sums);
  const loss = predictionLoss(sub, est);
  const G = estimateGradient(keys, sim, queries, m, sums, est, exclude);
  const gradient = new Float64Array(d);
  let total = 0;
  for (let i = 0; i < m; i++) {
    const w = sub.weights ? sub.weights[i]! : 1;
    total += w;
    for (let c = 0; c < d; c++) {
      let g = 0;
      const o = (i * d + c) * p;
      if (problem.task === 'classification') {
        let prob = 0;
        let dprob = 0;
        for (let k = 0; k < p; k++) { prob += sub.targets![i * p + k]! * est[i * p + k]!; dprob += sub.targets![i * p + k]! * G[o + k]!; }
        g = -dprob / prob;
      } else {
        for (let k = 0; k < p; k++) g += 2 * (est[i * p + k]! - sub.targets![i * p + k]!) * G[o + k]!;
      }
      gradient[c]! += w * g;
    }
  }
  return { loss, gradient: gradient.map((g) => g / total) };
}

export function learnWidths(problem: SelectionProblem, start: Float64Array, options: LearnOptions = {}): LearnResult {
  if (problem.task === 'density') throw new NadarayaError('E_PARAM', { argument: 'bandwidth', value: 'learn' }, 'learns regression and classification widths; for a density use cv-ml');
  if (!problem.kernel.differentiable) {
    throw new NadarayaError('E_PARAM', { argument: 'kernel', value: problem.kernel.name }, 'has no useful derivative, so its width cannot be learned by gradient descent; use cv-ls');
  }
  const iterations = options.iterations ?? 200;
  const lr = options.learningRate ?? 0.05;
  const loo = (options.objective ?? 'loo') === 'loo';
  const rng = seededRandom(options.seed ?? 1);
  const d = problem.d;
  const theta = Float64Array.from(start, Math.log);
  const m1 = new Float64Array(d);
  const m2 = new Float64Array(d);
  const history: LearnResult['history'] = [];
  for (let it = 1; it <= iterations; it++) {
    const rows = options.batchSize && options.batchSize < problem.n ? sample(problem.n, options.batchSize, rng.uniform) : null;
    const h = theta.map(Math.exp);
    const { loss, gradient } = lossAndGradient(problem, h, loo, rows);
    history.push({ bandwidth: Array.from(h), objective: loss });
    if (!gradient.every(Number.isFinite)) break;
    for (let c = 0; c < d; c++) {
      m1[c] = 0.9 * m1[c]! + 0.1 * gradient[c]!;
      m2[c] = 0.999 * m2[c]! + 0.001 * gradient[c]! ** 2;
      const mHat = m1[c]! / (1 - 0.9 ** it);
      const vHat = m2[c]! / (1 - 0.999 ** it);
      theta[c]! -= (lr * mHat) / (Math.sqrt(vHat) + 1e-12);
    }
  }
  const bandwidth = theta.map(Math.exp);
  const objective = lossAndGradient(problem, bandwidth, loo, null).loss;
  history.push({ bandwidth: Array.from(bandwidth), objective });
  return { bandwidth, objective, history, evaluations: history.length };
}

function keysRank(problem: SelectionProblem, rows: Int32Array | null): Int32Array {
  const { rank } = problem.keys;
  const n = rows ? rows.length : problem.n;
  return Int32Array.from({ length: n }, (_, i) => {
    const caller = rows ? rows[i]! : i;
    return rank ? rank[caller]! : caller;
  });
}

function pick(a: Float64Array, rows: Int32Array, w: number): Float64Array {
  const out = new Float64Array(rows.length * w);
  rows.forEach((r, i) => { for (let c = 0; c < w; c++) out[i * w + c] = a[r * w + c]!; });
  return out;
}

/** k distinct indices of 0..n−1 (Floyd's algorithm), sorted. */
function sample(n: number, k: number, uniform: () => number): Int32Array {
  const chosen = new Set<number>();
  for (let j = n - k; j < n; j++) {
    const t = Math.floor(uniform() * (j + 1));
    chosen.add(chosen.has(t) ? j : t);
  }
  return Int32Array.from([...chosen].sort((a, b) => a - b));
}
