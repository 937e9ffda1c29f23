/**
 * The running reduction of the current query — (M, S, S2, top, W) of the engine's online merge — and
 * the rescaling that moves it to a larger maximum: every sum is relative to e^M, so raising M to M'
 * multiplies them by r = e^{M − M'} (S2 by r²). W accumulates in place, in the query's output row.
 */
import { p } from './job';

/** log-scale M (log path) or the largest α·w (linear path). */
export let runMax: f64 = 0;
export let runSum: f64 = 0;
export let runSumSq: f64 = 0;
export let runTop: f64 = 0;
/** The query's p weighted sums (its output row). */
export let runRow: usize = 0;

export function startQuery(row: usize, emptyMax: f64): void {
  runMax = emptyMax; runSum = 0; runSumSq = 0; runTop = 0; runRow = row;
  for (let c = 0; c < p; c++) store<f64>(row + (<usize>c << 3), 0);
}

export function rescale(r: f64, newMax: f64): void {
  runMax = newMax;
  runSum *= r; runSumSq *= r * r; runTop *= r;
  for (let c = 0; c < p; c++) {
    const a = runRow + (<usize>c << 3);
    store<f64>(a, load<f64>(a) * r);
  }
}

export function addSums(s: f64, s2: f64, top: f64): void {
  runSum += s; runSumSq += s2;
  if (top > runTop) runTop = top;
}
