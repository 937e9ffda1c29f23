/**
 * Normalising constants and standard deviations from the radial moments M(p) = ∫₀^∞ α(r) rᵖ dr.
 * A radial kernel integrates over R^d to C = S_{d−1} · M(d−1), with S_{d−1} the area of the unit sphere;
 * a product kernel to (2 M(0))^d. So a Parzen density (1/(n ∏h C)) Σ α integrates to 1 in any d
 * (the convention of scikit-learn's KernelDensity for radial kernels).
 */
import { NadarayaError } from '../errors.js';
import { unitSphereArea } from '../math/special.js';
import type { Kernel } from './types.js';

/** How coordinates combine: one radial profile of the scaled distance, or a product of 1-D profiles. */
export type KernelShape = 'radial' | 'product';

/** ∫_{R^d} α(‖u‖) du (radial) or ∫ ∏ α(|u_j|) du (product). Infinity or 0 when not normalisable. */
export function normalisingConstant(kernel: Kernel, d: number, shape: KernelShape = 'radial'): number {
  if (shape === 'product') return (2 * kernel.radialMoment(0)) ** d;
  return d === 1 ? 2 * kernel.radialMoment(0) : unitSphereArea(d) * kernel.radialMoment(d - 1);
}

/** Like `normalisingConstant`, but throws E_PARAM when the kernel cannot be a density in d dimensions. */
export function densityConstant(kernel: Kernel, d: number, shape: KernelShape = 'radial'): number {
  const c = normalisingConstant(kernel, d, shape);
  if (!(c > 0) || !Number.isFinite(c)) {
    throw new NadarayaError('E_PARAM', { argument: 'kernel', value: kernel.name },
      `cannot be normalised to a density in ${d} dimension${d === 1 ? '' : 's'} (its integral is ${c})`);
  }
  return c;
}

/**
 * Standard deviation of the 1-D kernel density α(|u|)/C in u units: √(M(2)/M(0)).
 * Gaussian 1, boxcar 1/√3, epanechnikov 1/√5, triangular 1/√6; Infinity for the constant kernel and 0 for
 * the (fourth-order) Silverman kernel.
 */
export function kernelStandardDeviation(kernel: Kernel): number {
  const m0 = kernel.radialMoment(0);
  if (!Number.isFinite(m0)) return Infinity;
  return Math.sqrt(Math.max(0, kernel.radialMoment(2) / m0));
}
