/**
 * What the tolerance τ of a fast path is measured against.
 *
 * - `relative` (the default): each query's own sums, |Ŝ − S| ≤ τ·Σ|wα|. Every query is as good as every
 *   other, but a query far in the tails, where the sum is tiny, needs as many correct digits as one at the
 *   peak: no grid can give them there (the FFT's rounding alone is larger), so such queries cost truncation.
 * - `total`: the total the sum could reach, A = ᾱ·Σⱼ wⱼλⱼ^(−d) (what it would be with every key at the
 *   query), |Ŝ − S| ≤ τ·A and |T̂_c − T_c| ≤ τ·A·max|v_c|. The error is the same everywhere, in the units of
 *   the estimate (for a density: τ times the density all the mass would give at one point), which is what a
 *   plot needs; tails then cost no more than the peak.
 *
 * ᾱ is the kernel's envelope at 0, an upper bound on |α| (α(0) for every built-in kernel but the Silverman
 * one, whose envelope gives 1 where α(0) = 1/√2), raised to the d-th power for product kernels.
 */
import type { KeySet, Similarity } from '../engine/types.js';

export type ErrorScale = 'relative' | 'total';
export const ERROR_SCALES: readonly ErrorScale[] = ['relative', 'total'];

/** log ᾱ: the log of the largest |α| any key can give (kernels peak at u = 0). */
export function logPeakAlpha(sim: Similarity & { readonly kind: 'kernel' }, d: number): number {
  const one = sim.kernel.logEnvelopeSq(0);
  return sim.shape === 'product' && d > 1 ? d * one : one;
}

/** log A = log(ᾱ·Σ wλ^(−d)), summed in the log domain (weights and local widths can span many decades). */
export function logTotal(keys: KeySet, sim: Similarity & { readonly kind: 'kernel' }): number {
  const { n, logWeights: LW, maxLogWeight } = keys;
  let mass: number;
  if (!LW) mass = Math.log(n);
  else {
    let s = 0;
    for (let j = 0; j < n; j++) s += Math.exp(LW[j]! - maxLogWeight);
    mass = maxLogWeight + Math.log(s);
  }
  return mass + logPeakAlpha(sim, keys.d);
}

/** log A for the request's keys, computed once per fitted key set and widths. */
export function cachedLogTotal(req: { keys: KeySet; sim: Similarity & { readonly kind: 'kernel' }; cache: Map<string, unknown> }): number {
  let v = req.cache.get('log-total') as number | undefined;
  if (v === undefined) { v = logTotal(req.keys, req.sim); req.cache.set('log-total', v); }
  return v;
}
