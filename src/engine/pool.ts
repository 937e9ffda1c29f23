/**
 * The one weights engine. For each query, one pass over the keys in tiles; each tile is reduced to the
 * triple (M_t, S_t, T_t) with its own maximum and merged into the running triple exactly:
 * M = max(M, M_t), S ← S e^{M_old − M} + S_t e^{M_t − M} (the online softmax of KeOps and FlashAttention,
 * Milakov & Gimelshein 2018). The n × m matrix never exists, and exp never sees a positive argument, so
 * narrow widths give finite estimates wherever some key has a nonzero similarity.
 *
 * Keys sorted along one coordinate (see `sortKeySet1d`) are visited outward from each query, tile by
 * tile, and the walk stops in a direction once the kernel's envelope puts every further term below
 * e^{−800} of the running maximum — terms that are exactly 0 in float64 — or outside a compact support.
 */
import { makeTileLogAlpha } from './log-alpha.js';
import { makeJob } from '../backends/job.js';
import { chooseBackend } from '../backends/registry.js';
import '../backends/portable.js';
import type { KeySet, PoolOptions, PoolSums, Similarity } from './types.js';

export const DEFAULT_TILE = 256;

/** Terms below e^{−800} of the largest one vanish in float64 (e^{−745.2} is the smallest subnormal). */
const NEGLIGIBLE_LOG = 800;

export function pool(keys: KeySet, sim: Similarity, queries: Float64Array, m: number, options: PoolOptions = {}): PoolSums {
  const choice = options.backend ?? 'auto';
  if (options.walk || choice === 'js' || m === 0 || keys.n === 0) return poolJs(keys, sim, queries, m, options);
  const job = makeJob(keys, sim, queries, m, options, options.precision ?? 'float64');
  const backend = chooseBackend(choice, job);
  if (!backend) return poolJs(keys, sim, queries, m, options);
  return { ...backend.run(job), backend: backend.name };
}

/** The engine's own loop: tiles of keys, merged online (see the top of this file). */
export function poolJs(keys: KeySet, sim: Similarity, queries: Float64Array, m: number, options: PoolOptions = {}): PoolSums {
  const { n, d, p, values, logWeights, rank } = keys;
  const tile = Math.max(1, Math.min(options.tileSize ?? DEFAULT_TILE, n));
  const loo = options.leaveOneOut === true;
  const fill = makeTileLogAlpha(keys, sim);
  const la = new Float64Array(tile);
  const sign = sim.kind === 'kernel' && sim.kernel.signed ? new Float64Array(tile) : null;
  const tv = new Float64Array(p);
  const out: PoolSums = {
    m, p,
    logScale: new Float64Array(m), sum: new Float64Array(m), sumSq: new Float64Array(m),
    maxTerm: new Float64Array(m), weighted: new Float64Array(m * p),
  };
  const W = out.weighted;
  // running triple of the current query
  let M = -Infinity, S = 0, S2 = 0, top = 0, wo = 0, exclude = -1, qOff = 0;

  const addTile = (j0: number, j1: number): void => {
    const len = j1 - j0;
    fill(queries, qOff, j0, j1, la, sign);
    if (logWeights) for (let t = 0; t < len; t++) la[t]! += logWeights[j0 + t]!;
    if (exclude >= j0 && exclude < j1) la[exclude - j0] = -Infinity;
    let Mt = -Infinity;
    for (let t = 0; t < len; t++) if (la[t]! > Mt) Mt = la[t]!;
    if (Mt === -Infinity || Number.isNaN(Mt)) return;
    let St = 0, S2t = 0, topT = 0;
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
  };

  const windowed = keys.order !== null && d === 1 && sim.kind === 'kernel';
  const K = keys.keys;
  const nTiles = Math.ceil(n / tile);
  // the widest key reaches farthest: bound every key's scaled distance with the largest λ
  const ih = sim.kind === 'kernel' ? sim.invWidth[0]! / keys.maxKeyScale : 1;
  const envelope = sim.kind === 'kernel' ? sim.kernel.logEnvelopeSq : () => 0;
  const maxLogW = keys.maxLogWeight;
  const negligible = options.negligibleLog ?? NEGLIGIBLE_LOG;
  /** True when every key at distance ≥ dist contributes exactly nothing. */
  const beyond = (dist: number): boolean => {
    const u = dist * ih;
    const bound = envelope(u * u) + maxLogW;
    return bound === -Infinity || bound < M - negligible;
  };

  const walk = options.walk;
  const running = new Float64Array(2);
  const addRange = (j0: number, j1: number): void => {
    for (let a = j0; a < j1; a += tile) addTile(a, Math.min(j1, a + tile));
    running[0] = M; running[1] = S;
  };

  for (let i = 0; i < m; i++) {
    M = -Infinity; S = 0; S2 = 0; top = 0; wo = i * p; qOff = i * d;
    exclude = options.exclude ? options.exclude[i]! : loo ? (rank ? rank[i]! : i) : -1;
    if (walk) {
      running[0] = M; running[1] = S;
      walk(i, addRange, running);
    } else if (windowed) {
      const x = queries[i]!;
      let lo = 0, hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (K[mid]! < x) lo = mid + 1; else hi = mid;
      }
      const t0 = Math.min(Math.floor(lo / tile), nTiles - 1);
      addTile(t0 * tile, Math.min(n, (t0 + 1) * tile));
      for (let t = t0 + 1; t < nTiles; t++) {
        if (beyond(K[t * tile]! - x)) break;
        addTile(t * tile, Math.min(n, (t + 1) * tile));
      }
      for (let t = t0 - 1; t >= 0; t--) {
        if (beyond(x - K[(t + 1) * tile - 1]!)) break;
        addTile(t * tile, (t + 1) * tile);
      }
    } else {
      for (let j0 = 0; j0 < n; j0 += tile) addTile(j0, Math.min(n, j0 + tile));
    }
    out.logScale[i] = M;
    out.sum[i] = S;
    out.sumSq[i] = S2;
    out.maxTerm[i] = top;
  }
  return out;
}
