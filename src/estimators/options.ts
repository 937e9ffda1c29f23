/** The options every estimator shares, validated at construction (scikit-learn's contract). */
import { NadarayaError } from '../errors.js';
import { checkChoice, checkOptionKeys } from '../options.js';
import { getKernel } from '../kernels/registry.js';
import type { Kernel, KernelName } from '../kernels/types.js';
import type { KernelShape } from '../kernels/normalization.js';
import { checkBandwidthInput } from '../bandwidth/resolve.js';
import type { BandwidthInput } from '../bandwidth/resolve.js';
import { checkLocalWidths } from '../bandwidth/adaptive.js';
import type { LocalWidths } from '../bandwidth/adaptive.js';
import { SELECTOR_OPTION_KEYS } from '../bandwidth/select.js';
import type { SelectorOptions } from '../bandwidth/select.js';
import { ERROR_SCALES, POOL_METHODS, checkMethodOptions } from '../approx/index.js';
import type { ErrorScale, PoolMethod } from '../approx/index.js';
import { BACKEND_NAMES } from '../backends/types.js';
import type { BackendChoice, Precision } from '../backends/types.js';

/** What to do for a query with no key in reach of a compact kernel (0/0). */
export type EmptyPolicy = 'nan' | 'nearest' | 'mean' | 'error';
/** What to do with NaN/±Inf in the data: reject (default) or drop those training rows. */
export type MissingPolicy = 'error' | 'drop';

export interface EstimatorOptions {
  /** Kernel name or alias (default 'gaussian'), or a Kernel object. */
  kernel?: KernelName | (string & {}) | Kernel;
  /**
   * Raw width(s) h, a rule of thumb (default 'normal-reference'), or a data-driven selector: 'cv-ls'
   * (leave-one-out MSE / cross-entropy; least-squares CV for a Gaussian density), 'cv-ml' (density
   * likelihood CV), 'aic' (AIC_c, regression), 'isj' (improved Sheather–Jones, 1-D density), 'learn'
   * (gradient descent on log-widths).
   */
  bandwidth?: BandwidthInput;
  /** Tuning of the data-driven selectors (scan density, refinement tolerance, learning schedule). */
  selector?: SelectorOptions;
  /** Local (adaptive) widths: each key gets h ⊙ λᵢ (Abramson's square-root law, or k-nearest-neighbour). */
  local?: LocalWidths;
  /** 'radial' (default): α(‖(q − k) ⊘ h‖); 'product': ∏ α(|q_c − k_c| / h_c), as R np and statsmodels. */
  shape?: KernelShape;
  /** 'kernel' (default) or 'dot': α(q, k) = exp(q·k / temperature), softmax attention. */
  similarity?: 'kernel' | 'dot';
  /** τ of the dot-product similarity (default 1). */
  temperature?: number;
  /** Normalise queries and keys to the unit sphere before the dot product (default false). */
  normalize?: boolean;
  /** Empty neighbourhoods: 'nan' (default, with a warning), 'nearest', 'mean' or 'error'. */
  empty?: EmptyPolicy;
  /** NaN/±Inf in the data: 'error' (default) or 'drop' (training rows dropped, such query rows give NaN). */
  missing?: MissingPolicy;
  /** Keys per tile of the streaming reduction (default 256). */
  tileSize?: number;
  /**
   * How sums are computed: 'exact' (the streaming engine; the default when tolerance is 0), 'neighbors'
   * (exact, visiting only keys in reach of a compact kernel), 'truncated' and 'binned' (approximate, within
   * `tolerance`), or 'auto' (the default when tolerance > 0). Results report which ran and its bound
   * (`lastMethod`, `predictDetailed().method`, `densityDetailed().method`).
   */
  method?: PoolMethod;
  /**
   * A bound ρ on the relative error of the sums (numerator and denominator) that the approximate methods
   * must meet at every query (default 0: exact); relative to what, `errorScale` says.
   */
  tolerance?: number;
  /**
   * What `tolerance` is relative to: 'relative' (default) — each query's own sums, |Ŝ − S| ≤ τ·Σ|wα|, so
   * far tails get as many correct digits as the peak (and cost truncation where no grid can give them);
   * 'total' — the total the sums could reach, A = ᾱ·Σ wλ^(−d): |Ŝ − S| ≤ τ·A, |T̂_c − T_c| ≤ τ·A·max|v_c|,
   * the same absolute error everywhere (a density within τ times the density all the mass would give at
   * one point), as plotting needs; much faster on grids that reach into the tails.
   */
  errorScale?: ErrorScale;
  /**
   * Which backend computes the exact sums: 'auto' (default: the fastest that loads — the native addon,
   * worker threads, wasm SIMD — for jobs large enough to pay for it, else plain JS), or one by name:
   * 'native', 'workers', 'wasm', 'js'. Every backend gives the same numbers (see the conformance suite).
   */
  backend?: BackendChoice;
  /** 'float64' (default, exact) or 'float32' (α in single precision, sums in float64: faster, ~1e-5 relative). */
  precision?: Precision;
  /** Threads for the native and workers backends (default: the cores available). */
  threads?: number;
  /** Budget for a dense attention matrix in bytes (default 256 MiB). */
  maxAttentionBytes?: number;
  /** Where warnings go (default console.warn); `info` says which warning it is, for programs. */
  onWarning?: (message: string, info?: WarningInfo) => void;
}

/** What a warning is about: queries with no key in reach (`count` of them), or a selector whose scan never bracketed its optimum. */
export interface WarningInfo {
  readonly code: 'W_EMPTY' | 'W_UNBRACKETED' | 'W_FALLBACK';
  readonly count?: number;
}

export const ESTIMATOR_OPTION_KEYS = [
  'kernel', 'bandwidth', 'selector', 'local', 'shape', 'similarity', 'temperature', 'normalize', 'empty', 'missing',
  'tileSize', 'method', 'tolerance', 'errorScale', 'backend', 'precision', 'threads', 'maxAttentionBytes', 'onWarning',
] as const;

/** Options after validation, with defaults filled in. */
export interface ResolvedOptions {
  readonly kernel: Kernel;
  readonly bandwidth: BandwidthInput;
  readonly selector: SelectorOptions;
  readonly local: LocalWidths | null;
  readonly shape: KernelShape;
  readonly similarity: 'kernel' | 'dot';
  readonly temperature: number;
  readonly normalize: boolean;
  readonly empty: EmptyPolicy;
  readonly missing: MissingPolicy;
  readonly tileSize: number;
  readonly method: PoolMethod;
  readonly tolerance: number;
  readonly errorScale: ErrorScale;
  readonly backend: BackendChoice;
  readonly precision: Precision;
  /** Undefined: the cores available. */
  readonly threads: number | undefined;
  readonly maxAttentionBytes: number;
  readonly onWarning: (message: string, info?: WarningInfo) => void;
}

function positive(argument: string, v: unknown, fallback: number): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v)) throw new NadarayaError('E_PARAM', { argument, value: v }, 'must be a positive finite number');
  return v;
}

export function resolveOptions(options: EstimatorOptions = {}): ResolvedOptions {
  checkOptionKeys(options, ESTIMATOR_OPTION_KEYS);
  const bandwidth = options.bandwidth === undefined ? 'normal-reference' : options.bandwidth;
  checkBandwidthInput(bandwidth);
  if (options.normalize !== undefined && typeof options.normalize !== 'boolean') {
    throw new NadarayaError('E_PARAM', { argument: 'normalize', value: options.normalize }, 'must be true or false');
  }
  if (options.onWarning !== undefined && typeof options.onWarning !== 'function') {
    throw new NadarayaError('E_PARAM', { argument: 'onWarning', value: options.onWarning }, 'must be a function');
  }
  const tileSize = positive('tileSize', options.tileSize, 256);
  if (!Number.isInteger(tileSize)) throw new NadarayaError('E_PARAM', { argument: 'tileSize', value: tileSize }, 'must be a whole number');
  checkOptionKeys(options.selector, SELECTOR_OPTION_KEYS, 'selector');
  const tolerance = options.tolerance === undefined ? 0 : options.tolerance;
  if (typeof tolerance !== 'number' || !(tolerance >= 0 && tolerance < 1)) {
    throw new NadarayaError('E_PARAM', { argument: 'tolerance', value: tolerance }, 'must be a number in [0, 1): a bound on the relative error (0: exact)');
  }
  const method = options.method === undefined ? (tolerance > 0 ? 'auto' : 'exact') : checkChoice('method', options.method, POOL_METHODS);
  const kernel = getKernel(options.kernel === undefined ? 'gaussian' : options.kernel);
  const similarity = options.similarity === undefined ? 'kernel' : checkChoice('similarity', options.similarity, ['kernel', 'dot'] as const);
  checkMethodOptions(method, tolerance, kernel, similarity, options.local !== undefined);
  checkSimilarityOptions(options, similarity);
  return {
    kernel,
    bandwidth,
    selector: options.selector ?? {},
    local: options.local === undefined ? null : checkLocalWidths(options.local),
    shape: options.shape === undefined ? 'radial' : checkChoice('shape', options.shape, ['radial', 'product'] as const),
    similarity,
    temperature: positive('temperature', options.temperature, 1),
    normalize: options.normalize ?? false,
    empty: options.empty === undefined ? 'nan' : checkChoice('empty', options.empty, ['nan', 'nearest', 'mean', 'error'] as const),
    missing: options.missing === undefined ? 'error' : checkChoice('missing', options.missing, ['error', 'drop'] as const),
    tileSize,
    method,
    tolerance,
    errorScale: options.errorScale === undefined ? 'relative' : checkChoice('errorScale', options.errorScale, ERROR_SCALES),
    backend: options.backend === undefined ? 'auto' : checkChoice('backend', options.backend, ['auto', ...BACKEND_NAMES] as const),
    precision: options.precision === undefined ? 'float64' : checkChoice('precision', options.precision, ['float64', 'float32'] as const),
    threads: checkThreads(options.threads),
    maxAttentionBytes: positive('maxAttentionBytes', options.maxAttentionBytes, 256 * 1024 * 1024),
    onWarning: options.onWarning ?? ((m: string) => console.warn(`nadaraya: ${m}`)),
  };
}

function checkThreads(v: unknown): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 1024) {
    throw new NadarayaError('E_PARAM', { argument: 'threads', value: v }, 'must be a whole number from 1 to 1024');
  }
  return v;
}

/** Options that one similarity ignores are refused, not silently dropped. */
function checkSimilarityOptions(options: EstimatorOptions, similarity: 'kernel' | 'dot'): void {
  const given = (k: keyof EstimatorOptions) => options[k] !== undefined;
  if (similarity === 'dot') {
    for (const k of ['kernel', 'bandwidth', 'shape', 'local'] as const) {
      if (given(k)) {
        throw new NadarayaError('E_PARAM', { argument: k, value: options[k] },
          "does not apply to similarity: 'dot' (α(q, k) = exp(q·k / temperature)); set temperature instead, or drop it");
      }
    }
  } else {
    for (const k of ['temperature', 'normalize'] as const) {
      if (given(k)) throw new NadarayaError('E_PARAM', { argument: k, value: options[k] }, "applies to similarity: 'dot' only");
    }
  }
}
