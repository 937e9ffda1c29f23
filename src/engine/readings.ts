/**
 * Readings of the pooled triples: estimates T/S, log Σα, effective number of neighbours (Σα)²/Σα²
 * (Kish's effective sample size of the attention weights) and the largest weight.
 */
import type { PoolSums } from './types.js';

/** Per-query diagnostics of the attention weights. */
export interface Diagnostics {
  /** log Σⱼ wⱼ α(q, kⱼ) (−Infinity when no key is in reach; NaN when a signed kernel sums below 0). */
  readonly logDenominator: Float64Array;
  /** (Σ wα)² / Σ (wα)²: how many keys the query effectively attends to. */
  readonly nEff: Float64Array;
  /** The largest attention weight of the query. */
  readonly maxWeight: Float64Array;
}

/** T/S per query and value column; NaN where S = 0 (an empty neighbourhood). */
export function estimates(sums: PoolSums): Float64Array {
  const { m, p, sum, weighted } = sums;
  const out = new Float64Array(m * p);
  for (let i = 0; i < m; i++) {
    const s = sum[i]!;
    for (let c = 0; c < p; c++) out[i * p + c] = s === 0 ? NaN : weighted[i * p + c]! / s;
  }
  return out;
}

export function diagnostics(sums: PoolSums): Diagnostics {
  const { m, sum, sumSq, maxTerm, logScale } = sums;
  const logDenominator = new Float64Array(m);
  const nEff = new Float64Array(m);
  const maxWeight = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const s = sum[i]!;
    logDenominator[i] = s === 0 ? -Infinity : logScale[i]! + Math.log(s);
    nEff[i] = s === 0 ? 0 : (s * s) / sumSq[i]!;
    maxWeight[i] = s === 0 ? NaN : maxTerm[i]! / s;
  }
  return { logDenominator, nEff, maxWeight };
}

/** Indices of queries whose neighbourhood is empty (no key with a nonzero similarity). */
export function emptyQueries(sums: PoolSums): number[] {
  const out: number[] = [];
  for (let i = 0; i < sums.m; i++) if (sums.sum[i] === 0) out.push(i);
  return out;
}
