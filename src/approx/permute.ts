/**
 * A key set stored in another order (cell by cell, leaf by leaf), so that the keys a query visits together
 * are one contiguous range the engine sums as a tile. `order`/`rank` keep speaking of the caller's order,
 * so leave-one-out and attention are unaffected.
 */
import type { KeySet } from '../engine/types.js';

/**
 * The keys stored in the given order (order[j]: the current position of the key stored at j).
 * `permutedKeys`, when given, are the coordinates already in that order.
 */
export function permuteKeySet(ks: KeySet, order: Int32Array, permutedKeys?: Float64Array): KeySet {
  const { n, d, p } = ks;
  const permute = (a: Float64Array, w: number): Float64Array => {
    const out = new Float64Array(a.length);
    if (w === 1) for (let j = 0; j < n; j++) out[j] = a[order[j]!]!;
    else for (let j = 0; j < n; j++) for (let c = 0; c < w; c++) out[j * w + c] = a[order[j]! * w + c]!;
    return out;
  };
  const callerOrder = ks.order ? Int32Array.from(order, (o) => ks.order![o]!) : order;
  const rank = new Int32Array(n);
  for (let j = 0; j < n; j++) rank[callerOrder[j]!] = j;
  return {
    ...ks,
    keys: permutedKeys ?? permute(ks.keys, d),
    values: ks.values ? permute(ks.values, p) : null,
    weights: ks.weights ? permute(ks.weights, 1) : null,
    logWeights: ks.logWeights ? permute(ks.logWeights, 1) : null,
    invKeyScale: ks.invKeyScale ? permute(ks.invKeyScale, 1) : null,
    order: callerOrder,
    rank,
  };
}
