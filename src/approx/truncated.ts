/**
 * Truncated sums for kernels of infinite support: each query sums its nearest keys exactly and stops once
 * the keys it has not visited cannot add more than τ/2 of the running sum on either side:
 *   (keys left) · max_skipped wα ≤ (τ/2) · Σ_visited wα   ⇒   Σ_skipped wα ≤ τ · Ŝ.
 * (Charging each skipped key with the largest term *relative to the largest term* instead, n_skipped·τ,
 * would bound the error by n·τ, which is no bound at n = 10⁷.) The bound reported per query is then
 * re-derived tightly from the skipped keys' distances (tail-bound.ts for sorted 1-D keys; per cell in d ≥ 2),
 * so it is at most a small factor above the true skipped sum. For a kernel that takes negative values the
 * sums are relative to the largest |term| (≤ Σ|wα|).
 */
import { pool } from '../engine/pool.js';
import type { KeyWalk } from '../engine/types.js';
import { gaussian } from '../kernels/gaussian.js';
import { buildCellGrid, cellOffsets } from './cells.js';
import type { CellGrid, CellMetric } from './cells.js';
import { truncatedWalk } from './grid-walk.js';
import type { OffsetList, TruncationSetup } from './grid-walk.js';
import { storedExclude } from './subset.js';
import { gallop, logAddExp, sortedTailBound } from './tail-bound.js';
import type { ApproxRequest, MethodResult } from './types.js';

/** Largest offset list a query walks (cells); sets the cell side in d ≥ 3. */
const MAX_OFFSETS = 6000;

export function truncated(req: ApproxRequest): MethodResult {
  const { keys, sim, queries, m, tileSize } = req;
  const skippedLog = new Float64Array(m).fill(-Infinity);
  let walk: KeyWalk;
  let poolKeys = keys;
  let detail: string;
  const signed = sim.kernel.signed;
  if (keys.d === 1) {
    walk = sortedWalk(req, skippedLog);
    detail = 'truncated: sorted keys walked outward until the rest is below τ/2 of the sum on each side';
  } else {
    const g = truncationGrid(req);
    walk = truncatedWalk(g.grid, g.list, queries, g.setup, skippedLog);
    poolKeys = g.grid.keys;
    detail = `truncated: cell grid of side ${(g.sideU).toPrecision(3)} widths, ${g.list.dmin.length} cell offsets within ${g.list.radius.toFixed(2)} widths`;
  }
  const sums = pool(poolKeys, sim, queries, m, { tileSize, walk, exclude: storedExclude(req.exclude, poolKeys) });
  const bounds = new Float64Array(m);
  const rejected: number[] = [];
  for (let i = 0; i < m; i++) {
    const sk = skippedLog[i]!;
    if (sk === -Infinity) continue;
    const ref = signed ? sums.logScale[i]! : sums.logScale[i]! + Math.log(sums.sum[i]!);
    const rho = sums.sum[i]! > 0 || signed ? Math.exp(sk - ref) : Infinity;
    if (!(rho <= req.tolerance)) rejected.push(i);
    else bounds[i] = rho;
  }
  return { sums, bounds, detail, rejected: Int32Array.from(rejected), rejectReason: 'no key near enough for the tolerance to be met by truncation' };
}

/** The walk over sorted 1-D keys: tiles outward on both sides, alternating, then the tail bounds. */
function sortedWalk(req: ApproxRequest, skippedLog: Float64Array): KeyWalk {
  const { keys, sim, queries, tolerance, tileSize } = req;
  const { n, keys: K, maxLogWeight } = keys;
  const ih = sim.invWidth[0]! / keys.maxKeyScale;
  const env = sim.kernel.logEnvelopeSq;
  const signed = sim.kernel.signed;
  const logHalfTol = Math.log(tolerance / 2);
  const tile = Math.max(1, Math.min(tileSize, n));
  return (i, add, running) => {
    const x = queries[i]!;
    const start = gallop(K, 0, n, x);
    let right = start, left = start;
    let goRight = right < n, goLeft = left > 0;
    while (goRight || goLeft) {
      const ref = signed ? running[0]! : running[0]! + Math.log(running[1]!);
      if (goRight) {
        const u = (K[right]! - x) * ih;
        if (Math.log(n - right) + env(u * u) + maxLogWeight <= ref + logHalfTol) goRight = false;
        else { const b = Math.min(n, right + tile); add(right, b); right = b; goRight = right < n; }
      }
      if (goLeft) {
        const u = (x - K[left - 1]!) * ih;
        if (Math.log(left) + env(u * u) + maxLogWeight <= ref + logHalfTol) goLeft = false;
        else { const b = Math.max(0, left - tile); add(b, left); left = b; goLeft = left > 0; }
      }
    }
    let bound = -Infinity;
    if (right < n) bound = sortedTailBound(K, right, n, x, 1, ih, env, maxLogWeight);
    if (left > 0) bound = logAddExp(bound, sortedTailBound(K, 0, left, x, -1, ih, env, maxLogWeight));
    skippedLog[i] = bound;
  };
}

interface TruncationGrid { grid: CellGrid; list: OffsetList; setup: TruncationSetup; sideU: number }

/** The cell grid and offset list for d ≥ 2 (cached per key set). */
function truncationGrid(req: ApproxRequest): TruncationGrid {
  const cached = req.cache.get('truncated') as TruncationGrid | undefined;
  if (cached) return cached;
  const { keys, sim, tolerance } = req;
  const { d, n } = keys;
  const kernel = sim.kernel;
  // a product of 1-D profiles is bounded by the profile of the largest coordinate (α ≤ α(0) ≤ 1)
  const metric: CellMetric = sim.shape === 'radial' || kernel === gaussian ? 'euclidean' : 'chebyshev';
  const lift = metric === 'chebyshev' ? (d - 1) * Math.max(0, kernel.logEnvelopeSq(0)) : 0;
  const envelope = (r2: number) => kernel.logEnvelopeSq(r2) + lift;
  const radius = truncationRadius(envelope, Math.log(tolerance / 2) - Math.log(n) - 3);
  const k = Math.max(1, Math.min(12, Math.floor((MAX_OFFSETS ** (1 / d) - 3) / 2)));
  const sideU = radius / k;
  const invReach = sim.invWidth.map((v) => v / keys.maxKeyScale);
  const grid = buildCellGrid(keys, invReach.map((v) => sideU / v));
  const actualU = grid.side[0]! * invReach[0]!; // sides double for very sparse boxes
  const { offsets, dmin } = cellOffsets(new Float64Array(d).fill(actualU), radius, metric);
  const out: TruncationGrid = {
    grid, sideU: actualU,
    list: { offsets, dmin, radius, metric },
    setup: { envelope, invReach, maxLogWeight: keys.maxLogWeight, signed: kernel.signed, tolerance },
  };
  req.cache.set('truncated', out);
  return out;
}

/** Smallest r with envelope(r²) ≤ target (bisection on a non-increasing envelope); Infinity when none. */
export function truncationRadius(envelope: (r2: number) => number, target: number): number {
  let hi = 1;
  while (envelope(hi * hi) > target) { hi *= 2; if (hi > 1e8) return Infinity; }
  let lo = 0;
  for (let it = 0; it < 60; it++) { const mid = (lo + hi) / 2; if (envelope(mid * mid) > target) lo = mid; else hi = mid; }
  return hi;
}
