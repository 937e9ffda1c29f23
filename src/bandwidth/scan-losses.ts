/**
 * The per-width leave-one-out losses of the Gaussian scan, added query by query from its anchored sums
 * S_g = Σⱼ wⱼ e^{−c_g δ} and T_{g,k} = Σⱼ wⱼ e^{−c_g δ} y_{jk} (δ = (xᵢ − xⱼ)² − d²_min, c_g = c₀ 2^g): one
 * place for the three tasks' losses, shared by the JS scan and the compiled one so that they can only
 * differ in the sums.
 */
import type { SelectionProblem } from './problem.js';
import type { KeySet } from '../engine/types.js';
import { densityConstant } from '../kernels/normalization.js';

/** Per stored key, the squared distance to its nearest other key of positive weight (∞: none). */
export function scanAnchors(ks: KeySet): Float64Array {
  return Float64Array.from({ length: ks.n }, (_, s) => nearestOther(ks.keys, ks.weights, s) ** 2);
}

/** Distance from stored key s to its nearest other key with a positive weight (keys sorted). */
function nearestOther(K: Float64Array, w: Float64Array | null, s: number): number {
  let best = Infinity;
  for (let j = s - 1; j >= 0; j--) if (!w || w[j]! > 0) { best = K[s]! - K[j]!; break; }
  for (let j = s + 1; j < K.length; j++) if (!w || w[j]! > 0) { best = Math.min(best, K[j]! - K[s]!); break; }
  return best;
}

/**
 * LOO MSE (regression), LOO cross-entropy (classification) or −mean LOO log-likelihood (density) at every
 * width of the scan, as `looLoss` / `negLooLogLikelihood` compute them.
 */
export class ScanLosses {
  private readonly loss: Float64Array;
  private readonly undefinedLoss: Uint8Array;
  private total = 0;
  private readonly c0: number;
  private readonly logNorm: number;

  constructor(private readonly problem: SelectionProblem, private readonly widths: ArrayLike<number>) {
    this.loss = new Float64Array(widths.length);
    this.undefinedLoss = new Uint8Array(widths.length);
    this.c0 = 1 / (2 * widths[0]! * widths[0]!);
    this.logNorm = Math.log(densityConstant(problem.kernel, 1));
  }

  /**
   * Adds the caller's point i, whose squared nearest-key distance is dmin2, from its sums: S_g at
   * sum[so + g], T_{g,k} at weighted[wo + g·p + k]. A point of weight 0 adds nothing.
   */
  add(i: number, dmin2: number, sum: Float64Array, so: number, weighted: Float64Array | null, wo: number): void {
    const problem = this.problem;
    const { p, task } = problem;
    const wi = problem.weights ? problem.weights[i]! : 1;
    if (wi === 0) return;
    this.total += wi;
    for (let g = 0; g < this.widths.length; g++) {
      const S = sum[so + g]!;
      let l = 0;
      if (task === 'density') {
        const c = this.c0 * 2 ** g;
        // log f̂₋ᵢ(xᵢ) = log S − c·d²_min − log(W − wᵢ) − log(C₁ h)
        l = -(Math.log(S) - c * dmin2 - Math.log(problem.keys.totalWeight - wi) - this.logNorm - Math.log(this.widths[g]!));
      } else {
        for (let k = 0; k < p; k++) {
          const est = weighted![wo + g * p + k]! / S;
          const target = problem.targets![i * p + k]!;
          l += task === 'classification' ? (target === 0 ? 0 : -target * Math.log(est)) : (target - est) ** 2;
        }
      }
      if (Number.isNaN(l) || S === 0) this.undefinedLoss[g] = 1;
      this.loss[g]! += wi * l;
    }
  }

  /** The objectives: the weighted mean loss per width, +Infinity where some point had no estimate. */
  result(): Float64Array {
    return this.loss.map((l, g) => (this.undefinedLoss[g] || Number.isNaN(l) ? Infinity : l / this.total));
  }
}
