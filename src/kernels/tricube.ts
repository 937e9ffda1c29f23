import { unsignedKernel } from './types.js';

/** Tricube (Cleveland's loess weights): α(u) = (1 − u³)³ for u ≤ 1. */
export const tricube = unsignedKernel({
  name: 'tricube', aliases: [], support: 1, differentiable: true,
  profile: (u) => (u <= 1 ? (1 - u * u * u) ** 3 : 0),
  logAbsSq: (u2) => (u2 < 1 ? 3 * Math.log1p(-(u2 * Math.sqrt(u2))) : -Infinity),
  derivative: (u) => (u <= 1 ? -9 * u * u * (1 - u * u * u) ** 2 : 0),
  derivativeRatio: (u) => (u < 1 ? (9 * u) / (1 - u * u * u) : 0),
  radialMoment: (p) => 1 / (p + 1) - 3 / (p + 4) + 3 / (p + 7) - 1 / (p + 10),
});
