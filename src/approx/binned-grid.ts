/**
 * The grid of the binned method (1-D or 2-D, Gaussian kernel) and everything computed on it once per
 * fitted key set: linear binning of the weights and weighted values (Jones & Lotwick 1983; Wand 1994, the
 * method of R's KernSmooth), FFT convolution with the sampled kernel, and with a kernel that bounds the
 * error at every grid node.
 *
 * The error. Binning key k onto its cell's corners and interpolating the query between its cell's corners
 * replaces each term α((q − k)/h) by its multilinear interpolant in (q, k) over a cell of the grid; the
 * interpolation error of a C² function on a box with sides δ_c is at most Σ_c (δ_c²/8)·sup|∂²| per
 * interpolated variable, and q and k both are, so term k is off by at most
 *   Σ_c (δ_c²/4h_c²) · sup |∂²α/∂u_c²| over the box (q − k) ± 2δ.
 * Summed over keys, with the sup dilated by 2δ more (key → node, query → node), this is a convolution of the
 * binned weights with a nonnegative kernel Ψ, computed on the grid like the estimate itself: the bound at a
 * query is the least Ψ-sum at the corners of its cell. Added to it: the FFT's rounding (`fftRoundingBound`),
 * the kernel's truncation at R (W·e^{−(R − 4δ/h)²/2}) and the rounding of the binning sums.
 */
import type { KeySet } from '../engine/types.js';
import { convolveSpectra, fftRoundingBound, realSpectra, separableConvolve } from './fft.js';

/** Most cells of a grid: the FFT length in 1-D, the nodes in 2-D. */
export const MAX_GRID_CELLS = 2 ** 23;
const U = 2 ** -53;

export interface GridPlan {
  readonly d: number;
  /** Node 0 and spacing per coordinate; G nodes per coordinate. */
  readonly origin: Float64Array;
  readonly delta: Float64Array;
  readonly nodes: Int32Array;
  /** FFT sides (powers of two ≥ nodes + kernel reach). */
  readonly fft: number[];
  /** Kernel truncation radius in width units, and the kernel's half-width in cells per coordinate. */
  readonly radius: number;
  readonly reach: Int32Array;
}

/** The grid for tolerance τ, or why there is none. */
export function planGrid(keys: KeySet, h: Float64Array, tolerance: number): GridPlan | { refused: string } {
  const { n, d, keys: K } = keys;
  const lo = new Float64Array(d).fill(Infinity), hi = new Float64Array(d).fill(-Infinity);
  for (let j = 0; j < n; j++) for (let c = 0; c < d; c++) {
    const v = K[j * d + c]!;
    if (v < lo[c]!) lo[c] = v;
    if (v > hi[c]!) hi[c] = v;
  }
  // half of τ for interpolation: Σ_c δ_c²/4h_c² ≈ τ/2 where the Ψ-sum is about the kernel sum
  // (0.7 in 2-D, where the bound kernel is a separable majorant, up to 2× larger)
  const ratio = (d === 1 ? 0.8 : 0.7) * Math.sqrt((2 * tolerance) / d);
  const origin = new Float64Array(d), delta = new Float64Array(d), nodes = new Int32Array(d), reaches = new Int32Array(d);
  const fft: number[] = [];
  let total = 1, cellsWanted = 1;
  const pad = 3; // queries up to 3 widths beyond the keys are interpolated; farther ones go to a fallback
  for (let c = 0; c < d; c++) {
    const span = hi[c]! - lo[c]! + 2 * pad * h[c]!;
    cellsWanted *= Math.ceil(span / (ratio * h[c]!)) + 1;
  }
  const radius = Math.sqrt(2 * (Math.log(1 / tolerance) + Math.log(Math.min(cellsWanted, 2 ** 40)) + 7));
  for (let c = 0; c < d; c++) {
    const span = hi[c]! - lo[c]! + 2 * pad * h[c]!;
    const G = Math.ceil(span / (ratio * h[c]!)) + 1;
    const reach = Math.ceil((radius * h[c]!) / (span / (G - 1))) + 4;
    const P = 2 ** Math.ceil(Math.log2(G + reach + 1));
    total *= d === 1 ? P : G; // 1-D: the FFT's length; 2-D: the nodes (convolved one row and column at a time)
    if (!Number.isFinite(total) || total > MAX_GRID_CELLS) {
      return {
        refused: `the grid needed for tolerance ${tolerance} at width ${h[c]} over a range of ${hi[c]! - lo[c]!} has more than ${MAX_GRID_CELLS} cells `
          + `(the width is narrower than a cell of the largest allowed grid, ${(span / Math.max(2, MAX_GRID_CELLS ** (1 / d) - reach)).toPrecision(3)})`,
      };
    }
    origin[c] = lo[c]! - pad * h[c]!;
    delta[c] = span / (G - 1);
    nodes[c] = G;
    reaches[c] = reach;
    fft.push(P);
  }
  return { d, origin, delta, nodes, fft, radius, reach: reaches };
}

/** The convolved grids: S (kernel sums), B (error-bound sums), T (per value column), and the constant error terms. */
export interface BinnedGrids {
  readonly plan: GridPlan;
  readonly S: Float64Array;
  readonly B: Float64Array;
  readonly T: Float64Array[];
  /** Added to B's corner minimum at every query: FFT rounding of S and B, kernel truncation. */
  readonly constantError: number;
  /** Relative rounding of the binning sums. */
  readonly relativeError: number;
}

export function buildBinnedGrids(keys: KeySet, h: Float64Array, plan: GridPlan): BinnedGrids {
  const { d, fft, nodes } = plan;
  const { c: weightsGrid, maxCount } = bin(keys, plan, -1);
  const valueGrids = Array.from({ length: keys.p }, (_, col) => bin(keys, plan, col).c);
  const a = Array.from(plan.delta, (dl, c) => (dl * dl) / (4 * h[c]! * h[c]!));
  // 1-D kernels per coordinate: κ (Gaussian), Ψ2 = dilated sup |u² − 1|e^{−u²/2}, Ψ0 = dilated sup e^{−u²/2}
  const axis = (c: number, f: (j: number, s: number) => number) => sampled(fft[c]!, plan.reach[c]!, (j) => f(j, plan.delta[c]! / h[c]!));
  const kernel = Array.from({ length: d }, (_, c) => axis(c, (j, s) => Math.exp(-0.5 * (j * s) ** 2)));
  let S: Float64Array, B: Float64Array, T: Float64Array[], bNorm: number;
  if (d === 1) {
    const psi = axis(0, (j, s) => supG2((j - 4) * s, (j + 4) * s));
    const bHat = psi.hat.map((v) => a[0]! * v);
    bNorm = a[0]! * psi.norm1;
    const spectra = realSpectra(fft, [weightsGrid, ...valueGrids]);
    const jobs = [{ spectrum: spectra[0]!, kernelHat: kernel[0]!.hat }, { spectrum: spectra[0]!, kernelHat: bHat }];
    valueGrids.forEach((_, col) => jobs.push({ spectrum: spectra[col + 1]!, kernelHat: kernel[0]!.hat }));
    [S, B, ...T] = convolveSpectra(fft, jobs) as [Float64Array, Float64Array, ...Float64Array[]];
  } else {
    // a0·Ψ2⊗Ψ0 + a1·Ψ0⊗Ψ2 ≤ (a0 + a1)·Ψ⊗Ψ with Ψ = max(Ψ2, Ψ0): one separable convolution (≤ ~2× pessimistic)
    const psi = [0, 1].map((c) => axis(c, (j, s) => Math.max(supG2((j - 4) * s, (j + 4) * s), supG0((j - 4) * s, (j + 4) * s))));
    const [G0, G1] = [nodes[0]!, nodes[1]!];
    S = separableConvolve(weightsGrid, G0, G1, kernel[0]!.hat, kernel[1]!.hat);
    B = separableConvolve(weightsGrid, G0, G1, psi[0]!.hat, psi[1]!.hat).map((v) => (a[0]! + a[1]!) * v);
    T = valueGrids.map((g) => separableConvolve(g, G0, G1, kernel[0]!.hat, kernel[1]!.hat));
    bNorm = (a[0]! + a[1]!) * psi[0]!.norm1 * psi[1]!.norm1;
  }
  const N = fft.reduce((x, y) => x * y, 1);
  let norm2 = 0;
  for (let k = 0; k < weightsGrid.length; k++) norm2 += weightsGrid[k]! ** 2;
  norm2 = Math.sqrt(norm2);
  const kNorm = kernel.reduce((x, k) => x * k.norm1, 1);
  const maxS = Math.max(...plan.delta.map((dl, c) => dl / h[c]!));
  const R = plan.radius;
  const truncation = keys.totalWeight * (1 + a.reduce((x, y) => x + y, 0) * (R * R + 2)) * Math.exp(-0.5 * (R - 4 * maxS) ** 2);
  const constantError = fftRoundingBound(N, norm2, kNorm) + fftRoundingBound(N, norm2, bNorm) + truncation;
  return { plan, S, B, T, constantError, relativeError: 4 * U * (maxCount + 2) };
}

/** Linear binning of w (col −1) or w·v_col onto the grid's nodes (multilinear weights in 2-D). */
function bin(keys: KeySet, plan: GridPlan, col: number): { c: Float64Array; maxCount: number } {
  const { n, d, p, keys: K, values: V, weights: W } = keys;
  const N = d === 1 ? plan.fft[0]! : plan.nodes[0]! * plan.nodes[1]!;
  const c = new Float64Array(N);
  const counts = col < 0 ? new Uint32Array(N) : null;
  const idx = new Int32Array(d), frac = new Float64Array(d);
  for (let j = 0; j < n; j++) {
    for (let e = 0; e < d; e++) {
      const f = (K[j * d + e]! - plan.origin[e]!) / plan.delta[e]!;
      let i = Math.floor(f);
      if (i > plan.nodes[e]! - 2) i = plan.nodes[e]! - 2;
      if (i < 0) i = 0;
      idx[e] = i; frac[e] = f - i;
    }
    const m = (W ? W[j]! : 1) * (col < 0 ? 1 : V![j * p + col]!);
    if (d === 1) {
      c[idx[0]!]! += m * (1 - frac[0]!);
      c[idx[0]! + 1]! += m * frac[0]!;
      if (counts) { counts[idx[0]!]!++; counts[idx[0]! + 1]!++; }
    } else {
      const cols = plan.nodes[1]!, o = idx[0]! * cols + idx[1]!;
      const t0 = frac[0]!, t1 = frac[1]!;
      c[o]! += m * (1 - t0) * (1 - t1); c[o + 1]! += m * (1 - t0) * t1;
      c[o + cols]! += m * t0 * (1 - t1); c[o + cols + 1]! += m * t0 * t1;
      if (counts) { counts[o]!++; counts[o + 1]!++; counts[o + cols]!++; counts[o + cols + 1]!++; }
    }
  }
  let maxCount = 0;
  if (counts) for (let k = 0; k < N; k++) if (counts[k]! > maxCount) maxCount = counts[k]!;
  return { c, maxCount };
}

/** A symmetric kernel sampled at j = −reach … reach, placed circularly on P points; its (real) spectrum and ℓ1 norm. */
function sampled(P: number, reach: number, f: (j: number) => number): { hat: Float64Array; norm1: number } {
  const re = new Float64Array(P), im = new Float64Array(P);
  let norm1 = 0;
  for (let j = -reach; j <= reach; j++) {
    const v = f(j);
    re[(j + P) % P]! += v;
    norm1 += Math.abs(v);
  }
  const spectrum = realSpectra([P], [re])[0]!;
  return { hat: spectrum[0], norm1 };
}

/** sup of |u² − 1| e^{−u²/2} over [a, b]: at the ends or at the critical points 0, ±√3. */
export function supG2(a: number, b: number): number {
  const g = (u: number) => Math.abs(u * u - 1) * Math.exp(-0.5 * u * u);
  let s = Math.max(g(a), g(b));
  if (a <= 0 && b >= 0) s = Math.max(s, 1);
  const r3 = Math.sqrt(3);
  if ((a <= r3 && b >= r3) || (a <= -r3 && b >= -r3)) s = Math.max(s, 2 * Math.exp(-1.5));
  return s;
}

/** sup of e^{−u²/2} over [a, b]. */
export function supG0(a: number, b: number): number {
  const m = a <= 0 && b >= 0 ? 0 : Math.min(Math.abs(a), Math.abs(b));
  return Math.exp(-0.5 * m * m);
}
