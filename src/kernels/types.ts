/**
 * A kernel is a radial profile α(u) of the scaled distance u = ‖(q − k) ⊘ h‖ (Nadaraya 1964, Watson 1964).
 * The engine works with u² (no square root for the Gaussian family) and in the log domain, so a narrow
 * width never turns into 0/0.
 */

/** Names of the built-in kernels. */
export type KernelName =
  | 'gaussian' | 'boxcar' | 'constant' | 'triangular' | 'epanechnikov' | 'biweight' | 'triweight'
  | 'tricube' | 'cosine' | 'logistic' | 'sigmoid' | 'exponential' | 'silverman';

export interface Kernel {
  readonly name: KernelName;
  /** Other names accepted for this kernel (e.g. `uniform`, `tophat` for the boxcar). */
  readonly aliases: readonly string[];
  /** Support radius in u units: α(u) = 0 for u > support (Infinity for unbounded kernels). */
  readonly support: number;
  /** True when α can be negative (the Silverman kernel): weights may then be negative too. */
  readonly signed: boolean;
  /** True when the derivative exists almost everywhere and is informative (for width learning). */
  readonly differentiable: boolean;
  /** α(u) for u ≥ 0. */
  profile(u: number): number;
  /** log |α(u)| as a function of u² (−Infinity outside the support). */
  logAbsSq(u2: number): number;
  /**
   * A non-increasing upper bound of log |α(u)| as a function of u² (log |α| itself for every kernel but
   * the Silverman one). It lets the engine stop walking away from a query over sorted keys once every
   * further term underflows to 0.
   */
  logEnvelopeSq(u2: number): number;
  /** sign of α(u) as a function of u² (only consulted for signed kernels). */
  signSq(u2: number): number;
  /** dα/du for u ≥ 0. */
  derivative(u: number): number;
  /**
   * r(u) = −α'(u) / (u α(u)) inside the support (0 outside): the factor by which a weight grows with its
   * log-width, ∂α/∂log h_c = α · r(u) · (Δ_c/h_c)², written so that it stays finite where α underflows.
   */
  derivativeRatio(u: number): number;
  /** ∫₀^∞ α(r) rᵖ dr for integer p ≥ 0: the radial moments that give the normalising constants and the SD. */
  radialMoment(p: number): number;
}

/** A kernel without a sign: `signSq` is 1. */
export function unsignedKernel(k: Omit<Kernel, 'signed' | 'signSq' | 'logEnvelopeSq'>): Kernel {
  return { ...k, signed: false, signSq: () => 1, logEnvelopeSq: k.logAbsSq };
}
