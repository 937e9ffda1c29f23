/**
 * Exact sums for kernels of compact support, visiting only keys within reach of each query: in 1-D the
 * sliding window of power sums (polynomial kernels with one width) or else the engine's own walk over
 * sorted keys, which stops at the support; in 2 ≤ d ≤ 6 a uniform cell grid whose cells are half (d ≤ 3)
 * or one (d ≥ 4) reach wide, so a query visits 5^d or 3^d cells. Per-key widths reach as far as the widest.
 */
import { pool } from '../engine/pool.js';
import { buildCellGrid, cellOffsets } from './cells.js';
import type { CellGrid } from './cells.js';
import { compactWalk } from './grid-walk.js';
import type { OffsetList } from './grid-walk.js';
import { slidingWindow1d } from './neighbors-1d.js';
import { polynomialProfile } from './polynomial.js';
import { storedExclude } from './subset.js';
import type { ApproxRequest, MethodResult } from './types.js';

export function neighbors(req: ApproxRequest): MethodResult {
  const { keys, sim, queries, m, tileSize } = req;
  if (keys.d === 1) {
    const poly = polynomialProfile(sim.kernel);
    if (poly && !keys.invKeyScale) return slidingWindow1d(req, poly);
    // the engine's window over sorted keys: a compiled backend runs it as well (the job carries the windows)
    const sums = pool(keys, sim, queries, m, { tileSize, exclude: storedExclude(req.exclude, keys), ...req.compute });
    return { sums, bounds: null, detail: 'sorted keys walked outward to the edge of the support (the engine\'s walk)' };
  }
  const { grid, list } = compactGrid(req);
  const sums = pool(grid.keys, sim, queries, m, { tileSize, walk: compactWalk(grid, list, queries), exclude: storedExclude(req.exclude, grid.keys) });
  return { sums, bounds: null, detail: `cell grid: ${list.dmin.length} cells of side ${(list.radius / (keys.d <= 3 ? 2 : 1)).toPrecision(3)} widths per query` };
}

function compactGrid(req: ApproxRequest): { grid: CellGrid; list: OffsetList } {
  const cached = req.cache.get('neighbors') as { grid: CellGrid; list: OffsetList } | undefined;
  if (cached) return cached;
  const { keys, sim } = req;
  const d = keys.d;
  // a hair beyond the support, so that rounding in the cell arithmetic never loses a key in reach
  const radius = sim.kernel.support * (1 + 1e-9);
  const perReach = d <= 3 ? 2 : 1;
  const invReach = sim.invWidth.map((v) => v / keys.maxKeyScale);
  const grid = buildCellGrid(keys, invReach.map((v) => radius / perReach / v));
  const sideU = grid.side[0]! * invReach[0]!;
  const metric = sim.shape === 'radial' ? 'euclidean' : 'chebyshev';
  const { offsets, dmin } = cellOffsets(new Float64Array(d).fill(sideU), radius, metric);
  const out = { grid, list: { offsets, dmin, radius, metric } as OffsetList };
  req.cache.set('neighbors', out);
  return out;
}
