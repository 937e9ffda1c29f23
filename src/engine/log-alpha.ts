/**
 * Fills one tile of log-similarities log|α(q, kⱼ)| (and signs, for signed kernels), specialised by
 * similarity kind and dimension so that the hot loop stays monomorphic.
 */
import type { KeySet, Similarity } from './types.js';

/** Writes la[j − j0] = log|α(q, k_j)| for keys j0 ≤ j < j1 and, when `sign` is given, their signs. */
export type TileLogAlpha = (q: Float64Array, qOff: number, j0: number, j1: number, la: Float64Array, sign: Float64Array | null) => void;

export function makeTileLogAlpha(keys: KeySet, sim: Similarity): TileLogAlpha {
  const { d, keys: K } = keys;
  if (sim.kind === 'dot') {
    const invT = 1 / sim.temperature;
    return (q, qOff, j0, j1, la) => {
      for (let j = j0; j < j1; j++) {
        let s = 0;
        const o = j * d;
        for (let c = 0; c < d; c++) s += q[qOff + c]! * K[o + c]!;
        la[j - j0] = s * invT;
      }
    };
  }
  const { kernel, invWidth } = sim;
  // per-key widths: every scaled difference is further multiplied by 1/λ_j
  // per-key widths, or null (no n-sized array of ones: this runs on every pool() call)
  const ks = keys.invKeyScale;
  const logAbsSq = kernel.logAbsSq;
  const signSq = kernel.signSq;
  if (sim.shape === 'product' && d > 1) {
    return (q, qOff, j0, j1, la, sign) => {
      for (let j = j0; j < j1; j++) {
        let s = 0;
        let sg = 1;
        const o = j * d;
        for (let c = 0; c < d; c++) {
          const t = (q[qOff + c]! - K[o + c]!) * invWidth[c]! * (ks ? ks[j]! : 1);
          s += logAbsSq(t * t);
          if (sign) sg *= signSq(t * t);
        }
        la[j - j0] = s;
        if (sign) sign[j - j0] = sg;
      }
    };
  }
  if (d === 1) {
    const ih = invWidth[0]!;
    return (q, qOff, j0, j1, la, sign) => {
      const x = q[qOff]!;
      for (let j = j0; j < j1; j++) {
        const t = (x - K[j]!) * ih * (ks ? ks[j]! : 1);
        la[j - j0] = logAbsSq(t * t);
        if (sign) sign[j - j0] = signSq(t * t);
      }
    };
  }
  return (q, qOff, j0, j1, la, sign) => {
    for (let j = j0; j < j1; j++) {
      let u2 = 0;
      const o = j * d;
      // the key's scale multiplies each coordinate, in the order every backend uses (backends/js.ts): keys
      // that local widths put exactly on a compact kernel's rim (knn) then fall on the same side everywhere
      const kj = ks ? ks[j]! : 1;
      for (let c = 0; c < d; c++) {
        const t = (q[qOff + c]! - K[o + c]!) * invWidth[c]! * kj;
        u2 += t * t;
      }
      la[j - j0] = logAbsSq(u2);
      if (sign) sign[j - j0] = signSq(u2);
    }
  };
}
