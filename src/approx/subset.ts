/** Running a method on some of the queries (a fallback) and writing its rows back. */
import { pool } from '../engine/pool.js';
import type { KeySet, PoolSums } from '../engine/types.js';
import type { ApproxRequest, MethodResult } from './types.js';

/** Caller indices of left-out keys → stored indices of `keys` (null stays null). */
export function storedExclude(exclude: Int32Array | null, keys: KeySet): Int32Array | null {
  if (!exclude) return null;
  const rank = keys.rank;
  return rank ? exclude.map((c) => (c >= 0 ? rank[c]! : -1)) : exclude;
}

/** The request restricted to the queries `rows`. */
export function subsetRequest(req: ApproxRequest, rows: Int32Array): ApproxRequest {
  const d = req.keys.d;
  const queries = new Float64Array(rows.length * d);
  rows.forEach((r, k) => queries.set(req.queries.subarray(r * d, (r + 1) * d), k * d));
  const exclude = req.exclude ? Int32Array.from(rows, (r) => req.exclude![r]!) : null;
  return { ...req, queries, m: rows.length, exclude };
}

/** The exact engine on the request's queries. */
export function exactResult(req: ApproxRequest): MethodResult {
  const sums = pool(req.keys, req.sim, req.queries, req.m, { tileSize: req.tileSize, exclude: storedExclude(req.exclude, req.keys), ...req.compute });
  return { sums, bounds: null, detail: 'exact: the streaming engine' };
}

/** Writes row k of `part` (and its bound) to row rows[k] of `into`. */
export function mergeRows(into: PoolSums, bounds: Float64Array, part: PoolSums, partBounds: Float64Array | null, rows: Int32Array): void {
  const p = into.p;
  rows.forEach((r, k) => {
    into.logScale[r] = part.logScale[k]!;
    into.sum[r] = part.sum[k]!;
    into.sumSq[r] = part.sumSq[k]!;
    into.maxTerm[r] = part.maxTerm[k]!;
    for (let c = 0; c < p; c++) into.weighted[r * p + c] = part.weighted[k * p + c]!;
    bounds[r] = partBounds ? partBounds[k]! : 0;
  });
}
