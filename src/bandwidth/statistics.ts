/** Sample statistics with the conventions the rules of thumb are defined by. */

/** Standard deviation with n − 1 in the denominator (two-pass, for accuracy). */
export function sampleSd(x: ArrayLike<number>): number {
  const n = x.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i]!;
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i]! - mean) ** 2;
  return Math.sqrt(ss / (n - 1));
}

/** Quantile of type 7 (R's default, numpy's 'linear'): interpolate at h = (n − 1) p of the sorted data. */
export function quantile7(sorted: ArrayLike<number>, prob: number): number {
  const n = sorted.length;
  const h = (n - 1) * prob;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Interquartile range, type 7. */
export function iqr(x: ArrayLike<number>): number {
  const s = Float64Array.from(x).sort();
  return quantile7(s, 0.75) - quantile7(s, 0.25);
}
