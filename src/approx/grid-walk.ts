/**
 * How a query visits a cell grid (d ≥ 2), as a walk for the engine (`PoolOptions.walk`): every cell within
 * the support of a compact kernel, so that the sums are exact and only keys in reach are evaluated.
 */
import type { KeyWalk } from '../engine/types.js';
import type { CellGrid, CellMetric } from './cells.js';

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
