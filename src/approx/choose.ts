/**
 * Which method runs. Explicit choices are checked when the estimator is made (kernel, tolerance, local
 * widths) and at fit (dimension); `auto` picks by kernel, dimension, n, m and tolerance:
 * - compact support: `neighbors` (exact) for d ≤ 6, else the exact engine;
 * - tolerance 0 and unbounded support: `exact`;
 * - tolerance > 0, Gaussian, d ≤ 2, one width per coordinate: `binned` when its grid is allowed and its
 *   cost (grid FFT + n + m) is below truncation's (m × the keys within the truncation radius);
 * - otherwise `truncated` for d ≤ 6 (kernels that decay), else the exact engine.
 */
import { NadarayaError } from '../errors.js';
import type { KeySet, Similarity } from '../engine/types.js';
import { gaussian } from '../kernels/gaussian.js';
import type { Kernel } from '../kernels/types.js';
import { planGrid } from './binned-grid.js';
import { truncationRadius } from './truncated.js';
import type { ConcreteMethod, PoolMethod } from './types.js';

/** Most dimensions for a cell grid (a query visits up to 3^d or 5^d cells). */
export const MAX_GRID_DIMENSION = 6;

const compact = (k: Kernel) => Number.isFinite(k.support);

/** Checks a method against the options known at construction; throws E_PARAM with what would work. */
export function checkMethodOptions(method: PoolMethod, tolerance: number, kernel: Kernel, similarity: 'kernel' | 'dot', local: boolean): void {
  const fail = (why: string) => { throw new NadarayaError('E_PARAM', { argument: 'method', value: method }, why); };
  if (method === 'auto' || method === 'exact') return;
  if (similarity === 'dot') fail('needs a kernel similarity (dot-product attention is computed exactly); use method: \'exact\'');
  if (method === 'neighbors' && !compact(kernel)) {
    fail(`is exact only for kernels of compact support (boxcar, triangular, epanechnikov, biweight, triweight, tricube, cosine); for the ${kernel.name} kernel use 'truncated' or 'binned' with a tolerance`);
  }
  if ((method === 'binned' || method === 'truncated') && !(tolerance > 0)) {
    fail(`needs a tolerance > 0 (a bound on the relative error, e.g. tolerance: 1e-6); with tolerance 0 use 'exact'${compact(kernel) ? ' or \'neighbors\'' : ''}`);
  }
  if (method === 'binned' && kernel !== gaussian) fail(`is implemented for the gaussian kernel only (its error bound needs α''); for the ${kernel.name} kernel use ${compact(kernel) ? '\'neighbors\' (exact)' : '\'truncated\''}`);
  if (method === 'binned' && local) fail('needs one width per coordinate; with local (per-key) widths use \'truncated\'');
  if (method === 'truncated' && compact(kernel)) return; // allowed: it then equals neighbors with a bound of 0
}

/** Checks a method against the data's dimension (at fit). */
export function checkMethodDimension(method: PoolMethod, d: number): void {
  if (method === 'binned' && d > 2) {
    throw new NadarayaError('E_PARAM', { argument: 'method', value: method }, `is implemented in 1 and 2 dimensions; the data have ${d} (use 'truncated' up to ${MAX_GRID_DIMENSION})`);
  }
}

export interface Choice {
  readonly method: ConcreteMethod;
  readonly reason: string;
}

/** The method for these keys and queries. */
export function chooseMethod(requested: PoolMethod, keys: KeySet, sim: Similarity, m: number, tolerance: number): Choice {
  if (sim.kind === 'dot' || requested === 'exact') return { method: 'exact', reason: sim.kind === 'dot' ? 'dot-product similarity' : 'asked for' };
  const { d, n } = keys;
  const kernel = sim.kernel;
  const tooMany = d > MAX_GRID_DIMENSION;
  if (requested === 'neighbors' || requested === 'truncated') {
    if (tooMany) return { method: 'exact', reason: `d = ${d} > ${MAX_GRID_DIMENSION}: no cell grid; the full scan is exact` };
    if (requested === 'truncated' && !Number.isFinite(truncationRadius(kernel.logEnvelopeSq, -800))) {
      return { method: 'exact', reason: `the ${kernel.name} kernel never decays, so nothing can be truncated` };
    }
    return { method: requested, reason: 'asked for' };
  }
  if (requested === 'binned') return { method: 'binned', reason: 'asked for' };
  // auto
  if (compact(kernel)) {
    return tooMany ? { method: 'exact', reason: `compact kernel, but d = ${d} > ${MAX_GRID_DIMENSION}` } : { method: 'neighbors', reason: 'compact kernel: exact over the keys in reach' };
  }
  if (!(tolerance > 0)) return { method: 'exact', reason: 'tolerance 0 and a kernel of unbounded support' };
  if (tooMany || !Number.isFinite(truncationRadius(kernel.logEnvelopeSq, -800))) return { method: 'exact', reason: tooMany ? `d = ${d} > ${MAX_GRID_DIMENSION}` : 'the kernel never decays' };
  const truncCost = m * (expectedNeighbours(keys, sim, tolerance) + 64);
  if (kernel === gaussian && d <= 2 && !keys.invKeyScale) {
    const h = sim.invWidth.map((v) => 1 / v);
    const plan = planGrid(keys, h, tolerance);
    if (!('refused' in plan)) {
      const N = plan.fft.reduce((a, b) => a * b, 1);
      const binCost = 6 * N * Math.log2(N) * (keys.p + 2) / 2 + 8 * n * (keys.p + 1) + 16 * m;
      if (binCost < truncCost) return { method: 'binned', reason: `gaussian, d = ${d}: binned grid cheaper than truncation (~${fmt(binCost)} vs ~${fmt(truncCost)} operations)` };
      return { method: 'truncated', reason: `truncation cheaper than a binned grid (~${fmt(truncCost)} vs ~${fmt(binCost)} operations)` };
    }
    return { method: 'truncated', reason: `binned grid refused: ${plan.refused}` };
  }
  return { method: 'truncated', reason: `${kernel.name} kernel, d = ${d}: nearest keys summed until the rest is below the tolerance` };
}

/** Keys within the truncation radius of a typical query (uniform spread over the keys' bounding box). */
function expectedNeighbours(keys: KeySet, sim: Similarity & { kind: 'kernel' }, tolerance: number): number {
  const { n, d, keys: K } = keys;
  const R = truncationRadius(sim.kernel.logEnvelopeSq, Math.log(tolerance) - 3);
  let frac = 1;
  for (let c = 0; c < d; c++) {
    let lo = Infinity, hi = -Infinity;
    for (let j = 0; j < n; j += Math.max(1, Math.floor(n / 4096))) { const v = K[j * d + c]!; if (v < lo) lo = v; if (v > hi) hi = v; }
    frac *= Math.min(1, (2 * R * keys.maxKeyScale) / (sim.invWidth[c]! * Math.max(hi - lo, 1e-300)));
  }
  return n * frac;
}

const fmt = (v: number) => v.toExponential(1);
