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

/**
 * The keys' bounding box (sorted 1-D keys: their ends). Kept per key set: `auto`'s cost estimates, the
 * plan and the peak estimate all ask, and a pass over 10⁶ 2-D keys costs ~10 ms.
 */
export function keyBox(keys: KeySet): { readonly lo: Float64Array; readonly hi: Float64Array } {
  const known = boxes.get(keys);
  if (known) return known;
  const { n, d, keys: K } = keys;
  if (d === 1 && keys.order && n > 0) return { lo: Float64Array.of(K[0]!), hi: Float64Array.of(K[n - 1]!) };
  const lo = new Float64Array(d).fill(Infinity), hi = new Float64Array(d).fill(-Infinity);
  for (let j = 0; j < n; j++) for (let c = 0; c < d; c++) {
    const v = K[j * d + c]!;
    if (v < lo[c]!) lo[c] = v;
    if (v > hi[c]!) hi[c] = v;
  }
  const box = { lo, hi };
  boxes.set(keys, box);
  return box;
}
const boxes = new WeakMap<KeySet, { readonly lo: Float64Array; readonly hi: Float64Array }>();

/**
 * The grid for tolerance τ, or why there is none. `peakShare` (the `total` error scale only): the largest
 * kernel sum over the queries as a share of A, the total weight (binned-peak.ts); null: the `relative` scale.
 */
export function planGrid(keys: KeySet, h: Float64Array, tolerance: number, peakShare: number | null = null): GridPlan | { refused: string } {
  const { d } = keys;
  const { lo, hi } = keyBox(keys);
  // cells of δ = ratio · h: where the keys are spread evenly the bound is then τ/8 (1-D) or τ/2 (2-D), leaving
  // room for the edges of the data, where the sum falls faster than the error bound (a finer 1-D grid costs
  // little; in 2-D it costs the square, and the queries it misses go to truncation). Under the `total` scale
  // the bound is measured against A, and it is largest where the sum is, at the peak: τ/2 of A there (the
  // edges need no room), so the cells grow as the data spread: 10⁶ points of a 2-D normal at Scott's width,
  // whose peak sum is 1/80 of A, get cells 7× wider per axis than the relative scale's at τ = 1e-3.
  const ratio = peakShare === null ? cellRatio(tolerance / (d === 1 ? 8 : 2), d) : cellRatio(tolerance / (2 * peakShare), d);
  const origin = new Float64Array(d), delta = new Float64Array(d), nodes = new Int32Array(d), reaches = new Int32Array(d);
  const fft: number[] = [];
  let total = 1, cellsWanted = 1;
  // queries up to 3 widths beyond the keys are interpolated; farther ones go to a fallback (a hair more than
  // 3, so that a query grid over the box ± 3 widths, computed in its own rounding, stays on the grid)
  const pad = 3 + 1e-6;
  for (let c = 0; c < d; c++) {
    const span = hi[c]! - lo[c]! + 2 * pad * h[c]!;
    cellsWanted *= Math.ceil(span / (ratio * h[c]!)) + 1;
  }
  // the cut's error falls as e^{−(R − 4δ/h)²/2} (see buildBinnedGrids); the relative scale's cells are so
  // small next to R that it leaves 4δ/h out, the total scale's can be a width or more
  const radius = Math.sqrt(2 * (Math.log(1 / tolerance) + Math.log(Math.min(cellsWanted, 2 ** 40)) + 7)) + (peakShare === null ? 0 : 4 * ratio);
  for (let c = 0; c < d; c++) {
    const span = hi[c]! - lo[c]! + 2 * pad * h[c]!;
    const G = Math.ceil(span / (ratio * h[c]!)) + 1;
    const reach = Math.ceil((radius * h[c]!) / (span / (G - 1))) + 4;
    const P = 2 ** Math.ceil(Math.log2(G + reach + 1));
    total *= d === 1 ? P : G; // 1-D: the FFT's length; 2-D: the nodes (convolved one row and column at a time)
    if (!Number.isFinite(total) || total > MAX_GRID_CELLS) {
      // cells must be at most ratio·h for this tolerance: the narrowest width whose grid would fit
      const most = d === 1 ? MAX_GRID_CELLS / 2 : Math.sqrt(MAX_GRID_CELLS);
      const hMin = (hi[c]! - lo[c]!) / (ratio * (most - 1) - 2 * pad);
      return {
        refused: `at tolerance ${tolerance} cells must be at most ${ratio.toPrecision(2)} widths, and width ${fmt(h[c]!)} over a range of `
          + `${fmt(hi[c]! - lo[c]!)} would need more than ${MAX_GRID_CELLS} cells (widths from about ${fmt(hMin)} fit, or a larger tolerance)`,
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

const fmt = (v: number): string => v.toPrecision(3);

/**
 * The largest cell side s = δ/h whose bound, for keys spread evenly, is at most `target` of the sum:
 * R(s) = Σ_c a_c · ∫Ψ / ∫κ with a_c = s²/4 (the Ψ-kernels dilated by 4 cells, as `buildBinnedGrids` samples
 * them; in 2-D Ψ = max(Ψ2, Ψ0) on both axes, ~1.3× above the a0·Ψ2⊗Ψ0 + a1·Ψ0⊗Ψ2 computed on the grid:
 * the plan keeps that room), found by bisection on log s. For small τ, s ≈ 1.4·√τ; for τ near 0.1 the
 * dilation matters.
 */
export function cellRatio(target: number, d: number): number {
  const key = `${target}:${d}`;
  const known = ratios.get(key);
  if (known !== undefined) return known;
  const bound = (s: number): number => {
    // sums over the cells within 12 widths; tiny cells are sampled every `step` cells (the sums are then
    // smooth Riemann sums: the ratio only sizes the grid, the bound itself is computed on the grid)
    const reach = Math.ceil(12 / s) + 4, step = Math.max(1, Math.floor(0.01 / s));
    let psi = 0, kappa = 0;
    for (let j = -reach; j <= reach; j += step) {
      psi += d === 1 ? psi2(j, s) : Math.max(psi2(j, s), psi0(j, s));
      kappa += Math.exp(-0.5 * (j * s) ** 2);
    }
    return d === 1 ? ((s * s) / 4) * (psi / kappa) : ((2 * s * s) / 4) * (psi / kappa) ** 2;
  };
  let lo = 1e-9, hi = 2;
  if (bound(hi) <= target) lo = hi;
  else for (let it = 0; it < 40; it++) {
    const mid = Math.sqrt(lo * hi);
    if (bound(mid) <= target) lo = mid; else hi = mid;
  }
  ratios.set(key, lo);
  return lo;
}
const ratios = new Map<string, number>();

/** Sample j of the error kernels at cell side s: sup of |u² − 1|e^{−u²/2} (ψ2) and of e^{−u²/2} (ψ0) within 4 cells of js. */
const psi2 = (j: number, s: number): number => supG2((j - 4) * s, (j + 4) * s);
const psi0 = (j: number, s: number): number => supG0((j - 4) * s, (j + 4) * s);

/**
 * The convolved grids, node by node: at node k, [S, B, T_0 … T_{p−1}] at k·(p + 2) — the kernel sum, the
 * error-bound sum and the value columns side by side, so that a query reads its cell's corners from one or
 * two cache lines (a million queries at random points of a 10⁵-node grid wait on memory otherwise). Also the
 * constant error terms.
 */
export interface BinnedGrids {
  readonly plan: GridPlan;
  readonly nodes: Float64Array;
  /** Added to B's corner minimum at every query: FFT rounding of S and B, kernel truncation. */
  readonly constantError: number;
  /** Relative rounding of the binning sums. */
  readonly relativeError: number;
}

export function buildBinnedGrids(keys: KeySet, h: Float64Array, plan: GridPlan): BinnedGrids {
  const { d, fft, nodes } = plan;
  const { weights: weightsGrid, values: valueGrids, maxCount } = binKeys(keys, plan);
  const a = Array.from(plan.delta, (dl, c) => (dl * dl) / (4 * h[c]! * h[c]!));
  // 1-D kernels per coordinate: κ (Gaussian), Ψ2 = dilated sup |u² − 1|e^{−u²/2}, Ψ0 = dilated sup e^{−u²/2}
  const axis = (c: number, f: (j: number, s: number) => number) => sampled(fft[c]!, plan.reach[c]!, (j) => f(j, plan.delta[c]! / h[c]!));
  const kernel = Array.from({ length: d }, (_, c) => axis(c, (j, s) => Math.exp(-0.5 * (j * s) ** 2)));
  let S: Float64Array, B: Float64Array, T: Float64Array[], bNorm: number;
  if (d === 1) {
    const psi = axis(0, psi2);
    const bHat = psi.hat.map((v) => a[0]! * v);
    bNorm = a[0]! * psi.norm1;
    const spectra = realSpectra(fft, [weightsGrid, ...valueGrids]);
    const jobs = [{ spectrum: spectra[0]!, kernelHat: kernel[0]!.hat }, { spectrum: spectra[0]!, kernelHat: bHat }];
    valueGrids.forEach((_, col) => jobs.push({ spectrum: spectra[col + 1]!, kernelHat: kernel[0]!.hat }));
    [S, B, ...T] = convolveSpectra(fft, jobs) as [Float64Array, Float64Array, ...Float64Array[]];
  } else {
    // a0·Ψ2⊗Ψ0 + a1·Ψ0⊗Ψ2 itself, two separable convolutions sharing S's row transforms (their upper bound
    // (a0 + a1)·max(Ψ2, Ψ0)⊗max(Ψ2, Ψ0), one convolution, is ~1.3× larger over smooth data)
    const p2 = [0, 1].map((c) => axis(c, psi2)), p0 = [0, 1].map((c) => axis(c, psi0));
    const [G0, G1] = [nodes[0]!, nodes[1]!];
    const k: [Float64Array, Float64Array] = [kernel[0]!.hat, kernel[1]!.hat];
    // the factors a_c ride on one axis' spectrum (like the 1-D bHat): no pass over the grid for them
    const scaled = (hat: Float64Array, f: number) => hat.map((v) => f * v);
    const [s, b0, b1] = separableConvolve(weightsGrid, G0, G1, [k, [scaled(p2[0]!.hat, a[0]!), p0[1]!.hat], [scaled(p0[0]!.hat, a[1]!), p2[1]!.hat]]);
    S = s!;
    B = b0!.map((v, i) => v + b1![i]!);
    T = valueGrids.map((g) => separableConvolve(g, G0, G1, [k])[0]!);
    bNorm = a[0]! * p2[0]!.norm1 * p0[1]!.norm1 + a[1]! * p0[0]!.norm1 * p2[1]!.norm1;
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
  const width = keys.p + 2, G = nodes.reduce((a, b) => a * b, 1);
  const packed = new Float64Array(G * width);
  for (let k = 0; k < G; k++) {
    packed[k * width] = S[k]!;
    packed[k * width + 1] = B[k]!;
    for (let col = 0; col < keys.p; col++) packed[k * width + 2 + col] = T[col]![k]!;
  }
  return { plan, nodes: packed, constantError, relativeError: 4 * U * (maxCount + 2) };
}

/**
 * Linear binning of the weights w and of w·v per value column onto the grid's nodes (bilinear in 2-D), in
 * one pass over the keys; and the most keys any node received (for the rounding of the sums).
 */
export function binKeys(keys: KeySet, plan: GridPlan): { weights: Float64Array; values: Float64Array[]; maxCount: number } {
  const { n, d, p, keys: K, values: V, weights: W } = keys;
  const N = d === 1 ? plan.fft[0]! : plan.nodes[0]! * plan.nodes[1]!;
  const weights = new Float64Array(N);
  const values = Array.from({ length: p }, () => new Float64Array(N));
  const counts = new Uint32Array(N);
  const o0 = plan.origin[0]!, inv0 = 1 / plan.delta[0]!, top0 = plan.nodes[0]! - 2;
  if (d === 1) {
    // keys in the same cell (consecutive when sorted) are summed in registers and written once per run
    let cur = -1, a0 = 0, a1 = 0, run = 0;
    const v0 = new Float64Array(p), v1 = new Float64Array(p);
    const flush = (): void => {
      if (cur < 0) return;
      weights[cur]! += a0; weights[cur + 1]! += a1;
      for (let col = 0; col < p; col++) { values[col]![cur]! += v0[col]!; values[col]![cur + 1]! += v1[col]!; }
      counts[cur]! += run; counts[cur + 1]! += run;
    };
    for (let j = 0; j < n; j++) {
      const f = (K[j]! - o0) * inv0;
      const i = Math.min(Math.max(Math.floor(f), 0), top0);
      if (i !== cur) { flush(); cur = i; a0 = a1 = 0; run = 0; v0.fill(0); v1.fill(0); }
      const t = f - i, w = W ? W[j]! : 1;
      const w1 = w * t, w0 = w - w1;
      a0 += w0; a1 += w1; run++;
      for (let col = 0; col < p; col++) { const v = V![j * p + col]!; v0[col]! += w0 * v; v1[col]! += w1 * v; }
    }
    flush();
  } else {
    // written out corner by corner (a loop over 4 corners through small arrays costs twice as much), and
    // counted per cell, not per node: a node's count is then the sum of its four cells', taken once below
    const o1 = plan.origin[1]!, inv1 = 1 / plan.delta[1]!, cols = plan.nodes[1]!, top1 = cols - 2;
    for (let j = 0; j < n; j++) {
      const f0 = (K[2 * j]! - o0) * inv0, f1 = (K[2 * j + 1]! - o1) * inv1;
      let i0 = Math.floor(f0), i1 = Math.floor(f1);
      i0 = i0 < 0 ? 0 : i0 > top0 ? top0 : i0;
      i1 = i1 < 0 ? 0 : i1 > top1 ? top1 : i1;
      const t0 = f0 - i0, t1 = f1 - i1, w = W ? W[j]! : 1;
      const a = w * (1 - t0), b = w * t0, u = 1 - t1;
      const o = i0 * cols + i1;
      weights[o]! += a * u; weights[o + 1]! += a * t1; weights[o + cols]! += b * u; weights[o + cols + 1]! += b * t1;
      counts[o]!++;
      for (let col = 0; col < p; col++) {
        const v = V![j * p + col]!, g = values[col]!;
        g[o]! += a * v * u; g[o + 1]! += a * v * t1; g[o + cols]! += b * v * u; g[o + cols + 1]! += b * v * t1;
      }
    }
    return { weights, values, maxCount: mostPerNode(counts, plan.nodes[0]!, cols) };
  }
  let maxCount = 0;
  for (let k = 0; k < N; k++) if (counts[k]! > maxCount) maxCount = counts[k]!;
  return { weights, values, maxCount };
}

/** The most keys any node of a G0 × G1 grid received, from the keys per cell (cell k: nodes k, k + 1, k + G1, k + G1 + 1). */
function mostPerNode(cells: Uint32Array, G0: number, G1: number): number {
  let most = 0;
  for (let i0 = 0; i0 < G0; i0++) {
    for (let i1 = 0; i1 < G1; i1++) {
      const k = i0 * G1 + i1;
      const left = i1 > 0 ? cells[k - 1]! : 0;
      const up = i0 > 0 ? cells[k - G1]! + (i1 > 0 ? cells[k - G1 - 1]! : 0) : 0;
      const c = cells[k]! + left + up;
      if (c > most) most = c;
    }
  }
  return most;
}

/** A symmetric kernel sampled at j = −reach … reach, placed circularly on P points; its (real) spectrum and ℓ1 norm. */
export function sampled(P: number, reach: number, f: (j: number) => number): { hat: Float64Array; norm1: number } {
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
