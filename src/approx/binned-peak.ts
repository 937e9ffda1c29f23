/**
 * The largest Gaussian kernel sum over all queries, max_q Σ w·α((q − k)/h), as a share of the total weight:
 * what the `total` error scale plans its grid with (the binned bound is largest where the sum is). It is an
 * estimate — the keys (beyond 2¹⁷ of them, one from each run of k: a few per cent off at a peak that holds a
 * hundredth of the data) linearly binned onto cells of half a width, convolved with the sampled
 * kernel, the largest node read — good to a few per cent where the data are smooth and within ~15 % of a
 * lone point's peak; the grid is planned with a factor 2 to spare, and the bound itself is computed on the
 * grid after, so a misjudged peak costs a fallback for the queries near it, never a wrong bound.
 */
import type { KeySet } from '../engine/types.js';
import { binKeys, keyBox, sampled } from './binned-grid.js';
import type { GridPlan } from './binned-grid.js';
import { convolveSpectra, realSpectra, separableConvolve } from './fft.js';

/** Cell side in widths: the estimate's error is ~γ²/8 of the peak's curvature. */
const CELL = 0.5;
/** The kernel is sampled out to this many widths (e^{−18}: nothing a peak estimate would notice). */
const REACH = 6;
/** Most cells of the estimate's grid: beyond, cells grow (the estimate coarsens; the bound does not). */
const MOST_CELLS = 2 ** 18;
/** Keys binned at most: binning is the estimate's cost, and its error shrinks as 1/√(keys near the peak). */
const MOST_KEYS = 2 ** 17;

/** max_q S(q) / Σw for the Gaussian kernel with widths h (one per coordinate), d = 1 or 2. */
export function gaussianPeakShare(keys: KeySet, h: Float64Array): number {
  if (keys.n === 0 || !(keys.totalWeight > 0)) return 1;
  const plan = coarsePlan(keys, h);
  const sample = stratifiedSample(keys);
  const { weights } = binKeys(sample, plan);
  const kernel = Array.from({ length: plan.d }, (_, c) => sampled(plan.fft[c]!, plan.reach[c]!, (j) => Math.exp(-0.5 * (j * plan.delta[c]! / h[c]!) ** 2)));
  const smooth = plan.d === 1
    ? convolveSpectra(plan.fft, [{ spectrum: realSpectra(plan.fft, [weights])[0]!, kernelHat: kernel[0]!.hat }])[0]!
    : separableConvolve(weights, plan.nodes[0]!, plan.nodes[1]!, [[kernel[0]!.hat, kernel[1]!.hat]])[0]!;
  let peak = 0;
  for (let k = 0; k < smooth.length; k++) if (smooth[k]! > peak) peak = smooth[k]!;
  // the sum at a key is at least that key's weight (α(0) = 1), and never above the total
  const heaviest = (keys.logWeights ? Math.exp(keys.maxLogWeight) : 1) / keys.totalWeight;
  return sample.totalWeight > 0 ? Math.min(1, Math.max(peak / sample.totalWeight, heaviest)) : 1;
}

/**
 * One key from each run of k (all of them up to MOST_KEYS), without values: at a position within the run
 * that a multiplicative hash scatters, not always the first, so that keys stored in a periodic order (a
 * lattice row by row, groups interleaved) are not sampled in step with their period.
 */
function stratifiedSample(keys: KeySet): KeySet {
  const { n, d } = keys;
  const view = { ...keys, p: 0, values: null };
  if (n <= MOST_KEYS) return view;
  const step = Math.ceil(n / MOST_KEYS), m = Math.ceil(n / step);
  const K = new Float64Array(m * d), W = keys.weights ? new Float64Array(m) : null;
  let total = 0;
  for (let i = 0; i < m; i++) {
    const j = Math.min(n - 1, i * step + (Math.imul(i + 1, 0x9e3779b1) >>> 0) % step);
    for (let c = 0; c < d; c++) K[i * d + c] = keys.keys[j * d + c]!;
    const w = W ? (W[i] = keys.weights![j]!) : 1;
    total += w;
  }
  return { ...view, n: m, keys: K, weights: W, totalWeight: total };
}

/** Nodes every CELL widths over the keys' box (wider where that would pass MOST_CELLS). */
function coarsePlan(keys: KeySet, h: Float64Array): GridPlan {
  const d = keys.d;
  const { lo, hi } = keyBox(keys);
  let cell = CELL;
  const count = (c: number, side: number) => Math.max(2, Math.ceil((hi[c]! - lo[c]!) / (side * h[c]!)) + 1);
  for (;;) {
    let total = 1;
    for (let c = 0; c < d; c++) total *= count(c, cell);
    if (total <= MOST_CELLS) break;
    cell *= 2;
  }
  const origin = new Float64Array(d), delta = new Float64Array(d), nodes = new Int32Array(d), reach = new Int32Array(d);
  const fft: number[] = [];
  for (let c = 0; c < d; c++) {
    const G = count(c, cell);
    origin[c] = lo[c]!;
    // a box of one point (or of equal coordinates) still gets cells of `cell` widths
    delta[c] = hi[c]! > lo[c]! ? (hi[c]! - lo[c]!) / (G - 1) : cell * h[c]!;
    nodes[c] = G;
    reach[c] = Math.ceil(REACH / (delta[c]! / h[c]!)) + 1;
    fft.push(2 ** Math.ceil(Math.log2(G + reach[c]! + 1)));
  }
  return { d, origin, delta, nodes, fft, radius: REACH, reach };
}
