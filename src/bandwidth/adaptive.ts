/**
 * Local (adaptive) widths: each key gets its own widths h ⊙ λᵢ.
 * - 'abramson': sample-point widths after Abramson (1982) and Silverman (1986, §5.3): a pilot density f̃
 *   at fixed widths, then λᵢ = (f̃(xᵢ)/g)^(−α) with g the geometric mean of the f̃(xᵢ); α = 1/2 by default
 *   (Abramson's square-root law, which lowers the bias to fourth order). Narrow where the data are dense.
 * - 'knn': λᵢ = the distance from xᵢ to its k-th nearest other point in the metric scaled by h, so the
 *   widths are k-nearest-neighbour distances (R np's `adaptive_nn`).
 */
import { NadarayaError } from '../errors.js';
import { makeKeySet } from '../engine/keyset.js';
import { pool } from '../engine/pool.js';
import type { Kernel } from '../kernels/types.js';
import type { KernelShape } from '../kernels/normalization.js';
import type { Matrix } from '../data/matrix.js';
import { checkWidths } from './resolve.js';

export type LocalWidths =
  | { readonly method: 'abramson'; readonly alpha?: number; readonly pilot?: number | ArrayLike<number> }
  | { readonly method: 'knn'; readonly k: number };

/** Checks the `local` option's form (before data are seen). */
export function checkLocalWidths(spec: unknown): LocalWidths {
  const s = spec as Record<string, unknown>;
  if (s === null || typeof s !== 'object' || (s.method !== 'abramson' && s.method !== 'knn')) {
    throw new NadarayaError('E_PARAM', { argument: 'local', value: spec }, "must be { method: 'abramson', alpha?, pilot? } or { method: 'knn', k }");
  }
  for (const key of Object.keys(s)) {
    const allowed = s.method === 'abramson' ? ['method', 'alpha', 'pilot'] : ['method', 'k'];
    if (!allowed.includes(key)) throw new NadarayaError('E_PARAM', { argument: `local.${key}` }, `unknown option; known options are ${allowed.join(', ')}`);
  }
  if (s.method === 'abramson' && s.alpha !== undefined && !(typeof s.alpha === 'number' && s.alpha >= 0 && s.alpha <= 1)) {
    throw new NadarayaError('E_PARAM', { argument: 'local.alpha', value: s.alpha }, 'must be a number in [0, 1]');
  }
  if (s.method === 'knn' && !(Number.isInteger(s.k) && (s.k as number) >= 1)) {
    throw new NadarayaError('E_PARAM', { argument: 'local.k', value: s.k }, 'must be a whole number ≥ 1');
  }
  return s as LocalWidths;
}

/** The factors λᵢ (length n) for widths h. */
export function localWidthFactors(x: Matrix, h: Float64Array, spec: LocalWidths, kernel: Kernel, shape: KernelShape,
  weights: Float64Array | null): Float64Array {
  return spec.method === 'knn' ? knnFactors(x, h, spec.k) : abramsonFactors(x, h, spec, kernel, shape, weights);
}

function abramsonFactors(x: Matrix, h: Float64Array, spec: { alpha?: number; pilot?: number | ArrayLike<number> },
  kernel: Kernel, shape: KernelShape, weights: Float64Array | null): Float64Array {
  const pilot = spec.pilot === undefined ? h : checkWidths(spec.pilot, x.cols, 'local.pilot');
  const keys = makeKeySet(x.data, x.cols, null, 0, weights);
  const sums = pool(keys, { kind: 'kernel', kernel, shape, invWidth: pilot.map((v) => 1 / v) }, x.data, x.rows);
  // log f̃(xᵢ) up to a constant, which cancels in f̃/g
  const logF = sums.logScale.map((m, i) => m + Math.log(sums.sum[i]!));
  let mean = 0;
  let total = 0;
  logF.forEach((l, i) => {
    if (!Number.isFinite(l)) throw new NadarayaError('E_DATA', { argument: 'local', row: i, value: l }, 'the pilot density is not positive at this point');
    const w = weights ? weights[i]! : 1;
    mean += w * l;
    total += w;
  });
  mean /= total;
  const alpha = spec.alpha ?? 0.5;
  return logF.map((l) => Math.exp(-alpha * (l - mean)));
}

function knnFactors(x: Matrix, h: Float64Array, k: number): Float64Array {
  const { rows: n, cols: d, data } = x;
  if (k >= n) throw new NadarayaError('E_PARAM', { argument: 'local.k', value: k }, `must be less than the number of points (${n})`);
  const out = new Float64Array(n);
  const dist = new Float64Array(n - 1);
  for (let i = 0; i < n; i++) {
    let t = 0;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      let s = 0;
      for (let c = 0; c < d; c++) s += ((data[i * d + c]! - data[j * d + c]!) / h[c]!) ** 2;
      dist[t++] = s;
    }
    const kth = Math.sqrt(quickSelect(dist, k - 1));
    if (!(kth > 0)) throw new NadarayaError('E_DATA', { argument: 'local.k', row: i, value: k }, `the nearest neighbour number ${k} of this point is at distance 0 (repeated points); use a larger k`);
    out[i] = kth;
  }
  return out;
}

/** The k-th smallest (0-based) of a, reordering a (Hoare's selection). */
function quickSelect(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) { const t = a[i]!; a[i] = a[j]!; a[j] = t; i++; j--; }
    }
    if (k <= j) hi = j; else if (k >= i) lo = i; else return a[k]!;
  }
  return a[k]!;
}
