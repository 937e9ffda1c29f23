/**
 * Numbers shared with the TypeScript side. Kernel ids follow `KERNEL_IDS` and the similarity and shape
 * codes follow `SIM_*` / `SHAPE_*` in src/backends/types.ts: keep them in sync.
 */

export const GAUSSIAN = 0;
export const BOXCAR = 1;
export const CONSTANT = 2;
export const TRIANGULAR = 3;
export const EPANECHNIKOV = 4;
export const BIWEIGHT = 5;
export const TRIWEIGHT = 6;
export const TRICUBE = 7;
export const COSINE = 8;
export const LOGISTIC = 9;
export const SIGMOID = 10;
export const EXPONENTIAL = 11;
export const SILVERMAN = 12;
export const KERNEL_COUNT = 13;

export const SIM_KERNEL = 0;
export const SIM_DOT = 1;
export const SHAPE_RADIAL = 0;
export const SHAPE_PRODUCT = 1;

/**
 * Keys per tile of the online reduction: each tile is reduced to its own maximum and merged into the
 * running sums, so scratch memory is O(TILE) whatever n is. 512 keys keep every tile buffer in L1 and
 * the per-tile work (the merge, horizontal sums, calls) small beside the tile's own.
 */
export const TILE = 512;

/**
 * Terms whose log lies more than this below the running maximum are set to exactly 0, and exp's
 * argument is clamped there: exp then never meets the subnormal range, where CPUs stall and where the
 * 2^k of the range reduction no longer fits the exponent. In float64 that is e^{−708}, just above the
 * smallest normal number: every term the job oracle keeps in full precision is kept, so even a quantity
 * made of tiny terms only (the probability of a class whose keys are all far, read through a log) keeps
 * its digits. In float32 it is e^{−80} ≈ 1.8e−35 of the largest term, below single precision's
 * resolution of any sum and above its normal range (e^{−87}).
 */
export const FLUSH_LOG64: f64 = -708;
export const FLUSH_LOG32: f32 = -80;

/**
 * Above this spread of log-weights the linear-domain path (which multiplies α by e^{logWeight − max})
 * would meet subnormal products; such jobs take the log-domain path instead.
 */
export const MAX_LINEAR_WEIGHT_SPREAD: f64 = 500;
