import { unsignedKernel } from './types.js';

/**
 * Triangular: α(u) = max(0, 1 − u). The d2l chapter calls this kernel "Epanechikov"; the Epanechnikov
 * kernel proper is 1 − u² (see `epanechnikov`). scikit-learn calls this one "linear".
 */
export const triangular = unsignedKernel({
  name: 'triangular', aliases: ['linear'], support: 1, differentiable: true,
  profile: (u) => Math.max(0, 1 - u),
  logAbsSq: (u2) => (u2 < 1 ? Math.log1p(-Math.sqrt(u2)) : -Infinity),
  derivative: (u) => (u < 1 ? -1 : 0),
  derivativeRatio: (u) => (u < 1 ? 1 / (u * (1 - u)) : 0),
  radialMoment: (p) => 1 / ((p + 1) * (p + 2)),
});
