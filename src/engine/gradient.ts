/**
 * Derivatives of Nadaraya–Watson estimates with respect to the log-widths θ_c = log h_c, for learning
 * widths by gradient descent (the chapter's exercise 2). With a_j = w_j α(u_j),
 *   ∂a_j/∂θ_c = a_j · r(u_j) · (Δ_jc / h_c)²   (radial; r = −α'/(u α), see Kernel.derivativeRatio)
 *   ∂a_j/∂θ_c = a_j · r(u_jc) · u_jc²          (product, per coordinate)
 * and ∂ŷ/∂θ_c = Σ_j ∂a_j/∂θ_c (v_j − ŷ) / Σ_j a_j. A second pass over the keys per query, scaled by the
 * pooled maximum so that nothing overflows.
 */
import type { KeySet, PoolSums, Similarity } from './types.js';

/**
 * G[(i·d + c)·p + k] = ∂ŷ_ik/∂θ_c for each query i, coordinate c and value column k.
 * `estimates` are the pooled ŷ (m × p); `exclude[i]` is the stored index of a key left out of query i
 * (as in `pool`), or null.
 */
export function estimateGradient(keys: KeySet, sim: Extract<Similarity, { kind: 'kernel' }>, queries: Float64Array, m: number,
  sums: PoolSums, estimates: Float64Array, exclude: Int32Array | null = null): Float64Array {
  const { n, d, p, values, logWeights, keys: K } = keys;
  const { kernel, invWidth, shape } = sim;
  const ks = keys.invKeyScale;
  const G = new Float64Array(m * d * p);
  const t = new Float64Array(d);
  const factor = new Float64Array(d);
  for (let i = 0; i < m; i++) {
    const S = sums.sum[i]!;
    if (S === 0) { G.fill(NaN, i * d * p, (i + 1) * d * p); continue; }
    const M = sums.logScale[i]!;
    const skip = exclude ? exclude[i]! : -1;
    for (let j = 0; j < n; j++) {
      if (j === skip) continue;
      let u2 = 0;
      let la = logWeights ? logWeights[j]! : 0;
      let sign = 1;
      for (let c = 0; c < d; c++) {
        t[c] = (queries[i * d + c]! - K[j * d + c]!) * invWidth[c]! * (ks ? ks[j]! : 1);
        u2 += t[c]! * t[c]!;
      }
      if (shape === 'product' && d > 1) {
        for (let c = 0; c < d; c++) {
          const tc = t[c]! * t[c]!;
          la += kernel.logAbsSq(tc);
          if (kernel.signed) sign *= kernel.signSq(tc);
          factor[c] = tc === 0 ? 0 : kernel.derivativeRatio(Math.sqrt(tc)) * tc;
        }
      } else {
        la += kernel.logAbsSq(u2);
        if (kernel.signed) sign = kernel.signSq(u2);
        const r = u2 === 0 ? 0 : kernel.derivativeRatio(Math.sqrt(u2));
        for (let c = 0; c < d; c++) factor[c] = r * t[c]! * t[c]!;
      }
      if (la === -Infinity) continue;
      const a = sign * Math.exp(la - M);
      for (let c = 0; c < d; c++) {
        const g = (a * factor[c]!) / S;
        if (g === 0) continue;
        const o = (i * d + c) * p;
        for (let k = 0; k < p; k++) G[o + k]! += g * (values![j * p + k]! - estimates[i * p + k]!);
      }
    }
  }
  return G;
}
