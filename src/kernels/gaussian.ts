import { gammaHalfInteger } from '../math/special.js';
import { unsignedKernel } from './types.js';

/** Gaussian: α(u) = exp(−u²/2). Its width is the standard deviation. */
export const gaussian = unsignedKernel({
  name: 'gaussian', aliases: ['normal'], support: Infinity, differentiable: true,
  profile: (u) => Math.exp(-0.5 * u * u),
  logAbsSq: (u2) => -0.5 * u2,
  derivative: (u) => -u * Math.exp(-0.5 * u * u),
  derivativeRatio: () => 1,
  // ∫ e^{−r²/2} rᵖ dr = 2^{(p−1)/2} Γ((p+1)/2)
  radialMoment: (p) => 2 ** ((p - 1) / 2) * gammaHalfInteger((p + 1) / 2),
});
