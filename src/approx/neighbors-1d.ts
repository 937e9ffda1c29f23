/**
 * Exact sums of a polynomial compact kernel over sorted 1-D keys in O(n + m log m): queries are visited in
 * increasing order while a window of the keys in reach slides along; the window keeps the power sums
 * Σ w tʳ and Σ w v tʳ of t = (k − c)/h about a centre c, so each query costs O(degree²) and each key enters
 * and leaves once (FKSUM, Hofmeyr 2019). Odd profiles (triangular, tricube) keep the keys left and right of
 * the query in two windows, since |u| changes form there.
 *
 * Rounding: the keys that enter and leave for one query are summed apart and added to the window's sums
 * once per query (so those sums round once per query, not once per key); the window is rebuilt about the
 * current query, from block sums (window-blocks.ts), when the query has moved far enough from the centre
 * for the power sums to cancel (h/8 for tricube, 2h for epanechnikov) or when more weight has moved than
 * stays; and each result is checked a posteriori: when the rounding bound exceeds 1e-11 of the sum
 * (cancellation, keys only at the rim of the support, a leave-one-out sum dominated by the left-out key)
 * the query is summed directly over its window. That check is a worst case: results equal the exact
 * engine's to ~1e-13 (the tests hold them to 1e-12).
 */
import { argsortStable } from '../engine/argsort.js';
import { binomials } from './polynomial.js';
import { accumulateRange, windowBlocks } from './window-blocks.js';
import type { PolynomialProfile } from './polynomial.js';
import { newSums } from './types.js';
import type { ApproxRequest, MethodResult } from './types.js';

const EPS = 2 ** -52;
const ROUNDING = 1e-11;

export function slidingWindow1d(req: ApproxRequest, poly: PolynomialProfile): MethodResult {
  const { keys, queries, m, exclude } = req;
  const { n, p, keys: K, values: V, weights: Wt, rank } = keys;
  const ih = req.sim.invWidth[0]!;
  const a = poly.coefficients, D = a.length, even = poly.even;
  // "in reach" is decided on the engine's scaled difference (q − k)·(1/h), so both see the same keys
  const reach = poly.inclusive ? 1 : 1 - EPS / 2; // t² < 1 ⇔ t² ≤ 1 − ε/2 in doubles
  const C = binomials(D - 1);
  // block sums: a rebuild sums blocks, not keys (cheaper, and rounded per block rather than per key)
  const blocks = n >= 1024 ? windowBlocks(keys, D, ih, req.cache) : null;
  const sums = newSums(m, p);
  const ML = new Float64Array(D), MR = new Float64Array(D), TL = new Float64Array(p * D), TR = new Float64Array(p * D);
  // the keys entering and leaving for one query are summed apart and added to the window's sums once: the
  // window's sums then round once per query (ε·|sum|), not once per key
  const dML = new Float64Array(D), dMR = new Float64Array(D), dTL = new Float64Array(p * D), dTR = new Float64Array(p * D);
  const bL = new Float64Array(D), bR = new Float64Array(D);
  // recentre when the query is so far from c that the power sums' cancellation could pass ~64 ulps
  let shiftMax = 0.125;
  while (shiftMax < 2 && amplification(a, 2 * shiftMax) <= 64) shiftMax *= 2;
  let lo = 0, mid = 0, hi = 0, c = 0, removed = 0, opsW = 0, direct = 0;

  const order = argsortStable(queries.subarray(0, m));
  for (let s = 0; s < m; s++) {
    const i = order[s]!;
    const q = queries[i]!;
    let rebuild = false;
    if (lo === hi || (hi < n && K[hi]! < q && ((q - K[hi]!) * ih) ** 2 > reach)) {
      // jump: the first key in reach (or right of q), by bisection from the window's start
      let l = lo, r = n;
      while (l < r) { const h = (l + r) >>> 1; if (K[h]! >= q || ((q - K[h]!) * ih) ** 2 <= reach) r = h; else l = h + 1; }
      lo = mid = hi = l;
      rebuild = true;
    }
    const toRight = even ? dML : dMR, toRightT = even ? dTL : dTR;
    while (hi < n && ((q - K[hi]!) * ih) ** 2 <= reach) { opsW += addKey(K, Wt, V, p, D, c, ih, hi, 1, toRight, toRightT); hi++; }
    if (!even) {
      while (mid < hi && K[mid]! <= q) {
        addKey(K, Wt, V, p, D, c, ih, mid, -1, dMR, dTR);
        opsW += addKey(K, Wt, V, p, D, c, ih, mid, 1, dML, dTL);
        mid++; removed++;
      }
    }
    while (lo < hi && K[lo]! < q && ((q - K[lo]!) * ih) ** 2 > reach) { opsW += addKey(K, Wt, V, p, D, c, ih, lo, -1, dML, dTL); lo++; removed++; }
    if (mid < lo) mid = lo;
    flush(ML, dML); flush(TL, dTL);
    if (!even) { flush(MR, dMR); flush(TR, dTR); }
    let W = ML[0]! + MR[0]!;
    if (rebuild || Math.abs(q - c) * ih > shiftMax || removed > 8 * (hi - lo) + 64 || opsW > 8 * W + 64 * EPS) {
      c = q; removed = 0;
      ML.fill(0); MR.fill(0); TL.fill(0); TR.fill(0);
      opsW = accumulateRange(blocks, keys, c, ih, lo, even ? hi : mid, ML, TL, C);
      if (!even) opsW += accumulateRange(blocks, keys, c, ih, mid, hi, MR, TR, C);
      W = ML[0]! + MR[0]!;
    }
    // coefficients of the power sums at s = (q − c)/h: Σ_j a_j (s − t)^j (left), Σ_j a_j (t − s)^j (right;
    // an even profile has one window, all left)
    const sc = (q - c) * ih;
    for (let r = 0; r < D; r++) {
      let l = 0, rr = 0, sp = 1;
      for (let j = r; j < D; j++) {
        const term = a[j]! * C[j * D + r]! * sp;
        l += term;
        rr += (j & 1) ? -term : term;
        sp *= sc;
      }
      bL[r] = r & 1 ? -l : l;
      bR[r] = even ? 0 : r & 1 ? -rr : rr;
    }
    let S = 0;
    for (let r = 0; r < D; r++) S += bL[r]! * ML[r]!;
    if (!even) for (let r = 0; r < D; r++) S += bR[r]! * MR[r]!;
    const out = i * p;
    for (let col = 0; col < p; col++) {
      let T = 0;
      for (let r = 0; r < D; r++) T += bL[r]! * TL[col * D + r]!;
      if (!even) for (let r = 0; r < D; r++) T += bR[r]! * TR[col * D + r]!;
      sums.weighted[out + col] = T;
    }
    const self = exclude && exclude[i]! >= 0 ? (rank ? rank[exclude[i]!]! : exclude[i]!) : -1;
    if (self >= 0) {
      const w = Wt ? Wt[self]! : 1;
      S -= w * a[0]!;
      for (let col = 0; col < p; col++) sums.weighted[out + col]! -= w * a[0]! * V![self * p + col]!;
    }
    const roundingBound = D * EPS * amplification(a, Math.abs(sc)) * (W + opsW);
    if (!(S > roundingBound / ROUNDING)) {
      S = directSum(req, lo, hi, q, self, sums.weighted, out);
      direct++;
    }
    sums.sum[i] = S;
    sums.logScale[i] = S === 0 ? -Infinity : 0;
  }
  const detail = `sliding window over sorted keys with power sums to degree ${D - 1}${direct ? `; ${direct} of ${m} queries summed directly (rounding check)` : ''}`;
  return { sums, bounds: null, detail };
}

/**
 * Adds (sign 1) or removes (sign −1) stored key j's terms to the power sums M (and T) about c; returns its
 * weight. (The hot loop: every key passes through it twice; one value column is the common case.)
 */
function addKey(K: Float64Array, Wt: Float64Array | null, V: Float64Array | null, p: number, D: number, c: number, ih: number,
  j: number, sign: number, M: Float64Array, T: Float64Array): number {
  const t = (K[j]! - c) * ih;
  const w = Wt ? Wt[j]! : 1;
  let pw = sign * w;
  if (V && p === 1) {
    const v = V[j]!;
    for (let r = 0; r < D; r++) { M[r]! += pw; T[r]! += pw * v; pw *= t; }
    return w;
  }
  for (let r = 0; r < D; r++) {
    M[r]! += pw;
    if (V) for (let col = 0; col < p; col++) T[col * D + r]! += pw * V[j * p + col]!;
    pw *= t;
  }
  return w;
}

/** Adds `delta` into `into` and zeroes it. */
function flush(into: Float64Array, delta: Float64Array): void {
  for (let k = 0; k < into.length; k++) { into[k]! += delta[k]!; delta[k] = 0; }
}

/** Σ_j |a_j| (2s + 1)^j: how much the power sums' terms can exceed the window's weight at offset s (Horner). */
function amplification(a: Float64Array, s: number): number {
  const x = 2 * s + 1;
  let A = 0;
  for (let j = a.length - 1; j >= 0; j--) A = A * x + Math.abs(a[j]!);
  return A;
}

/** Σ over keys lo ≤ j < hi (but `self`) of w α and w α v, by the profile itself. */
function directSum(req: ApproxRequest, lo: number, hi: number, q: number, self: number,
  weighted: Float64Array, out: number): number {
  const { keys: K, values: V, weights: Wt, p } = req.keys;
  const ih = req.sim.invWidth[0]!;
  const kernel = req.sim.kernel;
  let S = 0;
  for (let col = 0; col < p; col++) weighted[out + col] = 0;
  for (let j = lo; j < hi; j++) {
    if (j === self) continue;
    const t = (q - K[j]!) * ih;
    const e = (Wt ? Wt[j]! : 1) * Math.exp(kernel.logAbsSq(t * t));
    if (!(e > 0)) continue;
    S += e;
    for (let col = 0; col < p; col++) weighted[out + col]! += e * V![j * p + col]!;
  }
  return S;
}
