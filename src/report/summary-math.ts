/**
 * The only arithmetic of the report: summaries of numbers the library computed — means, maxima,
 * least-squares lines — never an estimate of its own.
 */

export function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return s / values.length;
}

/** The largest |aᵢ − bᵢ|. */
export function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let top = 0;
  for (let i = 0; i < a.length; i++) top = Math.max(top, Math.abs(a[i]! - b[i]!));
  return top;
}

/** The least-squares line y ≈ intercept + slope · x. */
export function leastSquaresLine(x: ArrayLike<number>, y: ArrayLike<number>): { slope: number; intercept: number } {
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
  }
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

/** n points from a to b, evenly spaced on a log scale. */
export function logSpaced(a: number, b: number, n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => Math.exp(Math.log(a) + (i / (n - 1)) * (Math.log(b) - Math.log(a))));
}

/** n points from a to b, evenly spaced. */
export function linSpaced(a: number, b: number, n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => a + (i / (n - 1)) * (b - a));
}
