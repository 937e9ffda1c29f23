/**
 * The slow, obvious reference: the chapter's formula f(q) = Σ vᵢ α(q, kᵢ) / Σ α(q, kⱼ) evaluated term by
 * term with the kernel's plain profile, no logs, no tiles. It stays here as the oracle for every fast
 * path (the tests compare the engine, and every later backend, against it).
 */
import type { KeySet, Similarity } from './types.js';

/** α(q, k) by the definition. */
export function referenceSimilarity(sim: Similarity, q: ArrayLike<number>, k: ArrayLike<number>): number {
  const d = q.length;
  if (sim.kind === 'dot') {
    let qq = 0, kk = 0, qk = 0;
    for (let c = 0; c < d; c++) { qq += q[c]! ** 2; kk += k[c]! ** 2; qk += q[c]! * k[c]!; }
    const scale = sim.normalize ? (qq > 0 && kk > 0 ? Math.sqrt(qq * kk) : 1) : 1;
    return Math.exp(qk / scale / sim.temperature);
  }
  if (sim.shape === 'product') {
    let a = 1;
    for (let c = 0; c < d; c++) a *= sim.kernel.profile(Math.abs(q[c]! - k[c]!) * sim.invWidth[c]!);
    return a;
  }
  let u2 = 0;
  for (let c = 0; c < d; c++) u2 += ((q[c]! - k[c]!) * sim.invWidth[c]!) ** 2;
  return sim.kernel.profile(Math.sqrt(u2));
}

/** Reference Nadaraya–Watson estimates (m × p) and denominators; `leaveOneOut` skips key i for query i. */
export function referencePool(keys: KeySet, sim: Similarity, queries: Float64Array, m: number, leaveOneOut = false):
  { estimates: Float64Array; denominators: Float64Array; weights: Float64Array } {
  const { n, d, p, values, weights: w } = keys;
  const estimates = new Float64Array(m * p);
  const denominators = new Float64Array(m);
  const weights = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    const q = queries.subarray(i * d, i * d + d);
    let den = 0;
    for (let j = 0; j < n; j++) {
      if (leaveOneOut && i === j) continue;
      const lambda = keys.invKeyScale ? 1 / keys.invKeyScale[j]! : 1;
      const simJ: Similarity = sim.kind === 'kernel' && lambda !== 1 ? { ...sim, invWidth: sim.invWidth.map((v) => v / lambda) } : sim;
      const a = referenceSimilarity(simJ, q, keys.keys.subarray(j * d, j * d + d)) * (w ? w[j]! : 1) / lambda ** d;
      weights[i * n + j] = a;
      den += a;
      for (let c = 0; c < p; c++) estimates[i * p + c]! += a * values![j * p + c]!;
    }
    denominators[i] = den;
    for (let c = 0; c < p; c++) estimates[i * p + c] = den === 0 ? NaN : estimates[i * p + c]! / den;
    for (let j = 0; j < n; j++) weights[i * n + j] = den === 0 ? NaN : weights[i * n + j]! / den;
  }
  return { estimates, denominators, weights };
}
