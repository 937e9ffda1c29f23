/**
 * The one weights engine. For each query, one pass over the keys in tiles; each tile is reduced to the
 * triple (M_t, S_t, T_t) with its own maximum and merged into the running triple exactly:
 * M = max(M, M_t), S ← S e^{M_old − M} + S_t e^{M_t − M} (the online softmax of KeOps and FlashAttention,
 * Milakov & Gimelshein 2018). The n × m matrix never exists, and exp never sees a positive argument, so
 * narrow widths give finite estimates wherever some key has a nonzero similarity.
 */
import { makeTileLogAlpha } from './log-alpha.js';
import type { KeySet, PoolOptions, PoolSums, Similarity } from './types.js';

export const DEFAULT_TILE = 256;

export function pool(keys: KeySet, sim: Similarity, queries: Float64Array, m: number, options: PoolOptions = {}): PoolSums {
  const { n, d, p, values, logWeights } = keys;
  const tile = Math.max(1, Math.min(options.tileSize ?? DEFAULT_TILE, n));
  const loo = options.leaveOneOut === true;
  const signed = sim.kind === 'kernel' && sim.kernel.signed;
  const fill = makeTileLogAlpha(keys, sim);
  const la = new Float64Array(tile);
  const sign = signed ? new Float64Array(tile) : null;
  const tv = new Float64Array(p);
  const out: PoolSums = {
    m, p,
    logScale: new Float64Array(m), sum: new Float64Array(m), sumSq: new Float64Array(m),
    maxTerm: new Float64Array(m), weighted: new Float64Array(m * p),
  };
  const W = out.weighted;
  for (let i = 0; i < m; i++) {
    let M = -Infinity;
    let S = 0;
    let S2 = 0;
    let top = 0;
    const wo = i * p;
    for (let j0 = 0; j0 < n; j0 += tile) {
      const j1 = Math.min(n, j0 + tile);
      const len = j1 - j0;
      fill(queries, i * d, j0, j1, la, sign);
      if (logWeights) for (let t = 0; t < len; t++) la[t]! += logWeights[j0 + t]!;
      if (loo && i >= j0 && i < j1) la[i - j0] = -Infinity;
      let Mt = -Infinity;
      for (let t = 0; t < len; t++) if (la[t]! > Mt) Mt = la[t]!;
      if (Mt === -Infinity || Number.isNaN(Mt)) continue;
      let St = 0;
      let S2t = 0;
      let topT = 0;
      tv.fill(0);
      for (let t = 0; t < len; t++) {
        const l = la[t]!;
        if (l === -Infinity) continue;
        let e = Math.exp(l - Mt);
        if (e > topT) topT = e;
        S2t += e * e;
        if (sign) e *= sign[t]!;
        St += e;
        if (values) {
          const vo = (j0 + t) * p;
          for (let c = 0; c < p; c++) tv[c]! += e * values[vo + c]!;
        }
      }
      // merge the tile's triple into the running one
      if (Mt > M) {
        const r = M === -Infinity ? 0 : Math.exp(M - Mt);
        S = S * r + St;
        S2 = S2 * r * r + S2t;
        top = Math.max(top * r, topT);
        for (let c = 0; c < p; c++) W[wo + c] = W[wo + c]! * r + tv[c]!;
        M = Mt;
      } else {
        const r = Math.exp(Mt - M);
        S += St * r;
        S2 += S2t * r * r;
        top = Math.max(top, topT * r);
        for (let c = 0; c < p; c++) W[wo + c]! += tv[c]! * r;
      }
    }
    out.logScale[i] = M;
    out.sum[i] = S;
    out.sumSq[i] = S2;
    out.maxTerm[i] = top;
  }
  return out;
}
