/**
 * The fast paths' contract. Every method returns the engine's triple (log-scale, Σwα, Σwα·v) per query, so
 * the estimators read its results exactly as they read the exact engine's, and a report that says which
 * method ran and how far from exact its sums may be.
 */
import type { KeySet, PoolOptions, PoolSums, Similarity } from '../engine/types.js';
import type { ErrorScale } from './scale.js';

/** How pooled sums are computed: `exact` (the streaming engine), or a fast path. */
export type PoolMethod = 'auto' | 'exact' | 'neighbors' | 'binned' | 'truncated';
export const POOL_METHODS: readonly PoolMethod[] = ['auto', 'exact', 'neighbors', 'binned', 'truncated'];
/** A method that runs (`auto` resolves to one of these). */
export type ConcreteMethod = Exclude<PoolMethod, 'auto'>;

/**
 * What a computation did. The bound ρ is rigorous: for every query, |Ŝ − S| ≤ ρ·Z and, per value column,
 * |T̂_c − T_c| ≤ ρ·Z·max|v_c|, where Z depends on `errorScale` (scale.ts):
 * - `relative`: Z = Σ|wα|, the query's own. For kernels that are never negative Σ|wα| = S, so ρ bounds the
 *   relative error of the denominator (of a density), and an estimate T/S moves by at most 2ρ·max|v|/(1 − ρ).
 * - `total`: Z = A = ᾱ·Σ wλ^(−d), the same for every query. A density is off by at most ρ·A/(Σw·∏h·C_d),
 *   and an estimate T/S by at most 2ρ·A·max|v|/Ŝ.
 */
export interface MethodReport {
  /** The method asked for. */
  readonly requested: PoolMethod;
  /** The method that computed the queries (those of `fallback` aside). */
  readonly method: ConcreteMethod;
  /** The tolerance asked for (0: exact). */
  readonly tolerance: number;
  /** What tolerance and bound are relative to: each query's own sums, or the total the sums could reach. */
  readonly errorScale: ErrorScale;
  /** ρ: the largest bound over the queries (0: exact, up to rounding). Always ≤ tolerance. */
  readonly bound: number;
  /** Queries computed another way, and why (empty: none). */
  readonly fallback: readonly FallbackReport[];
  /** Why this method ran and with what parameters (grid, cells, radius). */
  readonly detail: string;
}

export interface FallbackReport {
  readonly method: ConcreteMethod;
  readonly count: number;
  readonly reason: string;
}

/** One pooling request: the fitted keys, the similarity, the queries, and a per-key-set cache. */
export interface ApproxRequest {
  readonly keys: KeySet;
  readonly sim: Similarity & { readonly kind: 'kernel' };
  readonly queries: Float64Array;
  readonly m: number;
  /** Per query, the caller's index of a key left out of its sums (−1: none); null: none anywhere. */
  readonly exclude: Int32Array | null;
  readonly tileSize: number;
  /** Backend, precision and threads for the exact engine where it runs (queries sent to the exact fallback). */
  readonly compute?: Pick<PoolOptions, 'backend' | 'precision' | 'threads'>;
  readonly tolerance: number;
  readonly errorScale: ErrorScale;
  /** Structures built from the keys and widths (cell grids, binned grids), kept across calls. */
  readonly cache: Map<string, unknown>;
}

/** What one method computed: the sums, a bound per query (null: exact), and how. */
export interface MethodResult {
  readonly sums: PoolSums;
  readonly bounds: Float64Array | null;
  readonly detail: string;
  /** Queries the method could not answer within the tolerance (to be computed by a fallback). */
  readonly rejected?: Int32Array;
  readonly rejectReason?: string;
}

/** Zeroed sums for m queries with p value columns; sumSq and maxTerm NaN (methods that never see single terms). */
export function newSums(m: number, p: number): PoolSums {
  return {
    m, p,
    logScale: new Float64Array(m), sum: new Float64Array(m), sumSq: new Float64Array(m).fill(NaN),
    maxTerm: new Float64Array(m).fill(NaN), weighted: new Float64Array(m * p),
  };
}
