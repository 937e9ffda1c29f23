import { dirichletBeta, gammaHalfInteger } from '../math/special.js';
import { unsignedKernel } from './types.js';

/** Sigmoid: α(u) = 1 / (eᵘ + e⁻ᵘ) = sech(u)/2. */
export const sigmoid = unsignedKernel({
  name: 'sigmoid', aliases: [], support: Infinity, differentiable: true,
  profile: (u) => 1 / (Math.exp(u) + Math.exp(-u)),
  logAbsSq: (u2) => {
    const u = Math.sqrt(u2);
    return -u - Math.log1p(Math.exp(-2 * u));
  },
  derivative: (u) => {
    const s = Math.exp(u) + Math.exp(-u);
    return -(Math.exp(u) - Math.exp(-u)) / (s * s);
  },
  // α'/α = −tanh(u)
  derivativeRatio: (u) => (u === 0 ? 1 : Math.tanh(u) / u),
  // α(r) = Σ_{k≥0} (−1)^k e^{−(2k+1)r}, so ∫ rᵖ α = Γ(p+1) β(p+1)
  radialMoment: (p) => gammaHalfInteger(p + 1) * dirichletBeta(p + 1),
});
