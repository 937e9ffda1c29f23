import { gammaHalfInteger } from '../math/special.js';
import { unsignedKernel } from './types.js';

/** Exponential (Laplace): α(u) = e⁻ᵘ. */
export const exponential = unsignedKernel({
  name: 'exponential', aliases: ['laplace'], support: Infinity, differentiable: true,
  profile: (u) => Math.exp(-u),
  logAbsSq: (u2) => -Math.sqrt(u2),
  derivative: (u) => -Math.exp(-u),
  derivativeRatio: (u) => 1 / u,
  radialMoment: (p) => gammaHalfInteger(p + 1),
});
