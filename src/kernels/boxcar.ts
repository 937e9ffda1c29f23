import { unsignedKernel } from './types.js';

/** Boxcar (uniform, tophat): α(u) = 1 for u ≤ 1, else 0. Attends to every key in reach equally. */
export const boxcar = unsignedKernel({
  name: 'boxcar', aliases: ['uniform', 'tophat'], support: 1, differentiable: false,
  profile: (u) => (u <= 1 ? 1 : 0),
  logAbsSq: (u2) => (u2 <= 1 ? 0 : -Infinity),
  derivative: () => 0,
  derivativeRatio: () => 0,
  radialMoment: (p) => 1 / (p + 1),
});
