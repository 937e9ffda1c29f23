/**
 * Binned sums (Gaussian kernel, d = 1 or 2): the grids of binned-grid.ts, built once per fitted key set,
 * read at any query by linear (bilinear) interpolation, with a bound per query from
 *   E(q) = min over the cell's corners of the Ψ-sums + the constant terms  ≥  |Ŝ − S|, and |T̂_c − T_c| ≤ E·max|v_c|:
 * - `relative` error scale: ρ(q) = E(q) / (Ŝ(q) − E(q)) ≥ E/S. Queries outside the grid, or whose bound
 *   exceeds the tolerance (far from the data, where the sum is tiny next to the FFT's rounding), are handed
 *   back as rejected for a fallback.
 * - `total`: ρ(q) = E(q) / A, which the grid is planned to keep below τ everywhere; only queries outside the
 *   grid are rejected, and, where the sums carry values (regression), those whose Ŝ does not exceed E: the
 *   estimate T̂/Ŝ would then be noise of unknown sign, while truncation reads their nearest keys. A density
 *   far in the tails may read 0 (Ŝ is clamped at 0, which only brings it closer to S ≥ 0).
 * Leave-one-out subtracts the self term w_i·α(0) = w_i (and w_i·v_i).
 */
import { buildBinnedGrids, planGrid } from './binned-grid.js';
import type { BinnedGrids, GridPlan } from './binned-grid.js';
import { gaussianPeakShare } from './binned-peak.js';
import { cachedLogTotal } from './scale.js';
import { newSums } from './types.js';
import type { ApproxRequest, MethodResult } from './types.js';

type PlanRequest = Pick<ApproxRequest, 'keys' | 'sim' | 'tolerance' | 'errorScale' | 'cache'>;

/** Where a request's grid is kept in the cache (`auto` asks whether it is built). */
export const gridCacheKey = (req: Pick<ApproxRequest, 'tolerance' | 'errorScale'>): string => `binned:${req.errorScale}:${req.tolerance}`;

/** The plan for these keys, widths, tolerance and error scale (cached: `auto` asks for it before `binned` runs). */
export function cachedPlan(req: PlanRequest): GridPlan | { refused: string } {
  const key = `binned-plan:${req.errorScale}:${req.tolerance}`;
  let plan = req.cache.get(key) as GridPlan | { refused: string } | undefined;
  if (!plan) {
    const h = req.sim.invWidth.map((v) => 1 / v);
    plan = planGrid(req.keys, h, req.tolerance, req.errorScale === 'total' ? cachedPeakShare(req, h) : null);
    req.cache.set(key, plan);
  }
  return plan;
}

/** The peak's share of the total weight, once per key set and widths (every tolerance shares it). */
function cachedPeakShare(req: PlanRequest, h: Float64Array): number {
  let share = req.cache.get('binned-peak') as number | undefined;
  if (share === undefined) { share = gaussianPeakShare(req.keys, h); req.cache.set('binned-peak', share); }
  return share;
}

/** The cached grids, or why the keys cannot be binned for this tolerance. */
export function binnedGrids(req: ApproxRequest): BinnedGrids | { refused: string } {
  const key = gridCacheKey(req);
  let grids = req.cache.get(key) as BinnedGrids | { refused: string } | undefined;
  if (!grids) {
    const plan = cachedPlan(req);
    grids = 'refused' in plan ? plan : buildBinnedGrids(req.keys, req.sim.invWidth.map((v) => 1 / v), plan);
    req.cache.set(key, grids);
  }
  return grids;
}

export function binned(req: ApproxRequest, grids: BinnedGrids): MethodResult {
  const { keys, queries, m, exclude, tolerance } = req;
  const { plan, nodes, constantError, relativeError } = grids;
  const { d, p, weights: Wt, values: V, rank } = keys;
  const sums = newSums(m, p);
  const bounds = new Float64Array(m);
  const rejected: number[] = [];
  // the total scale's A (the Gaussian's ᾱ = 1, and binned has no local widths: A = Σw)
  const total = req.errorScale === 'total' ? Math.exp(cachedLogTotal(req)) : 0;
  let outside = 0, faint = 0, over = 0;
  const G0 = plan.nodes[0]!, o0 = plan.origin[0]!, inv0 = 1 / plan.delta[0]!;
  const G1 = d === 2 ? plan.nodes[1]! : 1, o1 = d === 2 ? plan.origin[1]! : 0, inv1 = d === 2 ? 1 / plan.delta[1]! : 0;
  const corner = new Int32Array(4), cw = new Float64Array(4);
  const width = p + 2; // S, B, T_0 … T_{p−1} per node
  const nc = d === 1 ? 2 : 4;
  for (let i = 0; i < m; i++) {
    // the query's cell and its corner weights; outside the grid: rejected
    const f0 = (queries[i * d]! - o0) * inv0;
    if (!(f0 >= 0 && f0 <= G0 - 1)) { rejected.push(i); outside++; continue; }
    const j0 = Math.min(Math.floor(f0), G0 - 2), t0 = f0 - j0;
    if (d === 1) {
      corner[0] = j0; corner[1] = j0 + 1; cw[0] = 1 - t0; cw[1] = t0;
    } else {
      const f1 = (queries[i * 2 + 1]! - o1) * inv1;
      if (!(f1 >= 0 && f1 <= G1 - 1)) { rejected.push(i); outside++; continue; }
      const j1 = Math.min(Math.floor(f1), G1 - 2), t1 = f1 - j1;
      const o = j0 * G1 + j1;
      corner[0] = o; corner[1] = o + 1; corner[2] = o + G1; corner[3] = o + G1 + 1;
      cw[0] = (1 - t0) * (1 - t1); cw[1] = (1 - t0) * t1; cw[2] = t0 * (1 - t1); cw[3] = t0 * t1;
    }
    let s = 0, b = Infinity;
    for (let k = 0; k < nc; k++) { const o = corner[k]! * width; s += cw[k]! * nodes[o]!; b = Math.min(b, nodes[o + 1]!); }
    for (let col = 0; col < p; col++) {
      let v = 0;
      for (let k = 0; k < nc; k++) v += cw[k]! * nodes[corner[k]! * width + 2 + col]!;
      sums.weighted[i * p + col] = v;
    }
    const self = exclude ? exclude[i]! : -1;
    if (self >= 0) {
      const j = rank ? rank[self]! : self;
      const w = Wt ? Wt[j]! : 1;
      s -= w;
      for (let col = 0; col < p; col++) sums.weighted[i * p + col]! -= w * V![j * p + col]!;
    }
    const E = Math.max(0, b) + constantError + relativeError * Math.abs(s);
    if (total > 0) {
      const rho = E / total;
      if (!(rho <= tolerance)) { rejected.push(i); over++; continue; }
      if (p > 0 && !(s > E)) { rejected.push(i); faint++; continue; }
      sums.sum[i] = Math.max(0, s);
      bounds[i] = rho;
      continue;
    }
    const rho = E / (s - E);
    if (!(s > E) || !(rho <= tolerance)) { rejected.push(i); continue; }
    sums.sum[i] = s;
    bounds[i] = rho;
  }
  const detail = `binned: ${Array.from(plan.nodes).join(' × ')} nodes (FFT ${plan.fft.join(' × ')}), cells of `
    + `${Array.from(plan.delta, (dl, c) => (dl * req.sim.invWidth[c]!).toPrecision(3)).join(' × ')} widths, kernel cut at ${plan.radius.toFixed(2)} widths`;
  const rejectReason = total > 0 ? totalScaleReason(outside, faint, over) : 'outside the grid or too far from the data for the tolerance';
  return { sums, bounds, detail, rejected: Int32Array.from(rejected), rejectReason };
}

/** Why queries left the grid under the `total` scale (no counts: the CLI merges equal reasons over batches). */
function totalScaleReason(outside: number, faint: number, over: number): string {
  const why: string[] = [];
  if (outside > 0) why.push('outside the grid');
  if (faint > 0) why.push('a sum below its error bound (T̂/Ŝ would be noise)');
  // the plan misjudged the data's peak (binned-peak.ts is an estimate): the bound, computed on the grid, says so
  if (over > 0) why.push('a bound above the tolerance');
  return why.join(', or ');
}
