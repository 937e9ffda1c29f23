/**
 * The Gaussian leave-one-out scan (gaussian-scan.ts) in compiled code: a backend that offers `looScan`
 * (the native addon: vectorised and threaded over the queries) computes the anchored sums S_g, T_{g,k} of
 * a range of queries, and the losses are reduced here, chunk by chunk, by the same code as the JS scan's
 * (scan-losses.ts) — memory stays O(chunk × G × p) whatever n.
 */
import type { SelectionProblem } from './problem.js';
import { getBackend } from '../backends/registry.js';
import { ScanLosses, scanAnchors } from './scan-losses.js';

/**
 * One call of a compiled scan: for the stored (sorted) keys s in [from, to) and widths h_g = h₀·2^(−g/2),
 * g < widths, S_g = Σ_{j≠s} wⱼ e_g and T_{g,k} = Σ_{j≠s} wⱼ e_g y_{jk}, with e_g = exp(−c₀ 2^g δ),
 * δ = (x_s − xⱼ)² − anchor_s, terms below `floor` dropped, e_g computed by squaring e_{g−1} except every
 * `reanchor` widths (exp).
 */
export interface LooScanJob {
  readonly n: number;
  /** Value columns (0 for density). */
  readonly p: number;
  /** The keys, ascending. */
  readonly keys: Float64Array;
  readonly weights: Float64Array | null;
  /** n × p, row-major; null when p = 0. */
  readonly values: Float64Array | null;
  /** Per key, the squared distance to its nearest other key of positive weight (∞ when there is none). */
  readonly anchor: Float64Array;
  /** 1 / (2 h₀²). */
  readonly c0: number;
  readonly widths: number;
  readonly reanchor: number;
  /** Terms below it are dropped (the scan's 1e−300); in [2^−1000, 1). */
  readonly floor: number;
  /**
   * At a reanchor width, terms all at or below it square on instead (0: every term is recomputed, as the
   * JS scan does). Their error, relative 2^(8+k)·3 ulp, stays below 768 ulp · exactAbove in absolute terms.
   */
  readonly exactAbove: number;
  readonly from: number;
  readonly to: number;
}

/** Where a call writes: sum[(s − from)·widths + g] and weighted[((s − from)·widths + g)·p + k]. */
export interface LooScanOut {
  readonly sum: Float64Array;
  readonly weighted: Float64Array;
}

/** What a backend offers to run the scan. */
export interface LooScanner {
  /** False where the backend loads but cannot scan (an addon built before the scan existed). */
  canLooScan(): boolean;
  looScan(job: LooScanJob, out: LooScanOut): void;
}

/** Doubles of S and T per call (16 MiB): memory stays bounded at any n, and one call covers n = 10 000 at p = 1. */
const CHUNK_DOUBLES = 1 << 21;

/** The compiled scan that runs here (the native addon's), or null. */
export function compiledLooScanner(): LooScanner | null {
  const b = getBackend('native');
  if (!b || b.unavailable() !== null || !('looScan' in b)) return null;
  const scanner = b as unknown as LooScanner;
  return scanner.canLooScan() ? scanner : null;
}

export type LooScanTerms = Pick<LooScanJob, 'reanchor' | 'floor' | 'exactAbove'>;

/** The scan's objectives (see gaussianLooScan) from a compiled scanner. */
export function compiledLooScan(problem: SelectionProblem, widths: ArrayLike<number>, terms: LooScanTerms, scanner: LooScanner): Float64Array {
  const G = widths.length;
  const { n, p } = problem;
  const ks = problem.keys;
  const order = ks.order!;
  const anchor = scanAnchors(ks);
  const chunk = Math.min(n, Math.max(256, Math.floor(CHUNK_DOUBLES / (G * (1 + p)))));
  const out = { sum: new Float64Array(chunk * G), weighted: new Float64Array(chunk * G * p) };
  const losses = new ScanLosses(problem, widths);
  const job = {
    n, p, keys: ks.keys, weights: ks.weights, values: p > 0 ? ks.values : null, anchor,
    c0: 1 / (2 * widths[0]! * widths[0]!), widths: G, ...terms,
  };
  for (let from = 0; from < n; from += chunk) {
    const to = Math.min(n, from + chunk);
    scanner.looScan({ ...job, from, to }, out);
    for (let s = from; s < to; s++) losses.add(order[s]!, anchor[s]!, out.sum, (s - from) * G, out.weighted, (s - from) * G * p);
  }
  return losses.result();
}
