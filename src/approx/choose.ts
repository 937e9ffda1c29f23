/**
 * Which method runs. Explicit choices are checked when the estimator is made (kernel, tolerance, local
 * widths) and at fit (dimension); `auto` picks by kernel, dimension, n, m and tolerance:
 * - compact support, d ≤ 6: `neighbors` or the exact engine (both exact), whichever is estimated cheaper
 *   (the exact engine wins when few keys are in reach);
 * - tolerance 0 and unbounded support: `exact`;
 * - tolerance > 0, kernels that decay, d ≤ 6: the cheapest by estimated cost of `truncated` (m × the keys
 *   within the truncation radius), the exact engine (m × the keys it visits) and, for the Gaussian in d ≤ 2
 *   with one width per coordinate and an allowed grid, `binned` (FFTs of the grid, binning n keys, reading
 *   m queries);
 * - beyond 6 dimensions, or a kernel that never decays: the exact engine.
 */
import { NadarayaError } from '../errors.js';
import type { KeySet, Similarity } from '../engine/types.js';
import { gaussian } from '../kernels/gaussian.js';
import type { Kernel } from '../kernels/types.js';
import { keyBox } from './binned-grid.js';
import { cachedPlan, gridCacheKey } from './binned.js';
import { LEAF_SIZE } from './kd-tree.js';
import { polynomialProfile } from './polynomial.js';
import type { ErrorScale } from './scale.js';
import { truncationRadius } from './truncated.js';
import type { ConcreteMethod, PoolMethod } from './types.js';

/**
 * Most dimensions for the fast paths: a neighbors query visits 3^d or 5^d cells, and a k-d tree prunes less
 * and less as d grows; beyond this the exact engine's scan is as fast.
 */
export const MAX_GRID_DIMENSION = 6;

// rough costs in ns on one core of the machine of bench/README.md (the choice needs ratios, not seconds):
// one kernel term of truncation, and the walk per query; one term of the exact engine (its compiled
// backends are several times faster than the walk); an FFT butterfly per grid; binning a key and
// interpolating a query, per value column
const TERM_NS = 60, QUERY_NS = 2000, EXACT_NS = 5, BUTTERFLY_NS = 18, BIN_NS = 15, READ_NS = 30;
// the sliding window per key (it enters and leaves once) and per query (sorting, coefficients); the keys a
// cell grid visits per key in reach
const SLIDE_NS = 80, SLIDE_QUERY_NS = 500, CELL_SLACK = 3;

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
  // truncated with a compact kernel is allowed: it may skip the small terms near the rim, within its bound
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

/** The method for these keys and queries (`cache`: the fitted key set's, where plans are kept). */
export function chooseMethod(requested: PoolMethod, keys: KeySet, sim: Similarity, m: number, tolerance: number,
  cache: Map<string, unknown> = new Map(), errorScale: ErrorScale = 'relative'): Choice {
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
    if (tooMany) return { method: 'exact', reason: `compact kernel, but d = ${d} > ${MAX_GRID_DIMENSION}` };
    // both exact: the sliding window costs O(n + m) whatever the width; the exact engine visits the keys in
    // reach (over sorted keys in 1-D, all keys in d ≥ 2), in a compiled backend where one loads
    const inReach = expectedNeighbours(keys, sim, -800);
    const sliding = d === 1 && !keys.invKeyScale && polynomialProfile(kernel) !== null;
    const neighborsCost = sliding ? SLIDE_NS * n + SLIDE_QUERY_NS * m : m * (TERM_NS * CELL_SLACK * inReach + QUERY_NS);
    const exactCost = m * EXACT_NS * (d === 1 ? inReach : n);
    const costs = `~${ms(neighborsCost)} vs the exact engine ~${ms(exactCost)} estimated`;
    return neighborsCost <= exactCost
      ? { method: 'neighbors', reason: `compact kernel: exact over the keys in reach (${costs})` }
      : { method: 'exact', reason: `compact kernel, few keys in reach: the exact engine is as fast (${ms(exactCost)} vs neighbors ${ms(neighborsCost)} estimated)` };
  }
  if (!(tolerance > 0)) return { method: 'exact', reason: 'tolerance 0 and a kernel of unbounded support' };
  if (tooMany || !Number.isFinite(truncationRadius(kernel.logEnvelopeSq, -800))) return { method: 'exact', reason: tooMany ? `d = ${d} > ${MAX_GRID_DIMENSION}` : 'the kernel never decays' };
  // the candidates' estimated costs; the exact engine (a compiled backend where one loads) is one of them:
  // when the width spans most of the data, truncation would visit every key anyway
  const costs: [ConcreteMethod, number, string][] = [
    ['truncated', m * (TERM_NS * truncationNeighbours(keys, sim, tolerance, errorScale) + QUERY_NS), 'truncation'],
    ['exact', m * EXACT_NS * (d === 1 ? expectedNeighbours(keys, sim, -800) : n), 'the exact engine'],
  ];
  let refused = '';
  if (kernel === gaussian && d <= 2 && !keys.invKeyScale) {
    const plan = cachedPlan({ keys, sim, tolerance, errorScale, cache });
    if (!('refused' in plan)) {
      const N = plan.fft.reduce((a, b) => a * b, 1);
      // a grid built for an earlier batch of queries costs nothing more
      const build = cache.has(gridCacheKey({ tolerance, errorScale })) ? 0 : BUTTERFLY_NS * N * Math.log2(N) * (keys.p + 2) + BIN_NS * n * (keys.p + 1);
      costs.push(['binned', build + READ_NS * m * (keys.p + 1), 'a binned grid']);
    } else refused = `; binned grid refused: ${plan.refused}`;
  }
  costs.sort((a, b) => a[1] - b[1]);
  const [best, cost, what] = costs[0]!;
  const others = costs.slice(1).map(([, c, w]) => `${w} ~${ms(c)}`).join(', ');
  return { method: best, reason: `${kernel.name}, d = ${d}: ${what} cheapest (~${ms(cost)} estimated; ${others})${refused}` };
}

/**
 * Keys a typical query of truncation sums: those where the kernel is above ~τ·e⁻³ of the sum (relative
 * scale), or of A (total scale) — there the radius shrinks by the share of A a typical sum holds (about the
 * keys within 1.25 widths: the box of the Gaussian's integral), down to the one leaf every query reads.
 */
function truncationNeighbours(keys: KeySet, sim: Similarity & { kind: 'kernel' }, tolerance: number, errorScale: ErrorScale): number {
  const logTarget = Math.log(tolerance) - 3;
  if (errorScale === 'relative') return expectedNeighbours(keys, sim, logTarget);
  const share = Math.min(1, Math.max(1, expectedNeighbours(keys, sim, sim.kernel.logAbsSq(1.25 ** 2))) / keys.n);
  return Math.max(Math.min(LEAF_SIZE, keys.n), expectedNeighbours(keys, sim, Math.min(0, logTarget - Math.log(share))));
}

/** Keys of a typical query where the kernel is above e^logTarget (keys spread evenly over their bounding box). */
function expectedNeighbours(keys: KeySet, sim: Similarity & { kind: 'kernel' }, logTarget: number): number {
  const { n, d } = keys;
  const R = truncationRadius(sim.kernel.logEnvelopeSq, logTarget);
  const { lo, hi } = keyBox(keys);
  let frac = 1;
  for (let c = 0; c < d; c++) frac *= Math.min(1, (2 * R * keys.maxKeyScale) / (sim.invWidth[c]! * Math.max(hi[c]! - lo[c]!, 1e-300)));
  return n * frac;
}

const ms = (ns: number) => `${(ns / 1e6).toPrecision(2)} ms`;
