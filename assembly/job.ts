/**
 * The job being computed, as module state: its sizes, options and where its arrays lie in linear memory
 * (placed there by the TypeScript side, src/backends/wasm-runner.ts), and the path chosen for it. Set
 * once per job by `configure`, `place` and `prepare`; every stage reads it.
 *
 * Layout: keys and values are stored column by column (coordinate c of key j at c·nPad + j) so that a
 * vector load takes consecutive keys; every per-key array has nPad ≥ n + 8 entries, the tail zero, so a
 * tile rounded up to whole vectors never reads past the data.
 */
import { BIWEIGHT, BOXCAR, EPANECHNIKOV, EXPONENTIAL, GAUSSIAN, MAX_LINEAR_WEIGHT_SPREAD, SHAPE_PRODUCT, SIM_DOT, TRIANGULAR, TRICUBE, TRIWEIGHT } from './constants';

/** Gaussian, exponential or dot product: vector log-similarity, then vector exp. */
export const MODE_LOG = 0;
/** The polynomial compact kernels: α itself, no log and no exp (see `prepare`). */
export const MODE_LINEAR = 1;
/** Any other kernel, radial: vector distances, then log|α| per key in scalar code. */
export const MODE_GENERIC_RADIAL = 2;
/** Any kernel as a product over coordinates: scalar code per key and coordinate. */
export const MODE_GENERIC_PRODUCT = 3;

export let n: i32 = 0;
export let d: i32 = 0;
export let p: i32 = 0;
export let nPad: i32 = 0;
export let similarity: i32 = 0;
export let kernelId: i32 = 0;
export let shape: i32 = 0;
export let invTemperature: f64 = 0;
/** float32: α and exp in single precision (sums stay float64). */
export let single: bool = false;

/** d columns of nPad keys. */
export let keysT: usize = 0;
/** p columns of nPad values, or 0. */
export let valuesT: usize = 0;
/** nPad log-weights, or 0. */
export let logW: usize = 0;
/** nPad weights e^{logW − weightShift} for the linear path (filled by `prepare`), or 0. */
export let linW: usize = 0;
/** nPad factors 1/λⱼ, or 0. */
export let invKS: usize = 0;
/** d factors 1/h_c. */
export let invWidth: usize = 0;

export let mode: i32 = MODE_GENERIC_RADIAL;
/** max − min of the log-weights (0 without them): how far a key's weight can lift it above its α. */
export let weightSpread: f64 = 0;
/** One coordinate, keys in non-decreasing order (as the jobs with windows have them). */
export let keysSorted: bool = false;
/** The largest log-weight: the linear path's sums are relative to e^{weightShift}. */
export let weightShift: f64 = 0;

export function configure(n_: i32, d_: i32, p_: i32, nPad_: i32, similarity_: i32, kernelId_: i32, shape_: i32, invTemperature_: f64, single_: bool): void {
  n = n_; d = d_; p = p_; nPad = nPad_;
  similarity = similarity_; kernelId = kernelId_; shape = shape_; invTemperature = invTemperature_; single = single_;
}

export function place(keysT_: usize, valuesT_: usize, logW_: usize, linW_: usize, invKS_: usize, invWidth_: usize): void {
  keysT = keysT_; valuesT = valuesT_; logW = logW_; linW = linW_; invKS = invKS_; invWidth = invWidth_;
}

function isPolynomial(id: i32): bool {
  return id == BOXCAR || id == TRIANGULAR || id == EPANECHNIKOV || id == BIWEIGHT || id == TRIWEIGHT || id == TRICUBE;
}

/**
 * Chooses the path. The compact polynomial kernels run in the linear domain: α(u) and the weights
 * e^{logW − max logW} are multiplied directly, and the sums are taken relative to the largest product —
 * the same numbers as e^{la − M} without a log or an exp, and exact at the edge of the support in both
 * precisions (in float32, 1 − u² near u = 1 would keep no digits). That needs every product to stay a
 * normal float64: α ≥ 2^−159 inside the support, so log-weights may spread over 500 at most.
 */
export function prepare(): void {
  weightSpread = logWeightSpread();
  keysSorted = d == 1 && sortedKeys();
  const product = shape == SHAPE_PRODUCT && d > 1;
  if (similarity == SIM_DOT) mode = MODE_LOG;
  else if ((kernelId == GAUSSIAN || kernelId == EXPONENTIAL) && !product) mode = MODE_LOG;
  else if (product) mode = MODE_GENERIC_PRODUCT;
  else if (isPolynomial(kernelId) && linearWeights()) mode = MODE_LINEAR;
  else mode = MODE_GENERIC_RADIAL;
}

function sortedKeys(): bool {
  for (let j = 1; j < n; j++) {
    if (!(load<f64>(keysT + (<usize>(j - 1) << 3)) <= load<f64>(keysT + (<usize>j << 3)))) return false;
  }
  return true;
}

/** max − min of the log-weights, and their max into `weightShift`. */
function logWeightSpread(): f64 {
  weightShift = 0;
  if (logW == 0) return 0;
  let lo = Infinity, hi = -Infinity;
  for (let j = 0; j < n; j++) {
    const w = load<f64>(logW + (<usize>j << 3));
    lo = Math.min(lo, w);
    hi = Math.max(hi, w);
  }
  weightShift = hi;
  return hi - lo;
}

/** Fills `linW`; false when the log-weights spread too far for the linear path. */
function linearWeights(): bool {
  if (logW == 0) { weightShift = 0; return true; }
  if (!(weightSpread <= MAX_LINEAR_WEIGHT_SPREAD)) return false;
  const hi = weightShift;
  for (let j = 0; j < nPad; j++) {
    const w = j < n ? Math.exp(load<f64>(logW + (<usize>j << 3)) - hi) : 0;
    store<f64>(linW + (<usize>j << 3), w);
  }
  return true;
}
