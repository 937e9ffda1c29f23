/**
 * The `js` backend: a job computed in plain JavaScript, term by term, in two passes per query (the largest
 * log-term, then the sums relative to it). It is the job-level oracle of the compiled backends — the
 * conformance suite compares every backend with it and with the engine's tiled loop — and the fallback
 * everywhere.
 */
import { refusesUserKernel } from './job.js';
import { getKernel } from '../kernels/registry.js';
import type { PoolSums } from '../engine/types.js';
import { KERNEL_IDS, SHAPE_PRODUCT, SIM_DOT } from './types.js';
import type { Backend, PoolJob } from './types.js';

const f32 = Math.fround;

/** log|α| and sign of every built-in kernel, by id, as functions of u². */
const kernelsById = KERNEL_IDS.map((name) => getKernel(name));

export function runJobJs(job: PoolJob): PoolSums {
  const { n, d, p, m, keys: K, values, logWeights, invKeyScale, queries, lo, hi, exclude, invWidth } = job;
  const single = job.precision === 'float32';
  const dot = job.similarity === SIM_DOT;
  const kernel = kernelsById[job.kernelId]!;
  const product = job.shape === SHAPE_PRODUCT && d > 1;
  const signed = !dot && kernel.signed;
  const out: PoolSums = {
    m, p, logScale: new Float64Array(m), sum: new Float64Array(m), sumSq: new Float64Array(m),
    maxTerm: new Float64Array(m), weighted: new Float64Array(m * p),
  };
  let sg = 1;
  /** log|α(q_i, k_j)| + log w_j, and its sign in `sg`. */
  const logTerm = (qo: number, j: number): number => {
    const ko = j * d;
    let la: number;
    if (dot) {
      let s = 0;
      for (let c = 0; c < d; c++) s += queries[qo + c]! * K[ko + c]!;
      la = s * job.invTemperature;
    } else {
      const ks = invKeyScale ? invKeyScale[j]! : 1;
      if (product) {
        la = 0; sg = 1;
        for (let c = 0; c < d; c++) {
          let t = (queries[qo + c]! - K[ko + c]!) * invWidth[c]! * ks;
          if (single) t = f32(t);
          la += kernel.logAbsSq(t * t);
          if (signed) sg *= kernel.signSq(t * t);
        }
      } else {
        let u2 = 0;
        for (let c = 0; c < d; c++) {
          const t = (queries[qo + c]! - K[ko + c]!) * invWidth[c]! * ks;
          u2 += t * t;
        }
        if (single) u2 = f32(u2);
        la = kernel.logAbsSq(u2);
        if (signed) sg = kernel.signSq(u2);
      }
    }
    if (single) la = f32(la);
    return logWeights ? la + logWeights[j]! : la;
  };
  for (let i = 0; i < m; i++) {
    const qo = i * d;
    const j0 = lo ? lo[i]! : 0, j1 = hi ? hi[i]! : n;
    const skip = exclude ? exclude[i]! : -1;
    let M = -Infinity;
    for (let j = j0; j < j1; j++) if (j !== skip) { const la = logTerm(qo, j); if (la > M) M = la; }
    let S = 0, S2 = 0, top = 0;
    if (M !== -Infinity) {
      const wo = i * p;
      for (let j = j0; j < j1; j++) {
        if (j === skip) continue;
        sg = 1;
        const la = logTerm(qo, j);
        if (la === -Infinity) continue;
        const e = Math.exp(la - M);
        if (e > top) top = e;
        S2 += e * e;
        const se = signed ? e * sg : e;
        S += se;
        if (values) for (let c = 0; c < p; c++) out.weighted[wo + c]! += se * values[j * p + c]!;
      }
    }
    out.logScale[i] = M; out.sum[i] = S; out.sumSq[i] = S2; out.maxTerm[i] = top;
  }
  return out;
}

export const jsBackend: Backend = {
  name: 'js',
  unavailable: () => null,
  refuses: refusesUserKernel,
  run: runJobJs,
  describe: () => 'js: plain JavaScript, one thread',
};
