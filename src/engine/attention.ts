/**
 * Attention weights wⱼα(q, kⱼ)/Σ wα, for reading and plotting: dense rows for small problems, the top-k
 * keys per query for large ones. A second pass over the keys per query, using the pooled (M, S).
 */
import { NadarayaError } from '../errors.js';
import { makeTileLogAlpha } from './log-alpha.js';
import { pool } from './pool.js';
import { keyWindows } from '../backends/job.js';
import type { KeySet, PoolOptions, Similarity } from './types.js';

/** Default budget for a dense attention matrix: 256 MiB. */
export const DEFAULT_ATTENTION_BYTES = 256 * 1024 * 1024;

/** Dense attention: `weights[i * n + j]` is the weight of key j for query i. */
export interface DenseAttention {
  readonly m: number;
  readonly n: number;
  readonly weights: Float64Array;
}

/** Top-k attention: for query i, `indices[i * k + r]` and `weights[i * k + r]`, by decreasing weight (−1 pads). */
export interface TopKAttention {
  readonly m: number;
  readonly k: number;
  readonly indices: Int32Array;
  readonly weights: Float64Array;
}

/** Visits the weight of each key in stored positions [from, to) for query i (the caller's key index). */
type RowVisitor = (i: number, from: number, to: number, visit: (i: number, j: number, w: number) => void) => void;

/** The pooled sums of the queries (float64) and a visitor of any stored range of a query's weights. */
function weightRows(keys: KeySet, sim: Similarity, queries: Float64Array, m: number, options: PoolOptions):
  { sums: { logScale: Float64Array; sum: Float64Array }; row: RowVisitor } {
  const { n, d, logWeights, order, rank } = keys;
  // the rows below are computed in float64: their denominators must be too, so that each row sums to 1
  const sums = pool(keys, sim, queries, m, { ...options, precision: 'float64' });
  const fill = makeTileLogAlpha(keys, sim);
  const signed = sim.kind === 'kernel' && sim.kernel.signed;
  const tile = Math.max(1, Math.min(options.tileSize ?? 256, n));
  const la = new Float64Array(tile);
  const sign = signed ? new Float64Array(tile) : null;
  const row: RowVisitor = (i, from, to, visit) => {
    const exclude = options.leaveOneOut ? (rank ? rank[i]! : i) : -1;
    const M = sums.logScale[i]!;
    const S = sums.sum[i]!;
    for (let j0 = from; j0 < to; j0 += tile) {
      const j1 = Math.min(to, j0 + tile);
      fill(queries, i * d, j0, j1, la, sign);
      for (let t = 0; t < j1 - j0; t++) {
        const j = j0 + t;
        const caller = order ? order[j]! : j;
        if (S === 0) { visit(i, caller, NaN); continue; }
        if (j === exclude) { visit(i, caller, 0); continue; }
        const l = la[t]! + (logWeights ? logWeights[j]! : 0);
        const w = l === -Infinity ? 0 : ((sign ? sign[t]! : 1) * Math.exp(l - M)) / S;
        visit(i, caller, w);
      }
    }
  };
  return { sums, row };
}

function forEachWeight(keys: KeySet, sim: Similarity, queries: Float64Array, m: number, options: PoolOptions,
  visit: (i: number, j: number, w: number) => void): void {
  const { row } = weightRows(keys, sim, queries, m, options);
  for (let i = 0; i < m; i++) row(i, 0, keys.n, visit);
}

/**
 * Top-k over sorted 1-D keys looks only inside a window per query outside which every term is below
 * e^{−TOP_K_REACH} of the largest (job.ts keyWindows); its answer stands when its k-th weight is above
 * what any key outside could weigh, else the query is scanned whole — the result is the full scan's.
 */
const TOP_K_REACH = 60;

/** Dense attention rows; refused with E_RESOURCE when m × n × 8 bytes exceeds `maxBytes`. */
export function denseAttention(keys: KeySet, sim: Similarity, queries: Float64Array, m: number,
  options: PoolOptions & { maxBytes?: number } = {}): DenseAttention {
  const n = keys.n;
  const bytes = m * n * 8;
  const budget = options.maxBytes ?? DEFAULT_ATTENTION_BYTES;
  if (bytes > budget) {
    throw new NadarayaError('E_RESOURCE', { argument: 'attention', value: `${m} × ${n}` },
      `the dense attention matrix would need ${formatBytes(bytes)}, over the budget of ${formatBytes(budget)}; ask for topK instead, or raise the budget (the estimators' maxAttentionBytes option)`);
  }
  const weights = new Float64Array(m * n);
  forEachWeight(keys, sim, queries, m, options, (i, j, w) => { weights[i * n + j] = w; });
  return { m, n, weights };
}

/** The k largest weights per query (k is capped at n); ties keep the smaller key index first when keys are unsorted. */
export function topKAttention(keys: KeySet, sim: Similarity, queries: Float64Array, m: number, k: number,
  options: PoolOptions = {}): TopKAttention {
  const kk = Math.min(k, keys.n);
  const indices = new Int32Array(m * kk).fill(-1);
  const weights = new Float64Array(m * kk).fill(-Infinity);
  const insert = (i: number, j: number, w: number) => {
    const o = i * kk;
    if (!(w > weights[o + kk - 1]!)) return;
    // insertion into the sorted row (k is small)
    let r = kk - 1;
    while (r > 0 && weights[o + r - 1]! < w) {
      weights[o + r] = weights[o + r - 1]!;
      indices[o + r] = indices[o + r - 1]!;
      r--;
    }
    weights[o + r] = w;
    indices[o + r] = j;
  };
  const { sums, row } = weightRows(keys, sim, queries, m, options);
  const exclude = options.leaveOneOut ? (keys.rank ? keys.rank.slice(0, m) : Int32Array.from({ length: m }, (_, i) => i)) : null;
  const signed = sim.kind === 'kernel' && sim.kernel.signed;
  const windows = kk > 0 && !signed ? keyWindows(keys, sim, queries, m, exclude, TOP_K_REACH) : null;
  for (let i = 0; i < m; i++) {
    if (windows && sums.sum[i]! > 0) {
      row(i, windows.lo[i]!, windows.hi[i]!, insert);
      // a key outside weighs less than e^{−reach}/S (its term is below M − reach): the window's k-th must beat that
      if (weights[i * kk + kk - 1]! > Math.exp(-TOP_K_REACH) / sums.sum[i]!) continue;
      weights.fill(-Infinity, i * kk, (i + 1) * kk);
      indices.fill(-1, i * kk, (i + 1) * kk);
    }
    row(i, 0, keys.n, insert);
  }
  for (let t = 0; t < weights.length; t++) if (indices[t] === -1) weights[t] = NaN;
  return { m, k: kk, indices, weights };
}

export function formatBytes(b: number): string {
  if (b >= 2 ** 30) return `${(b / 2 ** 30).toFixed(1)} GiB`;
  if (b >= 2 ** 20) return `${(b / 2 ** 20).toFixed(1)} MiB`;
  return `${Math.ceil(b / 1024)} KiB`;
}
