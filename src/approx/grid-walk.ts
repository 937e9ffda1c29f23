/**
 * How a query visits a cell grid (d ≥ 2), as walks for the engine (`PoolOptions.walk`): every cell within
 * the support (neighbors, exact), or the nearest cells until the keys left over cannot matter beyond the
 * tolerance (truncated), followed by a bound on what was left over.
 */
import type { KeyWalk } from '../engine/types.js';
import type { CellGrid, CellMetric } from './cells.js';
import { logAddExp } from './tail-bound.js';

/** Cell offsets sorted by least distance (u units) from the query's cell. */
export interface OffsetList {
  readonly offsets: Int32Array;
  readonly dmin: Float64Array;
  /** Every key outside the listed cells is at least this far (u units). */
  readonly radius: number;
  readonly metric: CellMetric;
}

/** Writes the query's cell coordinates (doubles: far queries stay exact) into qc. */
function queryCell(grid: CellGrid, queries: Float64Array, i: number, qc: Float64Array): void {
  for (let c = 0; c < grid.d; c++) qc[c] = Math.floor((queries[i * grid.d + c]! - grid.origin[c]!) / grid.side[c]!);
}

/** Visits every listed cell: exact for a kernel whose support lies within the list's radius. */
export function compactWalk(grid: CellGrid, list: OffsetList, queries: Float64Array): KeyWalk {
  const { d, starts } = grid;
  const qc = new Float64Array(d), cell = new Float64Array(d);
  const k = list.dmin.length;
  return (i, add) => {
    queryCell(grid, queries, i, qc);
    for (let o = 0; o < k; o++) {
      for (let c = 0; c < d; c++) cell[c] = qc[c]! + list.offsets[o * d + c]!;
      const f = grid.find(cell);
      if (f >= 0) add(starts[f]!, starts[f + 1]!);
    }
  };
}

export interface TruncationSetup {
  /** log|α| bound as a function of the squared distance (u units) in the list's metric. */
  readonly envelope: (dist2: number) => number;
  /** 1/(h_c · max λ) per coordinate: raw differences to u units for the widest key. */
  readonly invReach: Float64Array;
  readonly maxLogWeight: number;
  /** Relative to the running Σ (false) or, for signed kernels, to the largest term (true). */
  readonly signed: boolean;
  readonly tolerance: number;
}

/**
 * Visits cells nearest first and stops once (keys not yet visited) × (their largest possible term) is below
 * τ/2 of the running sum; then bounds the skipped keys cell by cell (count × envelope at the cell's least
 * distance from the query) until the rest is below 1% of that bound, and stores the log of the bound.
 */
export function truncatedWalk(grid: CellGrid, list: OffsetList, queries: Float64Array, setup: TruncationSetup,
  skippedLog: Float64Array): KeyWalk {
  const { d, starts, origin, side } = grid;
  const n = grid.keys.n;
  const { envelope, invReach, maxLogWeight, signed } = setup;
  const logHalfTol = Math.log(setup.tolerance / 2);
  const qc = new Float64Array(d), cell = new Float64Array(d);
  const k = list.dmin.length;
  const euclid = list.metric === 'euclidean';
  const cellDistance2 = (i: number): number => {
    let acc = 0;
    for (let c = 0; c < d; c++) {
      const lo = origin[c]! + cell[c]! * side[c]!, q = queries[i * d + c]!;
      const g = Math.max(0, lo - q, q - (lo + side[c]!)) * invReach[c]!;
      acc = euclid ? acc + g * g : Math.max(acc, g * g);
    }
    return acc;
  };
  return (i, add, running) => {
    queryCell(grid, queries, i, qc);
    let visited = 0, o = 0;
    for (; o < k; o++) {
      const ref = signed ? running[0]! : running[0]! + Math.log(running[1]!);
      const dm = list.dmin[o]!;
      if (Math.log(n - visited) + envelope(dm * dm) + maxLogWeight <= ref + logHalfTol) break;
      for (let c = 0; c < d; c++) cell[c] = qc[c]! + list.offsets[o * d + c]!;
      const f = grid.find(cell);
      if (f >= 0) { add(starts[f]!, starts[f + 1]!); visited += starts[f + 1]! - starts[f]!; }
    }
    let left = n - visited;
    let acc = -Infinity;
    for (; o < k && left > 0; o++) {
      const dm = list.dmin[o]!;
      if (Math.log(left) + envelope(dm * dm) + maxLogWeight <= acc + Math.log(0.01)) break;
      for (let c = 0; c < d; c++) cell[c] = qc[c]! + list.offsets[o * d + c]!;
      const f = grid.find(cell);
      if (f < 0) continue;
      const count = starts[f + 1]! - starts[f]!;
      acc = logAddExp(acc, Math.log(count) + envelope(cellDistance2(i)) + maxLogWeight);
      left -= count;
    }
    if (left > 0) {
      const r = o < k ? list.dmin[o]! : list.radius;
      acc = logAddExp(acc, Math.log(left) + envelope(r * r) + maxLogWeight);
    }
    skippedLog[i] = acc;
  };
}
