/**
 * Binned sums (Gaussian kernel, d = 1 or 2): the grids of binned-grid.ts, built once per fitted key set,
 * read at any query by linear (bilinear) interpolation, with a bound per query:
 *   ρ(q) = E(q) / (Ŝ(q) − E(q)),  E(q) = min over the cell's corners of the Ψ-sums + the constant terms,
 * so |Ŝ − S| ≤ ρ·S and |T̂_c − T_c| ≤ ρ·S·max|v_c|. Queries outside the grid, or whose bound exceeds the
 * tolerance (far from the data, where the sum is tiny next to the FFT's rounding), are handed back as
 * rejected for a fallback. Leave-one-out subtracts the self term w_i·α(0) = w_i (and w_i·v_i).
 */
import { buildBinnedGrids, planGrid } from './binned-grid.js';
import type { BinnedGrids } from './binned-grid.js';
import { newSums } from './types.js';
import type { ApproxRequest, MethodResult } from './types.js';

/** The cached grids, or why the keys cannot be binned for this tolerance. */
export function binnedGrids(req: ApproxRequest): BinnedGrids | { refused: string } {
  const key = 'binned';
  let grids = req.cache.get(key) as BinnedGrids | { refused: string } | undefined;
  if (!grids) {
    const h = req.sim.invWidth.map((v) => 1 / v);
    const plan = planGrid(req.keys, h, req.tolerance);
    grids = 'refused' in plan ? plan : buildBinnedGrids(req.keys, h, plan);
    req.cache.set(key, grids);
  }
  return grids;
}

export function binned(req: ApproxRequest, grids: BinnedGrids): MethodResult {
  const { keys, queries, m, exclude, tolerance } = req;
  const { plan, S, B, T, constantError, relativeError } = grids;
  const { d, p, weights: Wt, values: V, rank } = keys;
  const sums = newSums(m, p);
  const bounds = new Float64Array(m);
  const rejected: number[] = [];
  const cols = d === 2 ? plan.nodes[1]! : 1;
  const corner = new Int32Array(4), cw = new Float64Array(4);
  for (let i = 0; i < m; i++) {
    // the query's cell and its corner weights
    let inside = true, nc = 2;
    let o = 0;
    const t = [0, 0];
    for (let c = 0; c < d; c++) {
      const f = (queries[i * d + c]! - plan.origin[c]!) / plan.delta[c]!;
      let j = Math.floor(f);
      if (!(f >= 0 && f <= plan.nodes[c]! - 1)) { inside = false; break; }
      if (j > plan.nodes[c]! - 2) j = plan.nodes[c]! - 2;
      t[c] = f - j;
      o = o * (c === 1 ? cols : 1) + j;
    }
    if (!inside) { rejected.push(i); continue; }
    if (d === 1) {
      corner[0] = o; corner[1] = o + 1; cw[0] = 1 - t[0]!; cw[1] = t[0]!;
    } else {
      nc = 4;
      corner[0] = o; corner[1] = o + 1; corner[2] = o + cols; corner[3] = o + cols + 1;
      cw[0] = (1 - t[0]!) * (1 - t[1]!); cw[1] = (1 - t[0]!) * t[1]!; cw[2] = t[0]! * (1 - t[1]!); cw[3] = t[0]! * t[1]!;
    }
    let s = 0, b = Infinity;
    for (let k = 0; k < nc; k++) { s += cw[k]! * S[corner[k]!]!; b = Math.min(b, B[corner[k]!]!); }
    for (let col = 0; col < p; col++) {
      let v = 0;
      for (let k = 0; k < nc; k++) v += cw[k]! * T[col]![corner[k]!]!;
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
    const rho = E / (s - E);
    if (!(s > E) || !(rho <= tolerance)) { rejected.push(i); continue; }
    sums.sum[i] = s;
    bounds[i] = rho;
  }
  const detail = `binned: ${Array.from(plan.nodes).join(' × ')} nodes (FFT ${plan.fft.join(' × ')}), cells of `
    + `${Array.from(plan.delta, (dl, c) => (dl * req.sim.invWidth[c]!).toPrecision(3)).join(' × ')} widths, kernel cut at ${plan.radius.toFixed(2)} widths`;
  return { sums, bounds, detail, rejected: Int32Array.from(rejected), rejectReason: 'outside the grid or too far from the data for the tolerance' };
}
