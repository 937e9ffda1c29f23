/**
 * The backends' contract. Every backend (js, wasm, workers, native) computes the same reduction as the
 * engine (`src/engine/pool.ts`): for each query i, over the stored keys j in [lo_i, hi_i) other than
 * exclude_i,
 *
 *   la_j = log|α(q_i, k_j)| + logWeights_j        (logWeights: observation weight and local width factor)
 *   M    = max_j la_j                              (−Infinity when no term is finite)
 *   S    = Σ_j s_j e^{la_j − M}                    (s_j = sign of α: −1 only for the signed Silverman kernel)
 *   S2   = Σ_j e^{2(la_j − M)},  top = max_j e^{la_j − M}
 *   W_c  = Σ_j s_j e^{la_j − M} v_{j,c}           (c < p)
 *
 * the online-softmax triple of KeOps and FlashAttention, so no backend ever builds the n × m matrix. A job
 * is plain typed arrays and numbers (flatbush's lesson: cheap to copy into wasm memory, to share with a
 * worker and to hand to C), with the kernel given by its index in `KERNEL_IDS`.
 */
import type { KernelName } from '../kernels/types.js';
import type { PoolSums } from '../engine/types.js';

/** The backends, fastest first in `auto`'s order of preference. */
export type BackendName = 'native' | 'workers' | 'wasm' | 'js';
export const BACKEND_NAMES: readonly BackendName[] = ['native', 'workers', 'wasm', 'js'];
/** Which backend runs: one by name, or `auto` (the fastest that loads and supports the job). */
export type BackendChoice = 'auto' | BackendName;

/** float64 is exact (≤ 1e-12 relative to the reference); float32 computes α in single precision and
 * accumulates in float64 (≤ 1e-5 relative). */
export type Precision = 'float64' | 'float32';

/** The built-in kernels by index, as the compiled backends number them. Keep in sync with wasm and C. */
export const KERNEL_IDS: readonly KernelName[] = [
  'gaussian', 'boxcar', 'constant', 'triangular', 'epanechnikov', 'biweight', 'triweight',
  'tricube', 'cosine', 'logistic', 'sigmoid', 'exponential', 'silverman',
];

/** α's profile per kernel id as compiled code evaluates it, with u = √u² (see src/kernels/ for the definitions). */
export const SIM_KERNEL = 0;
export const SIM_DOT = 1;
export const SHAPE_RADIAL = 0;
export const SHAPE_PRODUCT = 1;

/**
 * One reduction job. Arrays are row-major; lengths are exact (no padding). Null means "absent":
 * no values (p = 0), every weight 1, no local widths, every query over all keys, nothing left out.
 */
export interface PoolJob {
  readonly n: number;
  readonly d: number;
  /** Value columns (0: a density, the sums only). */
  readonly p: number;
  readonly m: number;
  /** n × d stored keys. */
  readonly keys: Float64Array;
  /** n × p values, or null when p = 0. */
  readonly values: Float64Array | null;
  /** n log multipliers (log wⱼ − d log λⱼ), or null: all 0. */
  readonly logWeights: Float64Array | null;
  /** n factors 1/λⱼ multiplying every scaled difference of key j, or null: all 1. */
  readonly invKeyScale: Float64Array | null;
  /** m × d queries. */
  readonly queries: Float64Array;
  /** Per query, the first and one-past-last stored key to visit; null: 0 and n for every query. */
  readonly lo: Int32Array | null;
  readonly hi: Int32Array | null;
  /** Per query, a stored key index to skip (−1: none); null: none. */
  readonly exclude: Int32Array | null;
  /** SIM_KERNEL or SIM_DOT. */
  readonly similarity: number;
  /** Index into KERNEL_IDS (kernel similarity only). */
  readonly kernelId: number;
  /** SHAPE_RADIAL: α(‖t‖) with t_c = (q_c − k_c)·invWidth_c·invKeyScale_j; SHAPE_PRODUCT: Π_c α(|t_c|). */
  readonly shape: number;
  /** d factors 1/h_c (kernel similarity). */
  readonly invWidth: Float64Array;
  /** 1/τ for dot-product similarity: la = q·k/τ (queries and keys already on the unit sphere if asked). */
  readonly invTemperature: number;
  readonly precision: Precision;
  /** Threads a multi-threaded backend (native, workers) may use; absent: the cores available. */
  readonly threads?: number;
}

/** A backend: it loads or says why not, it says which jobs it takes, and it computes them. */
export interface Backend {
  readonly name: BackendName;
  /** Null when usable here, else the reason it is not (no compiler at install, no SIMD, no threads…). */
  unavailable(): string | null;
  /** Null when the backend computes this job, else why not (an unknown kernel id, say). */
  refuses(job: PoolJob): string | null;
  /** The sums of every query of the job. */
  run(job: PoolJob): PoolSums;
  /** A short description of what runs (instruction set, threads), for reports and benchmarks. */
  describe(): string;
}
