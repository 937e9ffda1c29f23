/**
 * Truncated sums for kernels of infinite support: each query sums the keys that can matter, nearest (in
 * term size) first, and stops once the keys it has not visited cannot add more than τ/2 of the running sum:
 *   (keys left) · max_skipped |wα| ≤ (τ/2) · Σ_visited wα   ⇒   Σ_skipped |wα| ≤ (τ/2) · Ŝ.
 * (Charging each skipped key with the largest term *relative to the largest term* instead, n_skipped·τ,
 * would bound the error by n·τ, which is no bound at n = 10⁷.) The bound reported per query is then
 * re-derived from the skipped keys themselves (tree-walk.ts), so it is close to the true skipped sum, not
 * only safe. For a kernel that takes negative values the sums are relative to the largest |term| (≤ Σ|wα|).
 * Under the `total` error scale (scale.ts) the rule is (keys left) · max_skipped ≤ (τ/2) · A: a query stops as
 * soon as what is left is small next to the total, which near the data's peak is about when the relative
 * rule stops, and in the tails right after the nearest leaf.
 * The keys live in a k-d tree (kd-tree.ts) built once per key set and widths.
 */
import { pool } from '../engine/pool.js';
import { buildKdTree } from './kd-tree.js';
import { cachedLogTotal } from './scale.js';
import type { KdTree } from './kd-tree.js';
import { storedExclude } from './subset.js';
import { truncatedTreeWalk } from './tree-walk.js';
import { nodeEnvelope } from './node-bound.js';
import type { TreeTruncation } from './tree-walk.js';
import type { ApproxRequest, MethodResult } from './types.js';

export function truncated(req: ApproxRequest): MethodResult {
  const { sim, queries, m, tileSize } = req;
  const skippedLog = new Float64Array(m).fill(-Infinity);
  const tree = truncationTree(req);
  const setup = truncationSetup(req);
  const walk = truncatedTreeWalk(tree, queries, setup, skippedLog);
  const sums = pool(tree.keys, sim, queries, m, { tileSize, walk, exclude: storedExclude(req.exclude, tree.keys) });
  const bounds = new Float64Array(m);
  const rejected: number[] = [];
  for (let i = 0; i < m; i++) {
    const sk = skippedLog[i]!;
    if (sk === -Infinity) continue;
    if (setup.logTotal !== null) { bounds[i] = Math.exp(sk - setup.logTotal); continue; } // ≤ τ/2 by the stopping rule
    const ref = setup.signed ? sums.logScale[i]! : sums.logScale[i]! + Math.log(sums.sum[i]!);
    const rho = sums.sum[i]! > 0 || setup.signed ? Math.exp(sk - ref) : Infinity;
    // ρ ≤ τ/2 by the stopping rule; a query whose every term underflows (no reference) goes to the fallback
    if (!(rho <= req.tolerance)) rejected.push(i);
    else bounds[i] = rho;
  }
  const of = setup.logTotal === null ? 'the sum' : 'the total weight';
  const detail = `truncated: k-d tree of ${tree.size} nodes, keys summed largest term first until the rest is below τ/2 of ${of}`;
  return { sums, bounds, detail, rejected: Int32Array.from(rejected), rejectReason: 'no term large enough to be a reference for the tolerance' };
}

/** The tree for these keys and widths (cached). */
function truncationTree(req: ApproxRequest): KdTree {
  const cached = req.cache.get('truncated') as KdTree | undefined;
  if (cached) return cached;
  const tree = buildKdTree(req.keys, req.sim.invWidth);
  req.cache.set('truncated', tree);
  return tree;
}

/** The envelope and metric: radial kernels (and the Gaussian, whose product is radial) in Euclidean distance. */
function truncationSetup(req: ApproxRequest): TreeTruncation {
  const { sim, tolerance } = req;
  const logTotal = req.errorScale === 'total' ? cachedLogTotal(req) : null;
  return { ...nodeEnvelope(sim.kernel, sim.shape, req.keys.d), sim, signed: sim.kernel.signed, tolerance, logTotal };
}

/** Smallest r with envelope(r²) ≤ target (bisection on a non-increasing envelope); Infinity when none. */
export function truncationRadius(envelope: (r2: number) => number, target: number): number {
  let hi = 1;
  while (envelope(hi * hi) > target) { hi *= 2; if (hi > 1e8) return Infinity; }
  let lo = 0;
  for (let it = 0; it < 60; it++) { const mid = (lo + hi) / 2; if (envelope(mid * mid) > target) lo = mid; else hi = mid; }
  return hi;
}
