/**
 * A k-d tree over the keys (Bentley 1975), for truncation in any dimension: nodes split at the median of
 * their widest coordinate (in width units) until at most `leafSize` keys are left, and the keys are stored
 * leaf by leaf, so every node is one contiguous range [start, end) that the engine sums as a tile. Each node
 * keeps its keys' bounding box and the largest log multiplier and width factor λ among them, so that the
 * largest term any of its keys can give a query is bounded per node — with observation weights and local
 * widths the bound follows the keys that are really there, not the heaviest and widest key of the data.
 * Sorted 1-D keys (as the estimators store them) are split by position and keep their order.
 */
import type { KeySet } from '../engine/types.js';
import { permuteKeySet } from './permute.js';

export interface KdTree {
  /** The keys in leaf order (order/rank speak of the caller's order). */
  readonly keys: KeySet;
  readonly d: number;
  readonly size: number;
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** First child of a node (the second is first + 1); −1 for a leaf. */
  readonly child: Int32Array;
  /** Bounding boxes, size × d. */
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  /** Per node: max and min log multiplier (log w − d log λ) and max and min λ of its keys. */
  readonly maxLogWeight: Float64Array;
  readonly minLogWeight: Float64Array;
  readonly maxScale: Float64Array;
  readonly minScale: Float64Array;
}

export const LEAF_SIZE = 32;

export function buildKdTree(keys: KeySet, invWidth: Float64Array, leafSize = LEAF_SIZE): KdTree {
  const { n, d, keys: K } = keys;
  const cap = 2 * Math.ceil((2 * Math.max(n, 1)) / leafSize) + 3;
  const start = new Int32Array(cap), end = new Int32Array(cap), child = new Int32Array(cap).fill(-1);
  const lo = new Float64Array(cap * d), hi = new Float64Array(cap * d);
  const idx = new Int32Array(n);
  for (let j = 0; j < n; j++) idx[j] = j;
  const sorted = d === 1 && isSorted(K);
  // the coordinates move with idx, so that every node's keys are read in sequence (not through idx: cache misses)
  const P = sorted ? K : K.slice();
  let size = 1;
  start[0] = 0; end[0] = n;
  // while splitting, lo/hi hold each node's cell (its parent's cell cut at the split value), enough to choose
  // the widest coordinate; the tight boxes are filled in afterwards, from the leaves up
  box(P, d, 0, n, lo, hi, 0);
  const stack = [0];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const a = start[node]!, b = end[node]!;
    if (b - a <= leafSize) continue;
    let c = 0, widest = -1;
    for (let e = 0; e < d; e++) {
      const w = (hi[node * d + e]! - lo[node * d + e]!) * invWidth[e]!;
      if (w > widest) { widest = w; c = e; }
    }
    const mid = a + ((b - a) >> 1);
    if (!sorted) select(idx, P, d, c, a, b, mid);
    const l = size;
    size += 2;
    start[l] = a; end[l] = mid; start[l + 1] = mid; end[l + 1] = b;
    child[node] = l;
    for (let e = 0; e < d; e++) {
      lo[l * d + e] = lo[(l + 1) * d + e] = lo[node * d + e]!;
      hi[l * d + e] = hi[(l + 1) * d + e] = hi[node * d + e]!;
    }
    hi[l * d + c] = lo[(l + 1) * d + c] = P[mid * d + c]!;
    stack.push(l, l + 1);
  }
  const stored = sorted ? keys : permuteKeySet(keys, idx, P);
  const maxLogWeight = new Float64Array(size), maxScale = new Float64Array(size);
  const minLogWeight = new Float64Array(size), minScale = new Float64Array(size);
  const LW = stored.logWeights, inv = stored.invKeyScale;
  // children are numbered after their parent: one backward pass fills leaves, then parents
  for (let node = size - 1; node >= 0; node--) {
    const f = child[node]!;
    if (f >= 0) {
      for (let e = 0; e < d; e++) {
        lo[node * d + e] = Math.min(lo[f * d + e]!, lo[(f + 1) * d + e]!);
        hi[node * d + e] = Math.max(hi[f * d + e]!, hi[(f + 1) * d + e]!);
      }
      maxLogWeight[node] = Math.max(maxLogWeight[f]!, maxLogWeight[f + 1]!);
      maxScale[node] = Math.max(maxScale[f]!, maxScale[f + 1]!);
      minLogWeight[node] = Math.min(minLogWeight[f]!, minLogWeight[f + 1]!);
      minScale[node] = Math.min(minScale[f]!, minScale[f + 1]!);
      continue;
    }
    if (sorted) { lo[node] = P[start[node]!]!; hi[node] = P[end[node]! - 1]!; } else box(P, d, start[node]!, end[node]!, lo, hi, node);
    let w = LW ? -Infinity : 0, s = inv ? 0 : 1, wl = LW ? Infinity : 0, sl = inv ? Infinity : 1;
    for (let j = start[node]!; j < end[node]!; j++) {
      if (LW) { w = Math.max(w, LW[j]!); wl = Math.min(wl, LW[j]!); }
      if (inv) { s = Math.max(s, 1 / inv[j]!); sl = Math.min(sl, 1 / inv[j]!); }
    }
    maxLogWeight[node] = w; minLogWeight[node] = wl;
    maxScale[node] = s; minScale[node] = sl;
  }
  return {
    keys: stored, d, size, start: start.subarray(0, size), end: end.subarray(0, size), child: child.subarray(0, size),
    lo: lo.subarray(0, size * d), hi: hi.subarray(0, size * d), maxLogWeight, minLogWeight, maxScale, minScale,
  };
}

function isSorted(K: Float64Array): boolean {
  for (let j = 1; j < K.length; j++) if (!(K[j - 1]! <= K[j]!)) return false;
  return true;
}

/** The bounding box of the points a ≤ j < b of P (n × d) into node's slot. */
function box(P: Float64Array, d: number, a: number, b: number, lo: Float64Array, hi: Float64Array, node: number): void {
  for (let c = 0; c < d; c++) { lo[node * d + c] = Infinity; hi[node * d + c] = -Infinity; }
  for (let j = a; j < b; j++) {
    const o = j * d;
    for (let c = 0; c < d; c++) {
      const v = P[o + c]!;
      if (v < lo[node * d + c]!) lo[node * d + c] = v;
      if (v > hi[node * d + c]!) hi[node * d + c] = v;
    }
  }
}

/**
 * Rearranges rows a … b − 1 of P (and idx with them) so that row k holds the k-th smallest coordinate c,
 * rows with no larger coordinate before it and none smaller after it (Hoare's FIND).
 */
function select(idx: Int32Array, P: Float64Array, d: number, c: number, a: number, b: number, k: number): void {
  let l = a, r = b - 1;
  while (r > l) {
    // median of three as the pivot: sorted runs do not degrade to quadratic time
    const x = P[l * d + c]!, y = P[((l + r) >>> 1) * d + c]!, z = P[r * d + c]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : (x < z ? x : y < z ? z : y);
    let i = l, j = r;
    while (i <= j) {
      while (P[i * d + c]! < pivot) i++;
      while (P[j * d + c]! > pivot) j--;
      if (i <= j) {
        const t = idx[i]!; idx[i] = idx[j]!; idx[j] = t;
        for (let e = 0; e < d; e++) { const v = P[i * d + e]!; P[i * d + e] = P[j * d + e]!; P[j * d + e] = v; }
        i++; j--;
      }
    }
    if (k <= j) r = j;
    else if (k >= i) l = i;
    else return;
  }
}
