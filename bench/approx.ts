/**
 * The fast paths against the exact engine, on the same data: for each method and tolerance, over widths
 * from narrow to wide and two sizes, the time (fit + evaluation, median) next to the largest and RMS
 * relative error of the answers and the bound the method reported. 1-D Gaussian densities (binned,
 * truncated, auto), 1-D Epanechnikov regression (neighbors, exact), 2-D Gaussian densities on a grid.
 */
import { density, regression } from '../src/index.js';
import type { EstimatorOptions, MethodReport } from '../src/index.js';
import type { BenchContext, Section } from './common.js';
import { sec, timeRuns } from './common.js';
import { SMOKE, errors, sci, evenly, mixture, normal2d, range, rowsOf } from './approx-common.js';
import type { ErrorStats } from './approx-common.js';

const SEED = 20261201;
const BUDGET_S = SMOKE ? 2 : 20;

interface Config { method: EstimatorOptions['method']; tolerance: number }
const GAUSSIAN_1D: Config[] = [
  { method: 'binned', tolerance: 1e-3 }, { method: 'binned', tolerance: 1e-6 },
  { method: 'truncated', tolerance: 1e-3 }, { method: 'truncated', tolerance: 1e-6 }, { method: 'auto', tolerance: 1e-6 },
];
const GAUSSIAN_2D: Config[] = [{ method: 'binned', tolerance: 1e-2 }, { method: 'binned', tolerance: 3e-3 }, { method: 'truncated', tolerance: 1e-2 }, { method: 'auto', tolerance: 1e-2 }];

type Row = string[];

/** Times `run` (fit + evaluation) and compares its answers with the exact ones. */
function measure(ctx: BenchContext, label: string, run: () => { values: Float64Array; method: MethodReport }, exact: Float64Array | null,
  exactTime: number, valueScale?: number): { row: (task: string, size: string, h: string) => Row; time: number; values: Float64Array } {
  ctx.log(label);
  const t = timeRuns(run, 3, BUDGET_S);
  const { values, method } = t.last;
  const e: ErrorStats | null = exact ? errors(values, exact, valueScale) : null;
  const fell = method.fallback.reduce((s, f) => s + f.count, 0);
  const ran = `${method.method}${fell ? ` (+${fell} ${method.fallback.map((f) => f.method).join('/')})` : ''}`;
  const name = method.requested === 'exact' ? 'exact' : `${method.requested} τ=${method.tolerance}`;
  return {
    time: t.median, values,
    row: (task, size, h) => [task, size, h, name, ran, sec(t.median), String(t.runs), exact ? `${(exactTime / t.median).toPrecision(3)}×` : '1×',
      e ? sci(e.max) : '—', e ? sci(e.maxCore) : '—', e ? sci(e.rms) : '—', method.requested === 'exact' ? '0' : sci(method.bound)],
  };
}

export function benchApprox(ctx: BenchContext): Section {
  const rows: Row[] = [];
  const sizes = SMOKE ? [2000] : [10_000, 100_000];
  const m = SMOKE ? 500 : 2000;
  for (const n of sizes) {
    const x = mixture(SEED, n);
    const [lo, hi] = range(x);
    const q = evenly(lo - 1, hi + 1, m);
    const scott = density({ bandwidth: 'scott' }).fit(x).bandwidth[0]!;
    for (const f of [0.1, 1, 10]) {
      const h = scott * f;
      const size = `${n} / ${m}`, hs = `${h.toPrecision(3)} (${f}× Scott)`;
      const dens = (o: EstimatorOptions) => () => {
        const r = density({ bandwidth: h, onWarning: () => {}, ...o }).fit(x).densityDetailed(q);
        return { values: r.density, method: r.method };
      };
      const ex = measure(ctx, `approx: 1-D gaussian density n=${n} h=${hs}: exact`, dens({}), null, 0);
      const exact = ex.values;
      rows.push(ex.row('1-D gaussian density', size, hs));
      for (const c of GAUSSIAN_1D) rows.push(measure(ctx, `approx: … ${c.method} τ=${c.tolerance}`, dens(c), exact, ex.time).row('1-D gaussian density', size, hs));

      // Epanechnikov regression: neighbors against the exact engine (both exact)
      const y = x.map((v) => 2 * Math.sin(v) + v);
      const reg = (o: EstimatorOptions) => () => {
        const r = regression({ kernel: 'epanechnikov', bandwidth: 2 * h, onWarning: () => {}, ...o }).fit(x, y).predictDetailed(q);
        return { values: r.estimates, method: r.method };
      };
      const exR = measure(ctx, `approx: 1-D epanechnikov regression n=${n}: exact`, reg({}), null, 0);
      const exactR = exR.values;
      const yScale = Math.max(...Array.from(y, Math.abs));
      const hr = `${(2 * h).toPrecision(3)} (${2 * f}× Scott)`;
      rows.push(exR.row('1-D epanechnikov regression', size, hr));
      rows.push(measure(ctx, '… neighbors', reg({ method: 'neighbors' }), exactR, exR.time, yScale).row('1-D epanechnikov regression', size, hr));
    }
  }

  // 2-D densities on a grid over the data's box
  const n2 = SMOKE ? 3000 : 100_000, g = SMOKE ? 24 : 64;
  const x2 = normal2d(SEED + 1, n2);
  const [a0, a1] = range(x2, 2, 0), [b0, b1] = range(x2, 2, 1);
  const grid = new Float64Array(2 * g * g);
  for (let i = 0; i < g; i++) for (let j = 0; j < g; j++) { grid[2 * (i * g + j)] = a0 + ((a1 - a0) * i) / (g - 1); grid[2 * (i * g + j) + 1] = b0 + ((b1 - b0) * j) / (g - 1); }
  const keys2 = rowsOf(x2, 2), q2 = rowsOf(grid, 2);
  const scott2 = density({ bandwidth: 'scott' }).fit(keys2).bandwidth[0]!;
  for (const f of [0.3, 1, 3]) {
    const h = scott2 * f;
    const size = `${n2} / ${g}²`, hs = `${h.toPrecision(3)} (${f}× Scott)`;
    const dens = (o: EstimatorOptions) => () => {
      const r = density({ bandwidth: [h, h], onWarning: () => {}, ...o }).fit(keys2).densityDetailed(q2);
      return { values: r.density, method: r.method };
    };
    const ex = measure(ctx, `approx: 2-D gaussian density n=${n2} h=${hs}: exact`, dens({}), null, 0);
    const exact = ex.values;
    rows.push(ex.row('2-D gaussian density', size, hs));
    for (const c of GAUSSIAN_2D) rows.push(measure(ctx, `approx: … ${c.method} τ=${c.tolerance}`, dens(c), exact, ex.time).row('2-D gaussian density', size, hs));
  }

  return {
    title: `Fast paths against the exact engine: error and time over widths and sizes${SMOKE ? ' (smoke sizes)' : ''}`,
    notes: [
      'Data: 1-D: 0.6 N(0,1) + 0.4 N(3, 0.5²), queries evenly from min − 1 to max + 1; regression y = 2 sin x + x; 2-D: correlated normal (ρ = 0.6), queries on a grid over the data\'s box. Seeded.',
      'Timed: fit + evaluation (`density(o).fit(x).densityDetailed(q)`, `regression(o).fit(x, y).predictDetailed(q)`), median of up to 3 runs within 20 s. vs exact: exact time / this time.',
      'Errors against the exact engine on the same queries: densities |f̂ − f| / f; regression |ŷ − y| / max|y|. "core": only where f ≥ 10⁻³ max f (the RMS too). bound: the ρ the method reported (the sums\' relative error is at most ρ; a density\'s too).',
      'ran: the method that ran, and how many queries a fallback computed (queries beyond the grid or where the grid cannot meet the tolerance go to truncation).',
    ],
    columns: ['task', 'n / m', 'h', 'method', 'ran', 'time (s)', 'runs', 'vs exact', 'max rel. err', 'max rel. err (core)', 'RMS rel. err (core)', 'bound'],
    rows,
  };
}
