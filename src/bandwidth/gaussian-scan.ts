/**
 * Leave-one-out objectives of a 1-D Gaussian smoother for a whole scan of widths in one pass over the
 * pairs. With widths h_g = h₀ · 2^(−g/2) the exponents double from one width to the next, so
 * exp(−δ / (2h_{g+1}²)) = exp(−δ / (2h_g²))²: one exp per pair and a squaring per width, instead of one
 * exp per pair and width. δ = (xᵢ − xⱼ)² − (distance to xᵢ's nearest other point)² keeps the largest term
 * at 1, so nothing overflows, and once a term underflows (< 1e−300 of the largest) every narrower width's
 * term would too, and the loop stops. A squaring doubles the relative rounding error, so every
 * `REANCHOR` widths the term is recomputed by exp: the error stays below 2^REANCHOR ulp (≈ 3e−14). Used for the scan of `cv-ls` (regression, classification) and `cv-ml`.
 */
import type { SelectionProblem } from './problem.js';
import { densityConstant } from '../kernels/normalization.js';

const REANCHOR = 8;

/** True when the fast scan applies: one coordinate, the Gaussian kernel, no local widths. */
export function canScanGaussian(problem: SelectionProblem): boolean {
  return problem.d === 1 && problem.kernel.name === 'gaussian' && problem.keys.invKeyScale === null;
}

/**
 * Objectives at widths[g] = widths[0] · 2^(−g/2) (decreasing): LOO MSE (regression), LOO cross-entropy
 * (classification) or −mean LOO log-likelihood (density), as `looLoss` / `negLooLogLikelihood` compute them.
 */
export function gaussianLooScan(problem: SelectionProblem, widths: Float64Array): Float64Array {
  const G = widths.length;
  const { n, p, task } = problem;
  const ks = problem.keys;
  const K = ks.keys;
  const W = ks.weights;
  const V = ks.values;
  const rank = ks.rank!;
  const c0 = 1 / (2 * widths[0]! * widths[0]!);
  const S = new Float64Array(G);
  const T = new Float64Array(G * p);
  const loss = new Float64Array(G);
  let total = 0;
  const undefinedLoss = new Uint8Array(G);
  const logNorm = Math.log(densityConstant(problem.kernel, 1));
  for (let i = 0; i < n; i++) {
    const wi = problem.weights ? problem.weights[i]! : 1;
    if (wi === 0) continue;
    const si = rank[i]!;
    const xi = K[si]!;
    const dmin2 = nearestOther(K, ks.weights, si) ** 2;
    S.fill(0);
    T.fill(0);
    for (let j = 0; j < n; j++) {
      if (j === si) continue;
      const wj = W ? W[j]! : 1;
      if (wj === 0) continue;
      const dx = xi - K[j]!;
      const delta = dx * dx - dmin2;
      let e = Math.exp(-c0 * delta);
      if (p === 1) {
        // the common case, kept tight: one value per key
        const y = V ? V[j]! : 0;
        for (let g = 0; g < G && e >= 1e-300; g++) {
          const a = wj * e;
          S[g]! += a;
          T[g]! += a * y;
          e = (g + 1) % REANCHOR === 0 ? Math.exp(-c0 * 2 ** (g + 1) * delta) : e * e;
        }
      } else {
        const vo = j * p;
        for (let g = 0; g < G && e >= 1e-300; g++) {
          const a = wj * e;
          S[g]! += a;
          for (let k = 0; k < p; k++) T[g * p + k]! += a * V![vo + k]!;
          e = (g + 1) % REANCHOR === 0 ? Math.exp(-c0 * 2 ** (g + 1) * delta) : e * e;
        }
      }
    }
    total += wi;
    for (let g = 0; g < G; g++) {
      let l = 0;
      if (task === 'density') {
        const c = c0 * 2 ** g;
        // log f̂₋ᵢ(xᵢ) = log S − c·d²_min − log(W − wᵢ) − log(C₁ h)
        l = -(Math.log(S[g]!) - c * dmin2 - Math.log(ks.totalWeight - wi) - logNorm - Math.log(widths[g]!));
      } else {
        for (let k = 0; k < p; k++) {
          const est = T[g * p + k]! / S[g]!;
          const target = problem.targets![i * p + k]!;
          l += task === 'classification' ? (target === 0 ? 0 : -target * Math.log(est)) : (target - est) ** 2;
        }
      }
      if (Number.isNaN(l) || S[g] === 0) undefinedLoss[g] = 1;
      loss[g]! += wi * l;
    }
  }
  return loss.map((l, g) => (undefinedLoss[g] || Number.isNaN(l) ? Infinity : l / total));
}

/** Distance from stored key s to its nearest other key with a positive weight (keys sorted). */
function nearestOther(K: Float64Array, w: Float64Array | null, s: number): number {
  let best = Infinity;
  for (let j = s - 1; j >= 0; j--) if (!w || w[j]! > 0) { best = K[s]! - K[j]!; break; }
  for (let j = s + 1; j < K.length; j++) if (!w || w[j]! > 0) { best = Math.min(best, K[j]! - K[s]!); break; }
  return best;
}
