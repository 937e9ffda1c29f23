import { unsignedKernel } from './types.js';

/** Constant: α(u) = 1. Every query gets the (weighted) mean of all values; not a density kernel. */
export const constant = unsignedKernel({
  name: 'constant', aliases: [], support: Infinity, differentiable: false,
  profile: () => 1,
  logAbsSq: () => 0,
  derivative: () => 0,
  derivativeRatio: () => 0,
  radialMoment: () => Infinity,
});
