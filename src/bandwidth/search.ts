/**
 * A robust global search for widths: a log-spaced scan of a common factor on reference widths (widened
 * when the best point sits at an edge), then a local refinement — golden-section search in log h for one
 * width, Nelder–Mead in log h from the best few scan points for several (multi-start: statsmodels' single
 * Nelder–Mead run falls into local minima).
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
  /** Scan points per decade of the common factor (default 10). */
  readonly perDecade?: number;
  /** Initial scan range of the factor, in decades either side of the reference (default 2). */
  readonly decades?: number;
  /** How many times the scan may be widened by `decades` on the side of an edge optimum (default 3). */
  readonly widen?: number;
  /** Relative tolerance of the refinement on h (default 1e-5). */
  readonly tolerance?: number;
}

export function minimiseWidths(objective: Objective, reference: Float64Array, options: SearchOptions = {}): SearchResult {
  const perDecade = options.perDecade ?? 10;
  const decades = options.decades ?? 2;
  const tol = options.tolerance ?? 1e-5;
  const curve: { bandwidth: number[]; objective: number }[] = [];
  const cache = new Map<string, number>();
  const evaluate = (logH: ArrayLike<number>): number => {
    const h = Float64Array.from(logH, Math.exp);
    const key = Array.from(h).join(',');
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const v = objective(h);
    const value = Number.isNaN(v) ? Infinity : v;
    cache.set(key, value);
    curve.push({ bandwidth: Array.from(h), objective: value });
    return value;
  };
  const logRef = Float64Array.from(reference, Math.log);
  const atFactor = (k: number) => logRef.map((l) => l + k * Math.LN10 / perDecade);

  // 1. the scan of a common factor 10^(k / perDecade)
  let lo = -decades * perDecade;
  let hi = decades * perDecade;
  const scan = new Map<number, number>();
  for (let k = lo; k <= hi; k++) scan.set(k, evaluate(atFactor(k)));
  let bracketed = true;
  for (let round = 0; ; round++) {
    const best = argmin(scan);
    if (best !== lo && best !== hi) break;
    if (round >= (options.widen ?? 3) || !Number.isFinite(scan.get(best)!)) { bracketed = false; break; }
    const [from, to] = best === lo ? [lo - decades * perDecade, lo - 1] : [hi + 1, hi + decades * perDecade];
    for (let k = from; k <= to; k++) scan.set(k, evaluate(atFactor(k)));
    lo = Math.min(lo, from);
    hi = Math.max(hi, to);
  }
  const ranked = [...scan.entries()].filter(([, v]) => Number.isFinite(v)).sort((a, b) => a[1] - b[1]);
  if (ranked.length === 0) return finish(curve, logRef, Infinity, false);

  // 2. refinement
  const step = Math.LN10 / perDecade;
  if (reference.length === 1) {
    const k = ranked[0]![0];
    const x = goldenSection((t) => evaluate([t]), logRef[0]! + (k - 1) * step, logRef[0]! + (k + 1) * step, tol);
    const [logH, value] = evaluate([x]) <= scan.get(k)! ? [x, evaluate([x])] : [atFactor(k)[0]!, scan.get(k)!];
    return finish(curve, [logH], value, bracketed);
  }
  let bestPoint: Float64Array = atFactor(ranked[0]![0]);
  let bestValue = ranked[0]![1];
  for (const [k] of ranked.slice(0, 3)) {
    const { point, value } = nelderMead((v) => evaluate(v), atFactor(k), step, tol);
    if (value < bestValue) { bestValue = value; bestPoint = point; }
  }
  return finish(curve, bestPoint, bestValue, bracketed);
}

function finish(curve: SearchResult['curve'], logH: ArrayLike<number>, objective: number, bracketed: boolean): SearchResult {
  return { bandwidth: Float64Array.from(logH, Math.exp), objective, curve, evaluations: curve.length, bracketed };
}

function argmin(m: Map<number, number>): number {
  let best = 0;
  let bestV = Infinity;
  for (const [k, v] of [...m.entries()].sort((a, b) => a[0] - b[0])) if (v < bestV) { bestV = v; best = k; }
  return bestV === Infinity ? [...m.keys()].sort((a, b) => a - b)[0]! : best;
}

/** Golden-section search for a minimum of f on [a, b] to an absolute tolerance tol (in log h). */
export function goldenSection(f: (x: number) => number, a: number, b: number, tol: number): number {
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = f(c);
  let fd = f(d);
  while (Math.abs(b - a) > tol) {
    if (fc <= fd) { b = d; d = c; fd = fc; c = b - g * (b - a); fc = f(c); }
    else { a = c; c = d; fc = fd; d = a + g * (b - a); fd = f(d); }
  }
  return fc <= fd ? c : d;
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
