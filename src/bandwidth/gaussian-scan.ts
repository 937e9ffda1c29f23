/**
 * Leave-one-out objectives of a 1-D Gaussian smoother for a whole scan of widths in one pass over the
 * pairs. With widths h_g = h₀ · 2^(−g/2) the exponents double from one width to the next, so
 * exp(−δ / (2h_{g+1}²)) = exp(−δ / (2h_g²))²: one exp per pair and a squaring per width, instead of one
 * exp per pair and width. δ = (xᵢ − xⱼ)² − (distance to xᵢ's nearest other point)² keeps the largest term
 * at 1, so nothing overflows, and once a term underflows (< 1e−300 of the largest) every narrower width's
 * term would too, and the loop stops. A squaring doubles the relative rounding error, so every
 * `REANCHOR` widths the term is recomputed by exp: the error stays below 2^REANCHOR ulp (≈ 3e−14). Used for
 * the scan of `cv-ls` (regression, classification) and `cv-ml`. The pass runs compiled where the native
 * addon loads (compiled-scan.ts: ~100× faster at n = 10 000), else here in JS; this loop is its oracle.
 */
import type { SelectionProblem } from './problem.js';
import { NadarayaError } from '../errors.js';
import { ScanLosses, scanAnchors } from './scan-losses.js';
import { compiledLooScan, compiledLooScanner } from './compiled-scan.js';
import type { LooScanTerms } from './compiled-scan.js';

const REANCHOR = 8;
/** Terms below it are dropped: underflow, relative to the largest term (1). */
const FLOOR = 1e-300;
/** Below this many points the JS pass takes well under a millisecond and the compiled call is not worth it. */
const COMPILED_MIN_N = 64;

/** True when the fast scan applies: one coordinate, the Gaussian kernel, no local widths. */
export function canScanGaussian(problem: SelectionProblem): boolean {
  return problem.d === 1 && problem.kernel.name === 'gaussian' && problem.keys.invKeyScale === null;
}

/** Where the scan's pass runs: compiled when it loads and the problem is not tiny (auto), or as told. */
export type ScanEngine = 'auto' | 'js' | 'compiled';

/** True when `gaussianLooScan(…, 'auto')` runs compiled here. */
export function compiledScanAvailable(): boolean {
  return compiledLooScanner() !== null;
}

/**
 * Objectives at widths[g] = widths[0] · 2^(−g/2) (decreasing): LOO MSE (regression), LOO cross-entropy
 * (classification) or −mean LOO log-likelihood (density), as `looLoss` / `negLooLogLikelihood` compute them.
 */
export function gaussianLooScan(problem: SelectionProblem, widths: Float64Array, engine: ScanEngine = 'auto'): Float64Array {
  const scanner = engine === 'js' ? null : compiledLooScanner();
  if (engine === 'compiled' && scanner === null) {
    throw new NadarayaError('E_PARAM', { argument: 'engine', value: engine }, 'no compiled scan runs here (the native addon is not loaded)');
  }
  if (scanner && (engine === 'compiled' || problem.n >= COMPILED_MIN_N)) return compiledLooScan(problem, widths, compiledTerms(problem), scanner);
  return gaussianLooScanJs(problem, widths);
}

/**
 * The objective at one width from the compiled pass (a scan of one width: one exp per pair in reach), for
 * the refinement after the scan; null where the compiled scan does not run or the problem is no 1-D
 * Gaussian one.
 */
export function compiledLooObjective(problem: SelectionProblem): ((h: Float64Array) => number) | null {
  const scanner = compiledLooScanner();
  if (!scanner || !canScanGaussian(problem) || problem.n < COMPILED_MIN_N) return null;
  const terms = compiledTerms(problem);
  return (h) => compiledLooScan(problem, h, terms, scanner)[0]!;
}

/**
 * What the compiled pass may leave out. Each point's sum S holds its nearest key's term wₖ · 1, so S ≥ min w,
 * and an error of ε · Σw in it is one of ε · Σw / min w relative. For squared error and log-likelihood, the
 * walk stops at terms below 2⁻⁶⁰ · min w / Σw, as the pool does (objectives.ts: together they change no digit
 * of S), and the terms of at most 2⁻¹⁶ · min w / Σw square on at a reanchor width (error < 768 ulp of that:
 * < 2⁻⁵⁸ of S, scan-job.h). Cross-entropy takes the log of each class's share, which tiny terms alone can make
 * up: there every term is kept down to 1e−300 and as exact as in the JS pass.
 */
function compiledTerms(problem: SelectionProblem): LooScanTerms {
  const exact = { reanchor: REANCHOR, floor: FLOOR, exactAbove: 0 };
  if (problem.task === 'classification') return exact;
  const W = problem.keys.weights;
  const minWeight = W ? W.reduce((m, w) => (w > 0 ? Math.min(m, w) : m), Infinity) : 1;
  const share = minWeight / problem.keys.totalWeight;
  if (!(share > 0 && share <= 1)) return exact;  // no positive weight: every objective is +Infinity anyway
  return { reanchor: REANCHOR, floor: Math.max(FLOOR, 2 ** -60 * share), exactAbove: 2 ** -16 * share };
}

/** The pass in JS, pair by pair (the oracle of the compiled scan). */
export function gaussianLooScanJs(problem: SelectionProblem, widths: Float64Array): Float64Array {
  const G = widths.length;
  const { n, p } = problem;
  const ks = problem.keys;
  const K = ks.keys;
  const W = ks.weights;
  const V = ks.values;
  const rank = ks.rank!;
  const anchor = scanAnchors(ks);
  const c0 = 1 / (2 * widths[0]! * widths[0]!);
  const S = new Float64Array(G);
  const T = new Float64Array(G * p);
  const losses = new ScanLosses(problem, widths);
  for (let i = 0; i < n; i++) {
    const wi = problem.weights ? problem.weights[i]! : 1;
    if (wi === 0) continue;
    const si = rank[i]!;
    const xi = K[si]!;
    const dmin2 = anchor[si]!;
    S.fill(0);
    T.fill(0);
    for (let j = 0; j < n; j++) {
      if (j === si) continue;
      const wj = W ? W[j]! : 1;
      if (wj === 0) continue;
      const dx = xi - K[j]!;
      const delta = dx * dx - dmin2;
      let e = Math.exp(-c0 * delta);
      if (p === 1) {
        // the common case, kept tight: one value per key
        const y = V ? V[j]! : 0;
        for (let g = 0; g < G && e >= FLOOR; g++) {
          const a = wj * e;
          S[g]! += a;
          T[g]! += a * y;
          e = (g + 1) % REANCHOR === 0 ? Math.exp(-c0 * 2 ** (g + 1) * delta) : e * e;
        }
      } else {
        const vo = j * p;
        for (let g = 0; g < G && e >= FLOOR; g++) {
          const a = wj * e;
          S[g]! += a;
          for (let k = 0; k < p; k++) T[g * p + k]! += a * V![vo + k]!;
          e = (g + 1) % REANCHOR === 0 ? Math.exp(-c0 * 2 ** (g + 1) * delta) : e * e;
        }
      }
    }
    losses.add(i, dmin2, S, 0, T, 0);
  }
  return losses.result();
}
