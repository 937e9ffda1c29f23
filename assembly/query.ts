/**
 * The reduction of each query: over its keys [lo, hi) without the left-out one, tile by tile in the
 * order of `visit` — stage one (distances), two (log-terms or α, and the tile's maximum), the merge into
 * the running sums (raising M when the tile's maximum is larger, skipping a tile whose every term would
 * flush), then three and four (terms and sums). Memory stays O(TILE) per query whatever n is.
 */
import { FLUSH_LOG32, FLUSH_LOG64, SILVERMAN, TILE } from './constants';
import { distances } from './distance';
import { genericProductTerms, genericRadialTerms } from './generic';
import { MODE_GENERIC_PRODUCT, MODE_LINEAR, MODE_LOG, d, invKS, kernelId, keysSorted, keysT, mode, n, p, single, weightShift, weightSpread } from './job';
import { linearTerms } from './profile-linear';
import { logTerms32, logTerms64 } from './profile-log';
import { rescale, runMax, runSum, runSumSq, runTop, startQuery } from './running';
import { sumLinear, sumLog32, sumLog64 } from './sums';

/**
 * Queries 0 ≤ i < count (rows of d coordinates at `queries`; lo, hi, exclude: count int32 each, or 0)
 * into `out`: count log-scales, sums, sums of squares and largest terms, then count × p weighted sums.
 */
export function runQueries(queries: usize, lo: usize, hi: usize, exclude: usize, count: i32, out: usize): void {
  const linear = mode == MODE_LINEAR;
  // windows come with keys sorted along their one coordinate (src/backends/job.ts): walk from the query
  const sorted = lo != 0 && keysSorted;
  // α non-increasing in the distance to the query (not so with per-key widths, nor the Silverman kernel)
  const stops = !linear && kernelId != SILVERMAN && invKS == 0;
  const stride = <usize>count << 3;
  for (let i = 0; i < count; i++) {
    const io = <usize>i << 2;
    const q = queries + ((<usize>i * <usize>d) << 3);
    const j0 = lo == 0 ? 0 : max(0, load<i32>(lo + io));
    const j1 = hi == 0 ? n : min(n, load<i32>(hi + io));
    const skip = exclude == 0 ? -1 : load<i32>(exclude + io);
    startQuery(out + 4 * stride + ((<usize>i * <usize>p) << 3), linear ? 0 : -Infinity);
    if (sorted && j1 - j0 > TILE) visit(q, j0, j1, lowerBound(load<f64>(q), j0, j1), skip, stops);
    else visit(q, j0, j1, j0, skip, false);
    const o = <usize>i << 3;
    const M = linear ? (runMax > 0 ? Math.log(runMax) + weightShift : -Infinity) : runMax;
    store<f64>(out + o, M);
    store<f64>(out + stride + o, runSum);
    store<f64>(out + 2 * stride + o, runSumSq);
    store<f64>(out + 3 * stride + o, runTop);
  }
}

/**
 * The tiles of keys [j0, j1) without `skip`, outward from `start`: first the tile around it, then
 * rightwards, then leftwards. Over sorted keys the nearest come first, so the running maximum is (nearly)
 * final from the first tile on and a farther tile whose terms all flush costs only its stage two. With
 * `stop` (sorted keys, α non-increasing in |q − k|) a direction ends at the first such tile whose
 * maximum, lifted by the spread of the log-weights, still flushes: every key beyond is farther, so its
 * α is no larger and its weight at most that spread heavier. Any order gives the same sums.
 */
function visit(q: usize, j0: i32, j1: i32, start: i32, skip: i32, stop: bool): void {
  const c0 = max(j0, start - (TILE >> 1)), c1 = min(j1, c0 + TILE);
  span(q, c0, c1, skip);
  for (let a = c1; a < j1; a += TILE) {
    const Mt = span(q, a, min(j1, a + TILE), skip);
    if (stop && Mt + weightSpread < runMax + flushLog()) break;
  }
  for (let b = c0; b > j0; b -= TILE) {
    const Mt = span(q, max(j0, b - TILE), b, skip);
    if (stop && Mt + weightSpread < runMax + flushLog()) break;
  }
}

/** Below this (relative to the running maximum) a log-term is no term (see constants.ts). */
function flushLog(): f64 {
  return single && mode == MODE_LOG ? <f64>FLUSH_LOG32 : FLUSH_LOG64;
}

/** One tile's keys [a, b), in two parts around a left-out key; returns the tile's largest log-term. */
function span(q: usize, a: i32, b: i32, skip: i32): f64 {
  if (skip >= a && skip < b) {
    let Mt = -Infinity;
    if (skip > a) Mt = tile(q, a, skip);
    if (skip + 1 < b) Mt = Math.max(Mt, tile(q, skip + 1, b));
    return Mt;
  }
  return b > a ? tile(q, a, b) : -Infinity;
}

/** The first of the sorted keys [a, b) not below x. */
function lowerBound(x: f64, a: i32, b: i32): i32 {
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (load<f64>(keysT + (<usize>mid << 3)) < x) a = mid + 1;
    else b = mid;
  }
  return a;
}

/** One tile through every stage; returns its largest log-term (log paths) or NaN (linear path). */
function tile(q: usize, j0: i32, j1: i32): f64 {
  const len = j1 - j0;
  // whole groups of eight keys (the float32 path's step)
  const count = (len + 7) & ~7;
  if (mode == MODE_LINEAR) {
    distances(q, j0, len, count);
    const top = linearTerms(j0, count);
    if (top > 0) {
      if (top > runMax) rescale(runMax / top, top);
      sumLinear(j0, count, runMax);
    }
    return NaN;
  }
  let Mt: f64;
  if (mode == MODE_LOG) Mt = single ? logTerms32(q, j0, len, count) : logTerms64(q, j0, len, count);
  else if (mode == MODE_GENERIC_PRODUCT) Mt = genericProductTerms(q, j0, len, count);
  else {
    distances(q, j0, len, count);
    Mt = genericRadialTerms(j0, len, count);
  }
  if (merge(Mt)) {
    if (mode != MODE_LOG) sumLog64(j0, count, runMax, kernelId == SILVERMAN);
    else if (single) sumLog32(j0, count, runMax);
    else sumLog64(j0, count, runMax, false);
  }
  return Mt;
}

/** Merges a tile's maximum: false when the tile adds nothing (no finite term, or all below the flush). */
function merge(Mt: f64): bool {
  if (Mt == -Infinity || isNaN(Mt)) return false;
  if (Mt > runMax) {
    rescale(Math.exp(runMax - Mt), Mt);
    return true;
  }
  return Mt - runMax >= flushLog();
}
