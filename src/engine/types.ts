import type { Kernel } from '../kernels/types.js';
import type { KernelShape } from '../kernels/normalization.js';
import type { BackendChoice, Precision } from '../backends/types.js';

/**
 * The fitted keys: one flat row-major buffer per array (flatbush's lesson: cheap to send to a worker).
 * `values` holds p numbers per key; `logWeights` the log multiplier of each key (observation weight and local width).
 */
export interface KeySet {
  readonly n: number;
  readonly d: number;
  readonly keys: Float64Array;
  readonly p: number;
  readonly values: Float64Array | null;
  /** Observation weights wᵢ as given (null: all 1). */
  readonly weights: Float64Array | null;
  /** The engine's log multiplier per key: log wᵢ − d log λᵢ (null when every wᵢ = λᵢ = 1). */
  readonly logWeights: Float64Array | null;
  /** Σ wᵢ (n when unweighted). */
  readonly totalWeight: number;
  /**
   * Per-key (local, adaptive) widths: key i's widths are h ⊙ λᵢ. Stored as 1/λᵢ (null: all λ = 1). As in
   * Silverman's (1986) sample-point estimator, key i's term also carries λᵢ^(−d), folded into `logWeights`.
   */
  readonly invKeyScale: Float64Array | null;
  /** max λᵢ (1 without local widths). */
  readonly maxKeyScale: number;
  /** max of `logWeights` (0 when null). */
  readonly maxLogWeight: number;
  /**
   * For keys sorted along their single coordinate (d = 1): `order[j]` is the caller's index of stored key j
   * and `rank[i]` the stored position of the caller's key i. Null when keys are stored as given.
   */
  readonly order: Int32Array | null;
  readonly rank: Int32Array | null;
}

/** How a query attends to a key. */
export type Similarity =
  | {
      readonly kind: 'kernel';
      readonly kernel: Kernel;
      readonly shape: KernelShape;
      /** 1/h per coordinate (length d). */
      readonly invWidth: Float64Array;
    }
  | {
      /** α(q, k) = exp(q·k / τ): softmax (dot-product) attention. */
      readonly kind: 'dot';
      readonly temperature: number;
      /** Normalise queries and keys to the unit sphere first. */
      readonly normalize: boolean;
    };

/**
 * The reduction of one query over all keys, kept as KeOps' "sum-softmax-weight" triple: with
 * M = max log|wα|, S = Σ wα e^{−M}, T = Σ wα v e^{−M}. Also Σ (wα e^{−M})² and max wα e^{−M} for diagnostics.
 */
export interface PoolSums {
  readonly m: number;
  readonly p: number;
  readonly logScale: Float64Array;
  readonly sum: Float64Array;
  readonly sumSq: Float64Array;
  readonly maxTerm: Float64Array;
  /** m × p, row-major. */
  readonly weighted: Float64Array;
  /** Which backend computed the sums (absent: the engine's own JavaScript loop). */
  readonly backend?: string;
}

export interface PoolOptions {
  /**
   * Queries are the keys themselves, in the caller's order, and key i is left out of query i's
   * estimate, exactly (skipped, not subtracted).
   */
  readonly leaveOneOut?: boolean;
  /** For query i, the stored index of a key to leave out (−1: none); overrides `leaveOneOut`. */
  readonly exclude?: Int32Array | null;
  /** Keys per tile of the streaming reduction (default 256). */
  readonly tileSize?: number;
  /**
   * Sorted 1-D keys: stop walking away from a query once every further term is below e^(−negligibleLog)
   * of the running maximum. The default, 800, skips only terms that are exactly 0 in float64. Width
   * selectors pass 41.6 + ln n: all skipped terms together are then below 2⁻⁶⁰ of the sum.
   */
  readonly negligibleLog?: number;
  /**
   * A custom visiting order over the stored keys (the fast paths of src/approx: cell grids, truncation
   * with a bound). For each query the engine calls it instead of its own loop; it sums key ranges with `add`.
   */
  readonly walk?: KeyWalk;
  /**
   * Which backend computes the sums (see src/backends): 'auto' (the default) takes the fastest that loads —
   * native, worker threads, wasm SIMD — for jobs large enough to pay for the hand-off, else this loop.
   */
  readonly backend?: BackendChoice;
  /** 'float64' (default, exact) or 'float32' (α in single precision, sums in float64; compiled backends only). */
  readonly precision?: Precision;
  /** Threads for the native and workers backends (default: the cores available). */
  readonly threads?: number;
}

/**
 * Visits the keys of query i: each `add(j0, j1)` merges the stored keys j0 ≤ j < j1 into the query's
 * running triple (left-out keys are still skipped), after which `running` holds [M, S]: the running
 * log-scale and Σ wα e^{−M}. Keys never added are not part of the result.
 */
export type KeyWalk = (query: number, add: (j0: number, j1: number) => void, running: Float64Array) => void;
