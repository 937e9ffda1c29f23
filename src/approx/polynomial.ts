/**
 * The compact kernels that are polynomials in |u| on their support: their sums over a window of sorted
 * keys expand into power sums of the keys, Σ w (q − k)^j = Σ_r C(j, r) q^{j−r} Σ w (−k)^r, so a window
 * can slide over sorted keys at O(1) per key (the idea of FKSUM: Hofmeyr 2019, "Fast exact evaluation of
 * univariate kernel sums", IEEE TPAMI 43(2)).
 */
import { biweight } from '../kernels/biweight.js';
import { boxcar } from '../kernels/boxcar.js';
import { epanechnikov } from '../kernels/epanechnikov.js';
import { triangular } from '../kernels/triangular.js';
import { tricube } from '../kernels/tricube.js';
import { triweight } from '../kernels/triweight.js';
import type { Kernel } from '../kernels/types.js';

export interface PolynomialProfile {
  /** α(u) = Σ_j a_j |u|^j for |u| inside the support (radius 1). */
  readonly coefficients: Float64Array;
  /** Only even powers: one window serves both sides of the query. */
  readonly even: boolean;
  /** α(1) ≠ 0 (the boxcar): a key at u = 1 exactly is in reach. */
  readonly inclusive: boolean;
}

const TABLE = new Map<Kernel, PolynomialProfile>([
  [boxcar, { coefficients: Float64Array.of(1), even: true, inclusive: true }],
  [triangular, { coefficients: Float64Array.of(1, -1), even: false, inclusive: false }],
  [epanechnikov, { coefficients: Float64Array.of(1, 0, -1), even: true, inclusive: false }],
  [biweight, { coefficients: Float64Array.of(1, 0, -2, 0, 1), even: true, inclusive: false }],
  [triweight, { coefficients: Float64Array.of(1, 0, -3, 0, 3, 0, -1), even: true, inclusive: false }],
  [tricube, { coefficients: Float64Array.of(1, 0, 0, -3, 0, 0, 3, 0, 0, -1), even: false, inclusive: false }],
]);

/** The polynomial form of a built-in compact kernel, or null (cosine, custom kernels). */
export function polynomialProfile(kernel: Kernel): PolynomialProfile | null {
  return TABLE.get(kernel) ?? null;
}

/** Binomial coefficients C(j, r) for j, r ≤ degree, row-major (degree + 1)². */
export function binomials(degree: number): Float64Array {
  const D = degree + 1;
  const c = new Float64Array(D * D);
  for (let j = 0; j < D; j++) {
    c[j * D] = 1;
    for (let r = 1; r <= j; r++) c[j * D + r] = c[(j - 1) * D + r - 1]! + (r <= j - 1 ? c[(j - 1) * D + r]! : 0);
  }
  return c;
}
