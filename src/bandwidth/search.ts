/**
 * A robust global search for widths: a log-spaced scan (factor √2) of a common factor on reference widths
 * (widened when the best point sits at an edge), then a local refinement — Brent's method in log h for one
 * width, Nelder–Mead in log h from the best three scan points for several (multi-start: statsmodels'
 * single Nelder–Mead run falls into local minima).
 */
import type { Objective } from './objectives.js';

export interface SearchResult {
  readonly bandwidth: Float64Array;
  readonly objective: number;
  readonly curve: { bandwidth: number[]; objective: number }[];
  readonly evaluations: number;
  /** False when the optimum stayed at the edge of the widest scan tried. */
  readonly bracketed: boolean;
}

export interface SearchOptions {
  /** Scan range of the common factor, in decades either side of the reference widths (default 2). */
  readonly decades?: number;
  /** How many times the scan may be widened by `decades` on the side of an edge optimum (default 3). */
  readonly widen?: number;
  /** Tolerance of the refinement on log h (default 1e-4, i.e. 0.01 % in h). */
  readonly tolerance?: number;
}

/** Objectives for a run of widths h₀ · 2^(−g/2), g = 0, 1, … (decreasing): a one-pass scan (see gaussian-scan). */
export type ScanObjective = (widthsDecreasing: Float64Array) => Float64Array;

/** The scan's step: a factor √2 in h (exponents double from one width to the next). */
const STEP = Math.LN2 / 2;

export function minimiseWidths(objective: Objective, reference: Float64Array, options: SearchOptions = {},
  scanMany?: ScanObjective): SearchResult {
  const decades = options.decades ?? 2;
  const tol = options.tolerance ?? 1e-4;
  const curve: { bandwidth: number[]; objective: number }[] = [];
  const cache = new Map<string, number>();
  const record = (h: Float64Array, v: number): number => {
    const value = Number.isNaN(v) ? Infinity : v;
    cache.set(Array.from(h).join(','), value);
    curve.push({ bandwidth: Array.from(h), objective: value });
    return value;
  };
  const evaluate = (logH: ArrayLike<number>): number => {
    const h = Float64Array.from(logH, Math.exp);
    const hit = cache.get(Array.from(h).join(','));
    return hit !== undefined ? hit : record(h, objective(h));
  };
  const logRef = Float64Array.from(reference, Math.log);
  const atFactor = (k: number) => logRef.map((l) => l + k * STEP);
  /** Scans factors k = from … to (inclusive), in one pass when a scan objective is given (1-D). */
  const scanRange = (from: number, to: number): void => {
    if (scanMany && reference.length === 1) {
      const widths = Float64Array.from({ length: to - from + 1 }, (_, g) => Math.exp(atFactor(to - g)[0]!));
      const values = scanMany(widths);
      widths.forEach((h, g) => scan.set(to - g, record(Float64Array.of(h), values[g]!)));
    } else {
      for (let k = from; k <= to; k++) scan.set(k, evaluate(atFactor(k)));
    }
  };

  // 1. the scan of a common factor 2^(k/2), widened past an edge optimum
  const span = Math.round((decades * Math.LN10) / STEP);
  let lo = -span;
  let hi = span;
  const scan = new Map<number, number>();
  scanRange(lo, hi);
  let bracketed = true;
  for (let round = 0; ; round++) {
    const best = argmin(scan);
    if (best !== lo && best !== hi) break;
    if (round >= (options.widen ?? 3) || !Number.isFinite(scan.get(best)!)) { bracketed = false; break; }
    const [from, to] = best === lo ? [lo - span, lo - 1] : [hi + 1, hi + span];
    scanRange(from, to);
    lo = Math.min(lo, from);
    hi = Math.max(hi, to);
  }
  const ranked = [...scan.entries()].filter(([, v]) => Number.isFinite(v)).sort((a, b) => a[1] - b[1]);
  if (ranked.length === 0) return finish(curve, logRef, Infinity, false);
  // the widest of the tied best points leads the refinement
  const lead = argmin(scan);
  ranked.sort((x, y) => (x[0] === lead ? -1 : y[0] === lead ? 1 : 0));
  if (!bracketed) return finish(curve, atFactor(lead), scan.get(lead)!, false);

  // 2. refinement: Brent's method in 1-D, Nelder–Mead from the best three scan points in d > 1
  if (reference.length === 1) {
    const k = ranked[0]![0];
    const x = brentMinimise((t) => evaluate([t]), logRef[0]! + (k - 1) * STEP, logRef[0]! + k * STEP, logRef[0]! + (k + 1) * STEP, tol);
    const [logH, value] = evaluate([x]) <= scan.get(k)! ? [x, evaluate([x])] : [atFactor(k)[0]!, scan.get(k)!];
    return finish(curve, [logH], value, bracketed);
  }
  let bestPoint: Float64Array = atFactor(ranked[0]![0]);
  let bestValue = ranked[0]![1];
  for (const [k] of ranked.slice(0, 3)) {
    const { point, value } = nelderMead((v) => evaluate(v), atFactor(k), STEP, tol);
    if (value < bestValue) { bestValue = value; bestPoint = point; }
  }
  return finish(curve, bestPoint, bestValue, bracketed);
}

/**
 * Brent's (1973) minimiser: golden-section steps safeguarding parabolic interpolation, on [a, c] with
 * f(b) ≤ f(a), f(c); stops when the bracket is below `tol`.
 */
export function brentMinimise(f: (x: number) => number, a: number, b: number, c: number, tol: number, maxIter = 100): number {
  const CG = 0.381966011250105;
  let x = b, w = b, v = b;
  let fx = f(x), fw = fx, fv = fx;
  let d = 0, e = 0;
  for (let iter = 0; iter < maxIter; iter++) {
    const xm = (a + c) / 2;
    const tol1 = tol / 2 + 1e-12 * Math.abs(x);
    if (Math.abs(x - xm) <= 2 * tol1 - (c - a) / 2) break;
    let useGolden = true;
    if (Math.abs(e) > tol1) {
      const r = (x - w) * (fx - fv);
      let q = (x - v) * (fx - fw);
      let p = (x - v) * q - (x - w) * r;
      q = 2 * (q - r);
      if (q > 0) p = -p; else q = -q;
      if (Math.abs(p) < Math.abs(0.5 * q * e) && p > q * (a - x) && p < q * (c - x)) {
        e = d;
        d = p / q;
        const u = x + d;
        if (u - a < 2 * tol1 || c - u < 2 * tol1) d = xm >= x ? tol1 : -tol1;
        useGolden = false;
      }
    }
    if (useGolden) { e = x >= xm ? a - x : c - x; d = CG * e; }
    const u = Math.abs(d) >= tol1 ? x + d : x + (d > 0 ? tol1 : -tol1);
    const fu = f(u);
    if (fu <= fx) {
      if (u >= x) a = x; else c = x;
      v = w; fv = fw; w = x; fw = fx; x = u; fx = fu;
    } else {
      if (u < x) a = u; else c = u;
      if (fu <= fw || w === x) { v = w; fv = fw; w = u; fw = fu; }
      else if (fu <= fv || v === x || v === w) { v = u; fv = fu; }
    }
  }
  return x;
}

function finish(curve: SearchResult['curve'], logH: ArrayLike<number>, objective: number, bracketed: boolean): SearchResult {
  return { bandwidth: Float64Array.from(logH, Math.exp), objective, curve, evaluations: curve.length, bracketed };
}

/**
 * The scan index of the smallest objective. Values within 1e−12 (relative) of the minimum are ties and
 * the widest of them wins: on a plateau the smoothest fit is the safest, and a plateau that reaches the
 * widest edge (an optimum at h → ∞) is then seen as an edge optimum and widened or reported.
 */
function argmin(m: Map<number, number>): number {
  const entries = [...m.entries()].sort((a, b) => a[0] - b[0]);
  const min = Math.min(...entries.map(([, v]) => v));
  if (min === Infinity) return entries[0]![0];
  const tie = Math.abs(min) * 1e-12;
  let best = entries[0]![0];
  for (const [k, v] of entries) if (v <= min + tie) best = k;
  return best;
}

/** Nelder–Mead (Nelder & Mead 1965) with the standard coefficients, from `start` with simplex size `step`. */
export function nelderMead(f: (x: Float64Array) => number, start: Float64Array, step: number, tol: number, maxIter = 400):
  { point: Float64Array; value: number } {
  const d = start.length;
  let simplex = [start, ...Array.from({ length: d }, (_, c) => { const v = start.slice(); v[c]! += step; return v; })]
    .map((p) => ({ p, v: f(p) }));
  const combine = (a: Float64Array, b: Float64Array, t: number) => a.map((x, c) => x + t * (b[c]! - x));
  for (let iter = 0; iter < maxIter; iter++) {
    simplex.sort((a, b) => a.v - b.v);
    const best = simplex[0]!;
    const worst = simplex[d]!;
    const size = Math.max(...simplex.map((s) => Math.max(...s.p.map((x, c) => Math.abs(x - best.p[c]!)))));
    if (size < tol) break;
    const centroid = new Float64Array(d);
    for (const s of simplex.slice(0, d)) s.p.forEach((x, c) => { centroid[c]! += x / d; });
    const reflected = combine(centroid, worst.p, -1);
    const fr = f(reflected);
    if (fr < best.v) {
      const expanded = combine(centroid, worst.p, -2);
      const fe = f(expanded);
      simplex[d] = fe < fr ? { p: expanded, v: fe } : { p: reflected, v: fr };
    } else if (fr < simplex[d - 1]!.v) {
      simplex[d] = { p: reflected, v: fr };
    } else {
      const contracted = fr < worst.v ? combine(centroid, reflected, 0.5) : combine(centroid, worst.p, 0.5);
      const fcn = f(contracted);
      if (fcn < Math.min(fr, worst.v)) simplex[d] = { p: contracted, v: fcn };
      else simplex = simplex.map((s, i) => (i === 0 ? s : { p: combine(best.p, s.p, 0.5), v: f(combine(best.p, s.p, 0.5)) }));
    }
  }
  simplex.sort((a, b) => a.v - b.v);
  return { point: simplex[0]!.p, value: simplex[0]!.v };
}
