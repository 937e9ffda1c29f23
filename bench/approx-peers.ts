/**
 * The fast paths next to the tools people use for the same job, in one run on the same data: R KernSmooth
 * (`bkde`, `bkde2D`, `locpoly`: linear binning + FFT on its own grid), fast-kde (binning + Deriche's
 * recursive filter, npm), scikit-learn `KernelDensity` with a relative tolerance (tree walk), and our exact
 * engine. Each answer is compared with our exact engine at the peer's own evaluation points; ours runs at
 * those same points too, so every peer row has a paired row of ours.
 */
import fs from 'node:fs';
import path from 'node:path';
import { density1d, density2d } from 'fast-kde';
import { density, regression } from '../src/index.js';
import type { EstimatorOptions } from '../src/index.js';
import type { BenchContext, Section } from './common.js';
import { median, runPython, sec, timeRuns, writeCsv } from './common.js';
import { SMOKE, errors, sci, evenly, mixture, normal2d, range, readNumbers, rowsOf, runR } from './approx-common.js';
import type { ErrorStats } from './approx-common.js';

const SEED = 20261202;
const RUNS = 5;
const BUDGET_S = SMOKE ? 2 : 15;

type Row = string[];
const row = (task: string, who: string, points: string, time: number | undefined, runs: number, e: ErrorStats | null, bound: string): Row =>
  [task, who, points, sec(time), String(runs), e ? sci(e.max) : '—', e ? sci(e.maxCore) : '—', e ? sci(e.rms) : '—', bound];

export function benchApproxPeers(ctx: BenchContext): Section {
  const rows: Row[] = [];
  const file = (name: string) => path.join(ctx.tmp, name);
  const ours = (task: string, label: string, points: string, run: () => { values: Float64Array; bound: number; method: string }, exact: Float64Array | null, scale?: number) => {
    ctx.log(`approx-peers: ${task}: ours ${label}`);
    const t = timeRuns(run, RUNS, BUDGET_S);
    rows.push(row(task, `ours ${label} → ${t.last.method}`, points, t.median, t.runs, exact ? errors(t.last.values, exact, scale) : null, sci(t.last.bound)));
    return t.last.values;
  };

  // ---- 1-D density and regression ------------------------------------------------------------------
  const n = SMOKE ? 5000 : 100_000, m = SMOKE ? 500 : 2000;
  const x = mixture(SEED, n);
  const y = x.map((v) => 2 * Math.sin(v) + v);
  const yScale = Math.max(...Array.from(y, Math.abs));
  const [lo, hi] = range(x);
  const h = density({ bandwidth: 'scott' }).fit(x).bandwidth[0]!;
  const task1 = `1-D gaussian density, n = ${n}, h = ${h.toPrecision(3)} (Scott)`;
  const dens = (q: Float64Array, o: EstimatorOptions) => () => {
    const r = density({ bandwidth: h, ...o }).fit(x).densityDetailed(q);
    return { values: r.density, bound: r.method.bound, method: r.method.method };
  };
  writeCsv(file('x.txt'), [x]);
  writeCsv(file('y.txt'), [y]);

  // arbitrary queries: ours exact, ours approximate, scikit-learn with rtol
  const q = evenly(lo - 1, hi + 1, m);
  writeCsv(file('q.txt'), [q]);
  const exactQ = ours(task1, 'exact', `${m} queries`, dens(q, {}), null);
  for (const tolerance of [1e-6, 1e-3]) ours(task1, `auto τ=${tolerance}`, `${m} queries`, dens(q, { tolerance }), exactQ);
  for (const rtol of [1e-6, 1e-3]) {
    ctx.log(`approx-peers: ${task1}: scikit-learn rtol=${rtol}`);
    const out = file(`sk-${rtol}.txt`);
    const p = runPython(ctx, 'kde_rtol.py', [file('x.txt'), file('q.txt'), h, rtol, out, RUNS, BUDGET_S]);
    const t = p?.sklearn as { times: number[]; median: number } | undefined;
    rows.push(row(task1, `scikit-learn KernelDensity rtol=${rtol}`, `${m} queries`, t?.median, t?.times.length ?? 0, t ? errors(readNumbers(out), exactQ) : null, '—'));
  }

  // KernSmooth bkde on its grid of 401 points over [lo − 1, hi + 1]; ours at the same points
  const G = 401;
  const gridR = evenly(lo - 1, hi + 1, G);
  const exactR = dens(gridR, {})().values;
  ctx.log(`approx-peers: ${task1}: KernSmooth bkde`);
  const bk = runR(ctx, 'kernsmooth.R', ['bkde', file('x.txt'), h, G, lo - 1, hi + 1, file('bkde.txt'), RUNS, BUDGET_S]);
  rows.push(row(task1, 'R KernSmooth bkde (gridsize 401)', `${G}-point grid`, bk ? median(bk.times) : undefined, bk?.times.length ?? 0, bk ? errors(readNumbers(file('bkde.txt')), exactR) : null, '—'));
  ours(task1, 'binned τ=1e-3', `${G}-point grid`, dens(gridR, { method: 'binned', tolerance: 1e-3 }), exactR);

  // fast-kde on its 512 bins over [lo − 3h, hi + 3h]; ours at the same points
  const B = 512;
  const e0 = lo - 3 * h, e1 = hi + 3 * h, delta = (e1 - e0) / (B - 1);
  const gridF = Float64Array.from({ length: B }, (_, i) => e0 + i * delta);
  const exactF = dens(gridF, {})().values;
  ctx.log(`approx-peers: ${task1}: fast-kde`);
  const fk = timeRuns(() => density1d(x, { bandwidth: h, extent: [e0, e1], bins: B }).grid().map((v) => v / delta), RUNS, BUDGET_S);
  rows.push(row(task1, 'fast-kde density1d (512 bins)', `${B}-point grid`, fk.median, fk.runs, errors(fk.last, exactF), '—'));
  ours(task1, 'binned τ=1e-3', `${B}-point grid`, dens(gridF, { method: 'binned', tolerance: 1e-3 }), exactF);

  // Nadaraya–Watson regression: KernSmooth locpoly (degree 0) on its grid; ours at the same points
  const task2 = `1-D gaussian regression, n = ${n}, h = ${h.toPrecision(3)}`;
  const reg = (qq: Float64Array, o: EstimatorOptions) => () => {
    const r = regression({ bandwidth: h, ...o }).fit(x, y).predictDetailed(qq);
    return { values: r.estimates, bound: r.method.bound, method: r.method.method };
  };
  const exactReg = ours(task2, 'exact', `${G}-point grid`, reg(gridR, {}), null);
  ctx.log(`approx-peers: ${task2}: KernSmooth locpoly`);
  const lp = runR(ctx, 'kernsmooth.R', ['locpoly', file('x.txt'), file('y.txt'), h, G, lo - 1, hi + 1, file('locpoly.txt'), RUNS, BUDGET_S]);
  // locpoly divides binned sums that can be 0 far from the data: NaN there; its errors are over the rest
  const lpValues = lp ? readNumbers(file('locpoly.txt')) : null;
  const lpDefined = lpValues ? Array.from(lpValues.keys()).filter((i) => !Number.isNaN(lpValues[i]!)) : [];
  const lpUndefined = lpValues ? lpValues.length - lpDefined.length : 0;
  rows.push(row(task2, `R KernSmooth locpoly degree 0 (gridsize 401)${lpUndefined ? `, NaN at ${lpUndefined} points` : ''}`, `${G}-point grid`,
    lp ? median(lp.times) : undefined, lp?.times.length ?? 0,
    lpValues ? errors(lpDefined.map((i) => lpValues[i]!), lpDefined.map((i) => exactReg[i]!), yScale) : null, '—'));
  ours(task2, 'auto τ=1e-6', `${G}-point grid`, reg(gridR, { tolerance: 1e-6 }), exactReg, yScale);
  ours(task2, 'binned τ=1e-3', `${G}-point grid`, reg(gridR, { method: 'binned', tolerance: 1e-3 }), exactReg, yScale);

  // ---- 2-D density on a 256² grid over the data's box ----------------------------------------------
  const n2 = SMOKE ? 5000 : 100_000, g = SMOKE ? 64 : 256;
  const x2 = normal2d(SEED + 1, n2);
  const keys2 = rowsOf(x2, 2);
  const h2 = density({ bandwidth: 'scott' }).fit(keys2).bandwidth[0]!;
  const [a0, a1] = range(x2, 2, 0), [b0, b1] = range(x2, 2, 1);
  const dx = (a1 - a0) / (g - 1), dy = (b1 - b0) / (g - 1);
  // x index fastest, as fast-kde's grid and R's column-major matrix
  const grid = new Float64Array(2 * g * g);
  for (let j = 0; j < g; j++) for (let i = 0; i < g; i++) { grid[2 * (j * g + i)] = a0 + i * dx; grid[2 * (j * g + i) + 1] = b0 + j * dy; }
  // the exact engine on every 64th grid point (the whole grid would take minutes); errors on those points
  const sample = Int32Array.from({ length: Math.ceil((g * g) / 64) }, (_, k) => k * 64);
  const at = (values: Float64Array) => Float64Array.from(sample, (k) => values[k]!);
  const task3 = `2-D gaussian density, n = ${n2}, h = ${h2.toPrecision(3)} (Scott), ${g}² grid`;
  const dens2 = (qq: Float64Array, o: EstimatorOptions) => () => {
    const r = density({ bandwidth: [h2, h2], onWarning: () => {}, ...o }).fit(keys2).densityDetailed(rowsOf(qq, 2));
    return { values: r.density, bound: r.method.bound, method: r.method.method };
  };
  const sampled = Float64Array.from(Array.from(sample).flatMap((k) => [grid[2 * k]!, grid[2 * k + 1]!]));
  const exact2 = ours(task3, 'exact', `${sample.length} of the grid points`, dens2(sampled, {}), null);
  ctx.log(`approx-peers: ${task3}: fast-kde`);
  const fk2 = timeRuns(() => {
    const scale = 1 / (dx * dy);
    return density2d(keys2, { bandwidth: [h2, h2], extent: [[a0, a1], [b0, b1]], bins: [g, g] }).grid().map((v) => v * scale);
  }, RUNS, BUDGET_S);
  rows.push(row(task3, `fast-kde density2d (${g}² bins)`, `${g}² grid`, fk2.median, fk2.runs, errors(at(fk2.last), exact2), '—'));
  writeCsv(file('x2a.txt'), [Float64Array.from(keys2, (r) => r[0]!)]);
  writeCsv(file('x2b.txt'), [Float64Array.from(keys2, (r) => r[1]!)]);
  ctx.log(`approx-peers: ${task3}: KernSmooth bkde2D`);
  const bk2 = runR(ctx, 'kernsmooth.R', ['bkde2D', file('x2a.txt'), file('x2b.txt'), h2, g, a0, a1, b0, b1, file('bkde2d.txt'), RUNS, BUDGET_S]);
  rows.push(row(task3, `R KernSmooth bkde2D (gridsize ${g}²)`, `${g}² grid`, bk2 ? median(bk2.times) : undefined, bk2?.times.length ?? 0,
    bk2 ? errors(at(readNumbers(file('bkde2d.txt'))), exact2) : null, '—'));
  for (const tolerance of [1e-1, 1e-2]) {
    ctx.log(`approx-peers: ${task3}: ours binned τ=${tolerance}`);
    const t = timeRuns(dens2(grid, { method: 'binned', tolerance }), SMOKE ? 1 : 3, BUDGET_S);
    rows.push(row(task3, `ours binned τ=${tolerance} → ${t.last.method}`, `${g}² grid`, t.median, t.runs, errors(at(t.last.values), exact2), sci(t.last.bound)));
  }
  ctx.log(`approx-peers: ${task3}: scikit-learn rtol=1e-3`);
  writeCsv(file('x2.txt'), [Float64Array.from(keys2, (r) => r[0]!), Float64Array.from(keys2, (r) => r[1]!)]);
  writeCsv(file('q2.txt'), [Float64Array.from(sample, (k) => grid[2 * k]!), Float64Array.from(sample, (k) => grid[2 * k + 1]!)]);
  const sk2 = runPython(ctx, 'kde_rtol.py', [file('x2.txt'), file('q2.txt'), h2, 1e-3, file('sk2.txt'), RUNS, BUDGET_S]);
  const skt = sk2?.sklearn as { times: number[]; median: number } | undefined;
  rows.push(row(task3, 'scikit-learn KernelDensity rtol=1e-3', `${sample.length} of the grid points`, skt?.median, skt?.times.length ?? 0,
    skt ? errors(readNumbers(file('sk2.txt')), exact2) : null, '—'));
  for (const f of fs.readdirSync(ctx.tmp)) if (f.endsWith('.txt')) fs.rmSync(path.join(ctx.tmp, f));

  return {
    title: `Fast paths and their peers, paired on the same data${SMOKE ? ' (smoke sizes)' : ''}`,
    notes: [
      '1-D: 0.6 N(0,1) + 0.4 N(3, 0.5²), regression y = 2 sin x + x; 2-D: correlated normal (ρ = 0.6). Seeded; the same doubles go to R and python through text files. Every side uses the same Gaussian width (the kernel\'s SD).',
      'Each peer is evaluated where it evaluates (R\'s grid of gridsize points, fast-kde\'s bins, scikit-learn at the queries) and compared with our exact engine at those points; ours runs at the same points in the next row. In 2-D the exact engine runs on every 64th grid point and the errors are over those points.',
      'Errors: densities |f̂ − f| / f (all points, and "core": where f ≥ 10⁻³ max f; the RMS is over the core); regression |ŷ − y| / max|y|. bound: the ρ our method reported; peers give none.',
      'Timed: fit + evaluation on each side, by its own clock (R proc.time, to 1 ms; python perf_counter; ours performance.now), median of up to 5 runs.',
    ],
    columns: ['task', 'who', 'points', 'time (s)', 'runs', 'max rel. err', 'max rel. err (core)', 'RMS rel. err (core)', 'bound'],
    rows,
  };
}

