import { unsignedKernel } from './types.js';

/** Epanechnikov (1969): α(u) = max(0, 1 − u²), the MSE-optimal second-order kernel. */
export const epanechnikov = unsignedKernel({
  name: 'epanechnikov', aliases: ['parabolic'], support: 1, differentiable: true,
  profile: (u) => Math.max(0, 1 - u * u),
  logAbsSq: (u2) => (u2 < 1 ? Math.log1p(-u2) : -Infinity),
  derivative: (u) => (u < 1 ? -2 * u : 0),
  derivativeRatio: (u) => (u < 1 ? 2 / (1 - u * u) : 0),
  radialMoment: (p) => 2 / ((p + 1) * (p + 3)),
});
