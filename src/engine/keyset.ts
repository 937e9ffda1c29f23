import { sortWithOrder } from './argsort.js';
import type { KeySet, Similarity } from './types.js';

/**
 * Builds the engine's key set from validated flat arrays (stored in the order given). `keyScale` holds the
 * local width factors λᵢ (key i's widths are h ⊙ λᵢ), or null.
 */
export function makeKeySet(keys: Float64Array, d: number, values: Float64Array | null, p: number, weights: Float64Array | null,
  keyScale: Float64Array | null = null): KeySet {
  const n = d > 0 ? keys.length / d : 0;
  let logWeights: Float64Array | null = null;
  let totalWeight = n;
  let maxLogWeight = 0;
  let maxKeyScale = 1;
  if (weights || keyScale) {
    logWeights = new Float64Array(n);
    totalWeight = 0;
    maxLogWeight = -Infinity;
    maxKeyScale = 0;
    for (let i = 0; i < n; i++) {
      const w = weights ? weights[i]! : 1;
      const lambda = keyScale ? keyScale[i]! : 1;
      logWeights[i] = Math.log(w) - d * Math.log(lambda);
      totalWeight += w;
      if (logWeights[i]! > maxLogWeight) maxLogWeight = logWeights[i]!;
      if (lambda > maxKeyScale) maxKeyScale = lambda;
    }
  }
  const invKeyScale = keyScale ? keyScale.map((l) => 1 / l) : null;
  return { n, d, keys, p: values ? p : 0, values, weights, logWeights, totalWeight, maxLogWeight, invKeyScale, maxKeyScale, order: null, rank: null };
}

/**
 * The same 1-D key set stored sorted by coordinate, so that the engine can walk outward from each query
 * and stop once every further key's term underflows to exactly 0 (or leaves a compact kernel's support).
 * Results are unchanged; attention and leave-one-out still speak of the caller's key order.
 */
export function sortKeySet1d(ks: KeySet): KeySet {
  if (ks.d !== 1 || ks.order) return ks;
  const { n, p } = ks;
  // stable: the order of `(a, b) => k[a] − k[b]`, in O(n) for spread data; the sort carries the keys along
  const { sorted, order } = sortWithOrder(ks.keys);
  const rank = new Int32Array(n);
  for (let j = 0; j < n; j++) rank[order[j]!] = j;
  // plain loops (no per-element closure): at n = 10⁷ the gathers dominate fitting
  const permute = (a: Float64Array, w: number) => {
    const out = new Float64Array(a.length);
    if (w === 1) for (let j = 0; j < n; j++) out[j] = a[order[j]!]!;
    else for (let j = 0; j < n; j++) { const s = order[j]! * w, o = j * w; for (let c = 0; c < w; c++) out[o + c] = a[s + c]!; }
    return out;
  };
  return {
    ...ks,
    keys: sorted,
    values: ks.values ? permute(ks.values, p) : null,
    weights: ks.weights ? permute(ks.weights, 1) : null,
    logWeights: ks.logWeights ? permute(ks.logWeights, 1) : null,
    invKeyScale: ks.invKeyScale ? permute(ks.invKeyScale, 1) : null,
    order,
    rank,
  };
}

/** The keys in the caller's order (for leave-one-out queries). */
export function keysInCallerOrder(ks: KeySet): Float64Array {
  if (!ks.rank) return ks.keys;
  const { d, n } = ks;
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let c = 0; c < d; c++) out[i * d + c] = ks.keys[ks.rank[i]! * d + c]!;
  return out;
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
