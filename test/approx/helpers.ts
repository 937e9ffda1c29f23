/**
 * Shared pieces of the fast-path tests: random data sets, the sums by a direct double loop (an oracle that
 * shares nothing with the engine but the kernels' log profiles), and the check of a method's result against them
 * in the terms of its contract: per query |Ŝ − S| ≤ ρ·Z and |T̂_c − T_c| ≤ ρ·Z·max|v_c|, with Z = Σ|wα| (the
 * `relative` error scale) or Z = A = ᾱ·Σ wλ^(−d) (the `total` one).
 */
import assert from 'node:assert/strict';
import { approxPool, kernels, makeKeySet } from '../../src/index.js';
import type { EstimatorOptions, Kernel, KeySet, MethodReport, PoolMethod, PoolSums, Random, Similarity } from '../../src/index.js';
import { sortKeySet1d } from '../../src/engine/keyset.js';

export const kernel = (name: string): Kernel => kernels.find((k) => k.name === name)!;

/** Rounding of the sums themselves (not part of any method's bound): relative to Σ|wα|. */
export const ROUNDING = 1e-12;

export interface DataSet {
  /** The keys as given (caller order) and as the estimators store them (sorted when d = 1). */
  readonly keys: KeySet;
  readonly stored: KeySet;
  readonly queries: Float64Array;
  readonly m: number;
  readonly lambda: Float64Array | null;
}

export interface DataOptions {
  n: number;
  m: number;
  d: number;
  /** Value columns (default 1; 0: none, as a density's keys). */
  p?: number;
  /** Keys uniform on [0, span]^d (default 5); queries uniform on [qlo, qhi]^d (default −1, span + 1). */
  span?: number;
  qlo?: number;
  qhi?: number;
  weights?: boolean;
  /** Local width factors λ uniform on [0.5, 2]. */
  local?: boolean;
}

export function randomData(rng: Random, o: DataOptions): DataSet {
  const span = o.span ?? 5, p = o.p ?? 1;
  const x = Float64Array.from({ length: o.n * o.d }, () => span * rng.uniform());
  const v = Float64Array.from({ length: o.n * p }, (_, t) => (t % p === 0 ? 2 + Math.sin(x[Math.floor(t / p) * o.d]!) : rng.normal()));
  const w = o.weights ? Float64Array.from({ length: o.n }, () => 0.2 + 2 * rng.uniform()) : null;
  const lambda = o.local ? Float64Array.from({ length: o.n }, () => 0.5 + 1.5 * rng.uniform()) : null;
  const qlo = o.qlo ?? -1, qhi = o.qhi ?? span + 1;
  const queries = Float64Array.from({ length: o.m * o.d }, () => qlo + (qhi - qlo) * rng.uniform());
  const keys = makeKeySet(x, o.d, p > 0 ? v : null, p, w, lambda);
  return { keys, stored: sortKeySet1d(keys), queries, m: o.m, lambda };
}

export function kernelSim(k: Kernel, widths: number[], shape: 'radial' | 'product' = 'radial'): Similarity & { kind: 'kernel' } {
  return { kind: 'kernel', kernel: k, shape, invWidth: Float64Array.from(widths, (h) => 1 / h) };
}

/**
 * S, T (m × p) and A = Σ|wα| per query by a direct loop over the keys in caller order (key i left out of
 * query i for leave-one-out), each relative to e^M with M = max log|wα| of the query (far queries stay finite).
 */
export function directSums(keys: KeySet, sim: Similarity & { kind: 'kernel' }, queries: Float64Array, m: number, leaveOneOut = false):
  { M: Float64Array; S: Float64Array; T: Float64Array; A: Float64Array } {
  const { n, d, p, values, weights } = keys;
  const k = sim.kernel;
  const M = new Float64Array(m), S = new Float64Array(m), T = new Float64Array(m * p), A = new Float64Array(m);
  const logA = new Float64Array(n), sign = new Float64Array(n);
  for (let i = 0; i < m; i++) {
    let top = -Infinity;
    for (let j = 0; j < n; j++) {
      const lambda = keys.invKeyScale ? 1 / keys.invKeyScale[j]! : 1;
      let la = Math.log(weights ? weights[j]! : 1) - d * Math.log(lambda), sg = 1, u2 = 0;
      for (let c = 0; c < d; c++) {
        const t = ((queries[i * d + c]! - keys.keys[j * d + c]!) * sim.invWidth[c]!) / lambda;
        if (sim.shape === 'product') { la += k.logAbsSq(t * t); sg *= k.signSq(t * t); } else u2 += t * t;
      }
      if (sim.shape !== 'product') { la += k.logAbsSq(u2); sg = k.signSq(u2); }
      if (leaveOneOut && i === j) la = -Infinity;
      logA[j] = la; sign[j] = sg;
      if (la > top) top = la;
    }
    M[i] = top;
    if (top === -Infinity) continue;
    for (let j = 0; j < n; j++) {
      const e = Math.exp(logA[j]! - top);
      S[i]! += sign[j]! * e;
      A[i]! += e;
      for (let c = 0; c < p; c++) T[i * p + c]! += sign[j]! * e * values![j * p + c]!;
    }
  }
  return { M, S, T, A };
}

/** Largest |v_c| per value column. */
export function valueScale(keys: KeySet): Float64Array {
  const out = new Float64Array(keys.p);
  for (let j = 0; j < keys.n; j++) for (let c = 0; c < keys.p; c++) out[c] = Math.max(out[c]!, Math.abs(keys.values![j * keys.p + c]!));
  return out;
}

/** log A = log(ᾱ·Σ wλ^(−d)), the `total` error scale's reference, from the keys and the kernel's envelope directly. */
export function logTotalMass(keys: KeySet, sim: Similarity & { kind: 'kernel' }): number {
  let mass = 0;
  for (let j = 0; j < keys.n; j++) {
    const lambda = keys.invKeyScale ? 1 / keys.invKeyScale[j]! : 1;
    mass += (keys.weights ? keys.weights[j]! : 1) * lambda ** -keys.d;
  }
  const peak = sim.kernel.logEnvelopeSq(0) * (sim.shape === 'product' ? keys.d : 1);
  return Math.log(mass) + peak;
}

/**
 * The largest error of the sums, in the terms of the contract: relative to max|v| and to Σ|wα| per query,
 * or, given `logTotal` (the `total` error scale), to A.
 */
export function measuredError(sums: PoolSums, direct: ReturnType<typeof directSums>, vmax: Float64Array, logTotal?: number): number {
  let worst = 0;
  for (let i = 0; i < sums.m; i++) {
    const a = direct.A[i]!;
    if (a === 0) {
      assert.equal(sums.sum[i], 0, `query ${i}: no key in reach, yet Ŝ = ${sums.sum[i]}`);
      continue;
    }
    // the method's sums, on the direct sums' scale e^M; the reference on the same scale
    const scale = sums.sum[i] === 0 && sums.logScale[i] === -Infinity ? 0 : Math.exp(sums.logScale[i]! - direct.M[i]!);
    const ref = logTotal === undefined ? a : Math.exp(logTotal - direct.M[i]!);
    worst = Math.max(worst, Math.abs(sums.sum[i]! * scale - direct.S[i]!) / ref);
    for (let c = 0; c < sums.p; c++) {
      worst = Math.max(worst, Math.abs(sums.weighted[i * sums.p + c]! * scale - direct.T[i * sums.p + c]!) / (ref * vmax[c]!));
    }
  }
  return worst;
}

export interface RunOptions {
  method: PoolMethod;
  tolerance: number;
  errorScale?: EstimatorOptions['errorScale'];
  leaveOneOut?: boolean;
  cache?: Map<string, unknown>;
  onFallback?: (message: string) => void;
}

/** approxPool on the stored keys; LOO queries are the keys in caller order. */
export function runMethod(data: DataSet, sim: Similarity & { kind: 'kernel' }, o: RunOptions): { sums: PoolSums; report: MethodReport } {
  const loo = o.leaveOneOut === true;
  return approxPool({
    keys: data.stored, sim, queries: loo ? data.keys.keys : data.queries, m: loo ? data.keys.n : data.m, leaveOneOut: loo,
    tileSize: 64, method: o.method, tolerance: o.tolerance, errorScale: o.errorScale, cache: o.cache ?? new Map(), onFallback: o.onFallback,
  });
}

/**
 * Runs a method and checks its contract against the direct sums: the measured error is within the reported
 * bound (up to the rounding of the sums), the bound is within the tolerance, and, where the error is large
 * enough to measure, the bound is at most `slack` times it. Returns the report and the measured error.
 */
export function checkBound(data: DataSet, sim: Similarity & { kind: 'kernel' }, o: RunOptions, label: string, slack = 100):
  { report: MethodReport; error: number } {
  const loo = o.leaveOneOut === true;
  const { sums, report } = runMethod(data, sim, o);
  const direct = directSums(data.keys, sim, loo ? data.keys.keys : data.queries, loo ? data.keys.n : data.m, loo);
  const total = o.errorScale === 'total' ? logTotalMass(data.keys, sim) : undefined;
  const error = measuredError(sums, direct, valueScale(data.keys), total);
  assert.equal(report.errorScale, o.errorScale ?? 'relative', `${label}: the report's error scale`);
  assert.ok(report.bound <= o.tolerance || o.tolerance === 0, `${label}: bound ${report.bound} above the tolerance ${o.tolerance}`);
  assert.ok(error <= report.bound * (1 + 1e-9) + ROUNDING, `${label}: error ${error} above the bound ${report.bound} (${report.method})`);
  if (error > 1e3 * ROUNDING) assert.ok(report.bound <= slack * error, `${label}: bound ${report.bound} more than ${slack}× the error ${error}`);
  return { report, error };
}

