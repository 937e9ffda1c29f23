import type { KeySet, Similarity } from './types.js';

/** Builds the engine's key set from validated flat arrays. */
export function makeKeySet(keys: Float64Array, d: number, values: Float64Array | null, p: number, weights: Float64Array | null): KeySet {
  const n = d > 0 ? keys.length / d : 0;
  let logWeights: Float64Array | null = null;
  let totalWeight = n;
  if (weights) {
    logWeights = new Float64Array(n);
    totalWeight = 0;
    for (let i = 0; i < n; i++) {
      logWeights[i] = Math.log(weights[i]!);
      totalWeight += weights[i]!;
    }
  }
  return { n, d, keys, p: values ? p : 0, values, weights, logWeights, totalWeight };
}

/** A copy of row-major points scaled to unit length (zero rows stay zero), for unit-sphere attention. */
export function toUnitSphere(points: Float64Array, d: number): Float64Array {
  const out = new Float64Array(points.length);
  for (let o = 0; o < points.length; o += d) {
    let s = 0;
    for (let c = 0; c < d; c++) s += points[o + c]! ** 2;
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let c = 0; c < d; c++) out[o + c] = points[o + c]! * inv;
  }
  return out;
}

/** Queries as the engine needs them for this similarity (unit-normalised for normalised dot products). */
export function prepareQueries(queries: Float64Array, d: number, sim: Similarity): Float64Array {
  return sim.kind === 'dot' && sim.normalize ? toUnitSphere(queries, d) : queries;
}
