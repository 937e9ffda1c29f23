import { unsignedKernel } from './types.js';

/** Triweight: α(u) = (1 − u²)³ for u ≤ 1. */
export const triweight = unsignedKernel({
  name: 'triweight', aliases: [], support: 1, differentiable: true,
  profile: (u) => (u <= 1 ? (1 - u * u) ** 3 : 0),
  logAbsSq: (u2) => (u2 < 1 ? 3 * Math.log1p(-u2) : -Infinity),
  derivative: (u) => (u <= 1 ? -6 * u * (1 - u * u) ** 2 : 0),
  derivativeRatio: (u) => (u < 1 ? 6 / (1 - u * u) : 0),
  radialMoment: (p) => 1 / (p + 1) - 3 / (p + 3) + 3 / (p + 5) - 1 / (p + 7),
});
