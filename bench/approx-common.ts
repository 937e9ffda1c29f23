/**
 * What the fast-path benchmarks share: the data (seeded), the sizes (`--smoke` shrinks them to seconds),
 * the error measures against the exact engine, and the R runner for KernSmooth.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { seededRandom } from '../src/index.js';
import type { BenchContext } from './common.js';
import { peerMissing, peerScript } from './common.js';

/** `npm run bench -- --smoke`: every approx benchmark at sizes that take seconds (a check that they run). */
export const SMOKE = process.argv.includes('--smoke');

/** n draws of 0.6 N(0, 1) + 0.4 N(3, 0.5²) (the density benchmark's mixture). */
export function mixture(seed: number, n: number): Float64Array {
  const rng = seededRandom(seed);
  return Float64Array.from({ length: n }, () => (rng.uniform() < 0.6 ? rng.normal() : 3 + 0.5 * rng.normal()));
}

/** n points of a correlated 2-D normal (ρ = 0.6), row-major. */
export function normal2d(seed: number, n: number): Float64Array {
  const rng = seededRandom(seed);
  const out = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) { const a = rng.normal(), b = rng.normal(); out[2 * i] = a; out[2 * i + 1] = 0.6 * a + 0.8 * b; }
  return out;
}

/** m points evenly from lo to hi. */
export function evenly(lo: number, hi: number, m: number): Float64Array {
  return Float64Array.from({ length: m }, (_, i) => lo + ((hi - lo) * i) / Math.max(1, m - 1));
}

export function range(x: ArrayLike<number>, stride = 1, offset = 0): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (let i = offset; i < x.length; i += stride) { lo = Math.min(lo, x[i]!); hi = Math.max(hi, x[i]!); }
  return [lo, hi];
}

/** Rows of a flat row-major array (the estimators take arrays of rows in d ≥ 2). */
export function rowsOf(flat: Float64Array, d: number): Float64Array[] {
  return Array.from({ length: flat.length / d }, (_, i) => flat.subarray(i * d, (i + 1) * d));
}

export interface ErrorStats {
  /** Largest relative error over all points, and over the core: the points where the reference is at least 1e-3 of its largest. */
  readonly max: number;
  readonly maxCore: number;
  /** Root mean square over the core (over all points it measures the far tails of a peer without a relative bound). */
  readonly rms: number;
}

/**
 * Relative errors of `got` against `want` (where both are NaN the answer is right; where one is, the error is ∞): |got − want| / scale, with scale = |want| (densities) or, when
 * `valueScale` is given, that scale (regression: relative to max |y|, as the bound 2ρ·max|v| is).
 */
export function errors(got: ArrayLike<number>, want: ArrayLike<number>, valueScale?: number): ErrorStats {
  let top = 0;
  for (let i = 0; i < want.length; i++) top = Math.max(top, Math.abs(want[i]!));
  let max = 0, maxCore = 0, sq = 0, core = 0;
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    // an undefined estimate (no key in reach) is right where the reference is undefined too
    if (Number.isNaN(w) && Number.isNaN(got[i]!)) continue;
    const scale = valueScale ?? Math.abs(w);
    const e = got[i] === w ? 0 : Math.abs(got[i]! - w) / scale;
    const v = Number.isFinite(e) ? e : Infinity;
    max = Math.max(max, v);
    if (Math.abs(w) >= 1e-3 * top) { maxCore = Math.max(maxCore, v); sq += v * v; core++; }
  }
  return { max, maxCore, rms: Math.sqrt(sq / Math.max(1, core)) };
}

/**
 * Runs an R script of bench/peers/ with Rscript and parses the JSON object it prints last; null (with a
 * line saying why) when R or a package is missing or the script fails.
 */
export function runR(ctx: BenchContext, script: string, args: readonly (string | number)[], timeoutS = 600): Record<string, any> | null {
  const r = spawnSync('Rscript', ['--vanilla', peerScript(script), ...args.map(String)], {
    encoding: 'utf8', maxBuffer: 64 << 20, timeout: timeoutS * 1000, stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.error) {
    if ((r.error as NodeJS.ErrnoException).code === 'ENOENT') peerMissing(ctx, ['r-base-core', 'r-cran-kernsmooth']);
    else ctx.log(`peer failed (${script}): ${r.error.message}`);
    return null;
  }
  const last = r.stdout.trim().split('\n').pop() ?? '';
  let out: Record<string, any> | null = null;
  try { out = JSON.parse(last) as Record<string, any>; } catch { /* reported below */ }
  if (r.status !== 0 || out === null) {
    if (/there is no package called/.test(r.stderr)) peerMissing(ctx, ['r-cran-kernsmooth']);
    ctx.log(`peer failed (${script}, exit ${r.status}): ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ')}`);
    return null;
  }
  if (out.versions && typeof out.versions === 'object') for (const [k, v] of Object.entries(out.versions as Record<string, string>)) ctx.versions.set(k, v);
  return out;
}

/** An error or bound: 2 digits; ∞ where an answer is undefined that should not be; '—' when there is none. */
export const sci = (v: number | undefined): string => (v === undefined || Number.isNaN(v) ? '—' : v === Infinity ? '∞' : v === 0 ? '0' : v.toExponential(1));

/** Reads a file of numbers, one per line (what the R and python peers write). */
export function readNumbers(file: string): Float64Array {
  return Float64Array.from(fs.readFileSync(file, 'utf8').trim().split('\n'), Number);
}
