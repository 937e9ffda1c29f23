/**
 * A uniform cell grid over the keys (d ≥ 2): keys are stored cell by cell, so a cell is one contiguous
 * range [start, end) of stored keys that the engine sums as a tile. Only occupied cells are kept (a hash
 * from cell number to range when the bounding box has many more cells than keys), and a query visits the
 * cells of a precomputed list of offsets sorted by their least possible distance.
 */
import { argsortStable } from '../engine/argsort.js';
import type { KeySet } from '../engine/types.js';
import { permuteKeySet } from './permute.js';

/** How distances between a query and a cell are measured, in width units u. */
export type CellMetric = 'euclidean' | 'chebyshev';

export interface CellGrid {
  /** The keys stored in cell order (order/rank refer to the caller's key order). */
  readonly keys: KeySet;
  readonly d: number;
  readonly origin: Float64Array;
  /** Cell side per coordinate (raw units). */
  readonly side: Float64Array;
  readonly extent: Float64Array;
  /** Occupied cell k holds the stored keys starts[k] ≤ j < starts[k + 1]. */
  readonly starts: Int32Array;
  /** The occupied cell with integer coordinates `cell` (length d), or −1 (empty or outside). */
  find(cell: ArrayLike<number>): number;
}

/**
 * Builds the grid with the given cell sides (raw units). Sides are doubled while the bounding box would
 * number its cells beyond 2⁵⁰ (cell numbers stay exact doubles).
 */
export function buildCellGrid(keys: KeySet, side: Float64Array): CellGrid {
  const { n, d, keys: K } = keys;
  const origin = new Float64Array(d).fill(Infinity);
  const top = new Float64Array(d).fill(-Infinity);
  for (let j = 0; j < n; j++) for (let c = 0; c < d; c++) {
    const v = K[j * d + c]!;
    if (v < origin[c]!) origin[c] = v;
    if (v > top[c]!) top[c] = v;
  }
  const s = Float64Array.from(side);
  const extent = new Float64Array(d);
  for (;;) {
    let total = 1;
    for (let c = 0; c < d; c++) { extent[c] = Math.floor((top[c]! - origin[c]!) / s[c]!) + 1; total *= extent[c]!; }
    if (total <= 2 ** 50) break;
    for (let c = 0; c < d; c++) s[c]! *= 2;
  }
  const ids = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let id = 0;
    for (let c = 0; c < d; c++) id = id * extent[c]! + cellIndex(K[j * d + c]!, origin[c]!, s[c]!, extent[c]!);
    ids[j] = id;
  }
  const order = argsortStable(ids);
  const sorted = permuteKeySet(keys, order);
  // occupied cells: their numbers and where their keys start
  const cellIds: number[] = [];
  const starts: number[] = [];
  for (let j = 0; j < n; j++) {
    const id = ids[order[j]!]!;
    if (j === 0 || id !== cellIds[cellIds.length - 1]) { cellIds.push(id); starts.push(j); }
  }
  starts.push(n);
  const index = new Map<number, number>();
  cellIds.forEach((id, k) => index.set(id, k));
  const find = (cell: ArrayLike<number>): number => {
    let id = 0;
    for (let c = 0; c < d; c++) {
      const v = cell[c]!;
      if (v < 0 || v >= extent[c]!) return -1;
      id = id * extent[c]! + v;
    }
    return index.get(id) ?? -1;
  };
  return { keys: sorted, d, origin, side: s, extent, starts: Int32Array.from(starts), find };
}

/** The cell of coordinate v along an axis (clamped into the grid for points of the keys' box). */
export function cellIndex(v: number, origin: number, side: number, extent: number): number {
  const i = Math.floor((v - origin) / side);
  return i < 0 ? 0 : i >= extent ? extent - 1 : i;
}

/**
 * Offsets (in cells) whose least distance from any point of the query's cell is ≤ radius (u units), sorted
 * by that distance. `sideU` is the cell side in u units per coordinate.
 */
export function cellOffsets(sideU: Float64Array, radius: number, metric: CellMetric): { offsets: Int32Array; dmin: Float64Array } {
  const d = sideU.length;
  const reach = Array.from(sideU, (s) => Math.ceil(radius / s) + 1);
  const list: { o: number[]; dist: number }[] = [];
  const o = reach.map((r) => -r);
  for (;;) {
    let acc = 0;
    for (let c = 0; c < d; c++) {
      const g = Math.max(Math.abs(o[c]!) - 1, 0) * sideU[c]!;
      acc = metric === 'euclidean' ? acc + g * g : Math.max(acc, g);
    }
    const dist = metric === 'euclidean' ? Math.sqrt(acc) : acc;
    if (dist <= radius) list.push({ o: o.slice(), dist });
    let c = d - 1;
    while (c >= 0 && o[c] === reach[c]) { o[c] = -reach[c]!; c--; }
    if (c < 0) break;
    o[c]!++;
  }
  list.sort((x, y) => x.dist - y.dist);
  const offsets = new Int32Array(list.length * d);
  list.forEach((e, k) => offsets.set(e.o, k * d));
  return { offsets, dmin: Float64Array.from(list, (e) => e.dist) };
}
