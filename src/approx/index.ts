/**
 * Fast paths of the pooling reduction, each with a stated bound, behind one call: `approxPool` resolves the
 * method (choose.ts), runs it, sends the queries it cannot answer within the tolerance to a fallback
 * (binned → truncated → exact), and reports what ran and the largest bound.
 */
import { pool } from '../engine/pool.js';
import type { KeySet, PoolOptions, PoolSums, Similarity } from '../engine/types.js';
import { binned, binnedGrids } from './binned.js';
import { chooseMethod } from './choose.js';
import { neighbors } from './neighbors.js';
import type { ErrorScale } from './scale.js';
import { exactResult, mergeRows, subsetRequest } from './subset.js';
import { truncated } from './truncated.js';
import type { ApproxRequest, ConcreteMethod, FallbackReport, MethodReport, MethodResult, PoolMethod } from './types.js';

export type { PoolMethod, ConcreteMethod, MethodReport, FallbackReport } from './types.js';
export { POOL_METHODS } from './types.js';
export type { ErrorScale } from './scale.js';
export { ERROR_SCALES } from './scale.js';
export { checkMethodOptions, checkMethodDimension, chooseMethod } from './choose.js';

export interface PoolRequest {
  readonly keys: KeySet;
  readonly sim: Similarity;
  readonly queries: Float64Array;
  readonly m: number;
  readonly leaveOneOut: boolean;
  readonly tileSize: number;
  /** Backend, precision and threads of the exact engine wherever it runs (the default: auto, float64). */
  readonly compute?: Pick<PoolOptions, 'backend' | 'precision' | 'threads'>;
  readonly method: PoolMethod;
  readonly tolerance: number;
  /** What the tolerance is relative to (scale.ts; default 'relative': each query's own sums). */
  readonly errorScale?: ErrorScale;
  /** Per fitted key set and widths: grids and cell indexes survive between calls. */
  readonly cache: Map<string, unknown>;
  /** Told (once per cache, tolerance and error scale) when a method asked for cannot run and another runs instead. */
  readonly onFallback?: (message: string) => void;
}

/** The pooled sums by the requested method, and the report of what ran. */
export function approxPool(r: PoolRequest): { sums: PoolSums; report: MethodReport } {
  const errorScale = r.errorScale ?? 'relative';
  const choice = chooseMethod(r.method, r.keys, r.sim, r.m, r.tolerance, r.cache, errorScale);
  const base = { requested: r.method, tolerance: r.tolerance, errorScale };
  if (choice.method === 'exact' || r.sim.kind !== 'kernel') {
    const sums = pool(r.keys, r.sim, r.queries, r.m, { leaveOneOut: r.leaveOneOut, tileSize: r.tileSize, ...r.compute });
    return { sums, report: { ...base, method: 'exact', bound: 0, fallback: [], detail: `exact (${choice.reason})` } };
  }
  const req: ApproxRequest = {
    keys: r.keys, sim: r.sim, queries: r.queries, m: r.m, tileSize: r.tileSize, tolerance: r.tolerance, errorScale, cache: r.cache,
    exclude: r.leaveOneOut ? Int32Array.from({ length: r.m }, (_, i) => i) : null,
    ...(r.compute ? { compute: r.compute } : {}),
  };
  let method: ConcreteMethod = choice.method;
  let prefix = '';
  let result: MethodResult;
  if (method === 'binned') {
    const grids = binnedGrids(req);
    if ('refused' in grids) {
      const message = `binned refused: ${grids.refused}; truncated ran instead`;
      // once per fitted model and tolerance, not once per batch of queries
      const warned = `warned:${errorScale}:${r.tolerance}`;
      if (!r.cache.has(warned)) { r.cache.set(warned, true); r.onFallback?.(message); }
      prefix = `${message}. `;
      method = 'truncated';
      result = truncated(req);
    } else {
      result = binned(req, grids);
    }
  } else {
    result = method === 'neighbors' ? neighbors(req) : truncated(req);
  }
  const { sums } = result;
  const bounds = result.bounds ?? new Float64Array(r.m);
  const fallback: FallbackReport[] = [];
  // queries a method could not answer go one step down: binned → truncated → exact
  let rejected = result.rejected ?? new Int32Array(0);
  let reason = result.rejectReason ?? '';
  let next: ConcreteMethod = method === 'binned' ? 'truncated' : 'exact';
  while (rejected.length > 0) {
    const sub = subsetRequest(req, rejected);
    const part = next === 'truncated' ? truncated(sub) : exactResult(sub);
    mergeRows(sums, bounds, part.sums, part.bounds, rejected);
    fallback.push({ method: next, count: rejected.length, reason });
    const again = part.rejected ?? new Int32Array(0);
    rejected = again.map((k) => rejected[k]!);
    reason = part.rejectReason ?? '';
    next = 'exact';
  }
  let bound = 0;
  for (let i = 0; i < r.m; i++) if (bounds[i]! > bound) bound = bounds[i]!;
  const detail = `${prefix}${result.detail} (${choice.reason})`;
  return { sums, report: { ...base, method, bound, fallback, detail } };
}
