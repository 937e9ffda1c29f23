import { dirichletEta, gammaHalfInteger } from '../math/special.js';
import { unsignedKernel } from './types.js';

/** Logistic: α(u) = 1 / (eᵘ + 2 + e⁻ᵘ). */
export const logistic = unsignedKernel({
  name: 'logistic', aliases: [], support: Infinity, differentiable: true,
  profile: (u) => 1 / (Math.exp(u) + 2 + Math.exp(-u)),
  logAbsSq: (u2) => {
    const u = Math.sqrt(u2);
    return -u - 2 * Math.log1p(Math.exp(-u));
  },
  derivative: (u) => {
    const s = Math.exp(u) + 2 + Math.exp(-u);
    return -(Math.exp(u) - Math.exp(-u)) / (s * s);
  },
  // α'/α = −tanh(u/2)
  derivativeRatio: (u) => (u === 0 ? 0.5 : Math.tanh(u / 2) / u),
  // α(r) = Σ_{k≥1} (−1)^{k+1} k e^{−kr}, so ∫ rᵖ α = Γ(p+1) η(p)
  radialMoment: (p) => gammaHalfInteger(p + 1) * dirichletEta(p),
});
