/**
 * Bounds on what truncation leaves out. A bound that charges every skipped key with the largest term
 * any of them could have (count × envelope at the cut) is rigorous but can be 10⁴× too large: the keys are
 * spread over distances where the kernel has long decayed. Here the skipped keys of sorted 1-D data are
 * cut into distance bins across each of which the envelope falls by at most ½ (in log), each bin charged
 * count × envelope at its nearest key: the bound then exceeds the true skipped sum by at most e^½ ≈ 1.65
 * (plus a 1% remainder for the far keys), so the reported bound is tight, not only safe.
 */

/** log(eᵃ + eᵇ) without overflow. */
export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/** Width (u units) over which the envelope drops by about ½ from u. */
function binWidth(envelope: (u2: number) => number, u: number): number {
  const eta = 1e-3 * Math.max(1, u);
  const slope = (envelope(u * u) - envelope((u + eta) * (u + eta))) / eta;
  return slope > 0 ? 0.5 / slope : Infinity;
}

/** First index j in [from, end) with K[j] ≥ x (end when none), by galloping from `from`. */
export function gallop(K: Float64Array, from: number, end: number, x: number): number {
  let step = 1, lo = from, hi = from;
  while (hi < end && K[hi]! < x) { lo = hi + 1; hi = from + step; step *= 2; }
  hi = Math.min(hi, end);
  while (lo < hi) { const mid = (lo + hi) >>> 1; if (K[mid]! < x) lo = mid + 1; else hi = mid; }
  return lo;
}

/**
 * log of an upper bound on Σ e^{envelope(u_j²) + maxLogW} over the sorted keys K[a … b) that lie on one
 * side of x (dir = +1: right of x, keys ascending away from it; −1: left, the bound walks from b − 1 down),
 * with u_j = |K[j] − x| · ih.
 */
export function sortedTailBound(K: Float64Array, a: number, b: number, x: number, dir: 1 | -1, ih: number,
  envelope: (u2: number) => number, maxLogW: number): number {
  let acc = -Infinity;
  let left = b - a;
  let j = dir === 1 ? a : b - 1;
  for (let bins = 0; left > 0; bins++) {
    const u0 = Math.abs(K[j]! - x) * ih;
    const e0 = envelope(u0 * u0) + maxLogW;
    if (bins >= 64 || Math.log(left) + e0 <= acc + Math.log(0.01)) return logAddExp(acc, Math.log(left) + e0);
    const reach = binWidth(envelope, u0) / ih;
    let next: number;
    if (!Number.isFinite(reach)) next = dir === 1 ? b : a - 1;
    else if (dir === 1) next = Math.max(j + 1, gallop(K, j, b, K[j]! + reach));
    else next = Math.min(j - 1, gallopDown(K, j, a, K[j]! - reach));
    const count = Math.abs(next - j);
    acc = logAddExp(acc, Math.log(count) + e0);
    left -= count;
    j = next;
  }
  return acc;
}

/** Last index j in [end, from] with K[j] ≤ x, searching down from `from` (end − 1 when none). */
function gallopDown(K: Float64Array, from: number, end: number, x: number): number {
  let step = 1, hi = from, lo = from;
  while (lo >= end && K[lo]! > x) { hi = lo - 1; lo = from - step; step *= 2; }
  lo = Math.max(lo, end - 1);
  // invariant: K[hi + 1] > x (or hi = from), answer in [lo, hi]; lo = end − 1 means "none"
  while (lo < hi) { const mid = (lo + hi + 1) >>> 1; if (K[mid]! > x) hi = mid - 1; else lo = mid; }
  return lo;
}
