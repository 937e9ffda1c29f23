/**
 * The power sums of blocks of sorted keys, kept per fitted model, so that the sliding window of
 * neighbors-1d.ts is rebuilt about a new centre c from its blocks — each block's sums Σ w tʳ about the
 * block's first key moved to c by the binomial theorem, (t + δ)ʳ = Σ_j C(r, j) tʲ δ^(r−j), D² operations per
 * block — and only the keys at the window's two ends one by one. A rebuild then costs O(window / B + B)
 * instead of O(window): at 10⁷ keys it was a third of the sliding window's time.
 *
 * Rounding: a block spans a sliver of the window, so its sums about its first key are as accurate as the
 * keys' own terms, and moving them by δ ≤ the window's reach amplifies their rounding no more than summing
 * the keys about c directly would.
 */
import type { KeySet } from '../engine/types.js';

/** Keys per block. */
const B = 256;

export interface WindowBlocks {
  /** Per block: the power sums Σ w tʳ (D per block) and Σ w v_col tʳ (p × D per block) about its first key. */
  readonly M: Float64Array;
  readonly T: Float64Array;
  readonly W: Float64Array;
  readonly D: number;
}

/** The blocks' sums for degree D − 1 at 1/h = ih (cached per model: the widths are the model's). */
export function windowBlocks(keys: KeySet, D: number, ih: number, cache: Map<string, unknown>): WindowBlocks {
  const key = `window-blocks:${D}`;
  const cached = cache.get(key) as WindowBlocks | undefined;
  if (cached) return cached;
  const { n, p, keys: K, weights: Wt, values: V } = keys;
  const nb = Math.floor(n / B);
  const M = new Float64Array(nb * D), T = new Float64Array(nb * p * D), W = new Float64Array(nb);
  for (let b = 0; b < nb; b++) {
    W[b] = accumulate(K, Wt, V, p, D, K[b * B]!, ih, b * B, (b + 1) * B, M.subarray(b * D, (b + 1) * D), T.subarray(b * p * D, (b + 1) * p * D));
  }
  const out = { M, T, W, D };
  cache.set(key, out);
  return out;
}

/**
 * Adds the power sums about c of stored keys j0 ≤ j < j1 to M (and T): whole blocks from their sums, the
 * rest key by key. `C` holds the binomials C(j, r) row-major (D × D). Returns the keys' total weight.
 */
export function accumulateRange(blocks: WindowBlocks | null, keys: KeySet, c: number, ih: number, j0: number, j1: number,
  M: Float64Array, T: Float64Array, C: Float64Array): number {
  const { p, keys: K, weights: Wt, values: V } = keys;
  const D = blocks ? blocks.D : M.length;
  if (!blocks) return accumulate(K, Wt, V, p, D, c, ih, j0, j1, M, T);
  const first = Math.ceil(j0 / B), last = Math.floor(j1 / B); // whole blocks first … last − 1
  if (first >= last) return accumulate(K, Wt, V, p, D, c, ih, j0, j1, M, T);
  let total = accumulate(K, Wt, V, p, D, c, ih, j0, first * B, M, T) + accumulate(K, Wt, V, p, D, c, ih, last * B, j1, M, T);
  const dp = new Float64Array(D);
  for (let b = first; b < last; b++) {
    // δ^k for the move from the block's first key to c
    const delta = (K[b * B]! - c) * ih;
    dp[0] = 1;
    for (let k = 1; k < D; k++) dp[k] = dp[k - 1]! * delta;
    for (let r = 0; r < D; r++) {
      let s = 0;
      for (let j = 0; j <= r; j++) s += C[r * D + j]! * dp[r - j]! * blocks.M[b * D + j]!;
      M[r]! += s;
      for (let col = 0; col < p; col++) {
        let t = 0;
        for (let j = 0; j <= r; j++) t += C[r * D + j]! * dp[r - j]! * blocks.T[(b * p + col) * D + j]!;
        T[col * D + r]! += t;
      }
    }
    total += blocks.W[b]!;
  }
  return total;
}

/** Adds the power sums of keys j0 ≤ j < j1 about c to M (and T); returns their total weight. */
export function accumulate(K: Float64Array, Wt: Float64Array | null, V: Float64Array | null, p: number, D: number, c: number, ih: number,
  j0: number, j1: number, M: Float64Array, T: Float64Array): number {
  let total = 0;
  for (let j = j0; j < j1; j++) {
    const t = (K[j]! - c) * ih;
    const w = Wt ? Wt[j]! : 1;
    total += w;
    let pw = w;
    for (let r = 0; r < D; r++) {
      M[r]! += pw;
      if (V) for (let col = 0; col < p; col++) T[col * D + r]! += pw * V[j * p + col]!;
      pw *= t;
    }
  }
  return total;
}
