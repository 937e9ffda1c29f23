import { unsignedKernel } from './types.js';

/** Biweight (quartic): α(u) = (1 − u²)² for u ≤ 1. */
export const biweight = unsignedKernel({
  name: 'biweight', aliases: ['quartic'], support: 1, differentiable: true,
  profile: (u) => (u <= 1 ? (1 - u * u) ** 2 : 0),
  logAbsSq: (u2) => (u2 < 1 ? 2 * Math.log1p(-u2) : -Infinity),
  derivative: (u) => (u <= 1 ? -4 * u * (1 - u * u) : 0),
  derivativeRatio: (u) => (u < 1 ? 4 / (1 - u * u) : 0),
  radialMoment: (p) => 1 / (p + 1) - 2 / (p + 3) + 1 / (p + 5),
});
