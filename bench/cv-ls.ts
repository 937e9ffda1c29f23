/**
 * Bandwidth selection by least-squares cross-validation, 1-D Gaussian regression on the chapter's function
 * y = 2 sin x + x + N(0, 1), x ~ U(0, 5): ours `regression({ bandwidth: 'cv-ls' })` against statsmodels
 * `KernelReg(..., reg_type='lc', bw='cv_ls')` on the same data (a temp CSV). Both chosen widths are scored by
 * OUR exact leave-one-out MSE, so the objectives compare like with like.
 */
import path from 'node:path';
import { regression, seededRandom } from '../src/index.js';
import type { BenchContext, Section } from './common.js';
import { num, ratio, runPython, sec, timeRuns, writeCsv } from './common.js';

const SEED = 20261125;
const OUR_RUNS = 3;
/** statsmodels' cv_ls is a python loop over the points per evaluation, O(n²) each: fewer runs as n grows. */
const peerRuns = (n: number): number => (n <= 200 ? 3 : 1);

export function chapterSample(n: number, seed: number): { x: Float64Array; y: Float64Array } {
  const rng = seededRandom(seed);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = 5 * rng.uniform();
    y[i] = 2 * Math.sin(x[i]!) + x[i]! + rng.normal();
  }
  return { x, y };
}

const looMse = (x: Float64Array, y: Float64Array, h: number): number => regression({ bandwidth: h }).fit(x, y).leaveOneOut().mse;

export function benchCvLs(ctx: BenchContext): Section {
  const sizes = ctx.large ? [200, 800, 3200, 10_000] : [200, 800, 3200];
  const rows: string[][] = [];
  // untimed warm-up (V8 tiers up over a few calls; the peer's code is compiled ahead of time)
  const warm = chapterSample(200, SEED);
  for (let r = 0; r < 3; r++) looMse(warm.x, warm.y, regression({ bandwidth: 'cv-ls' }).fit(warm.x, warm.y).bandwidth[0]!);
  for (const n of sizes) {
    const { x, y } = chapterSample(n, SEED + n);
    const file = path.join(ctx.tmp, `cv-ls-${n}.csv`);
    writeCsv(file, [x, y]);

    ctx.log(`cv-ls n=${n}: ours (${OUR_RUNS} runs)`);
    const ours = timeRuns(() => regression({ bandwidth: 'cv-ls' }).fit(x, y), OUR_RUNS);
    const hOurs = ours.last.bandwidth[0]!;

    ctx.log(`cv-ls n=${n}: statsmodels KernelReg cv_ls (${peerRuns(n)} run${peerRuns(n) > 1 ? 's' : ''})`);
    const peer = runPython(ctx, 'cv_ls.py', [file, peerRuns(n)]);
    const sm = peer?.statsmodels as { times: number[]; median: number; bw: number } | undefined;

    const objOurs = looMse(x, y, hOurs);
    const objPeer = sm ? looMse(x, y, sm.bw) : undefined;
    rows.push([
      'cv-ls width', String(n), sec(ours.median), sec(sm?.median), ratio(sm?.median, ours.median),
      `${ours.runs}/${sm ? sm.times.length : 0}`,
      num(hOurs), num(sm?.bw), num(objOurs, 6), num(objPeer, 6),
      objPeer === undefined ? '—' : (objPeer - objOurs).toExponential(1),
    ]);
  }
  return {
    title: 'Bandwidth selection: cv-ls, 1-D Gaussian regression (peer: statsmodels KernelReg, reg_type=lc, bw=cv_ls)',
    notes: [
      'Data: y = 2 sin x + x + N(0,1), x ~ U(0,5), seeded; the same doubles go to python through a CSV.',
      'Timed: ours `regression({ bandwidth: \'cv-ls\' }).fit(x, y)`; peer `KernelReg(y, x, var_type=\'c\', reg_type=\'lc\', bw=\'cv_ls\')` (its constructor runs the search).',
      `Runs: ours ${OUR_RUNS} after an untimed warm-up at n = 200; statsmodels 3 at n = 200, 1 above (each of its runs takes seconds to minutes). Medians.`,
      'Objectives: both widths scored by our exact leave-one-out MSE, `regression({ bandwidth: h }).fit(x, y).leaveOneOut().mse`; Δ = peer − ours (> 0: our width is better).',
    ],
    columns: ['task', 'n', 'ours (median s)', 'peer (median s)', 'ratio peer/ours', 'runs ours/peer', 'h ours', 'h statsmodels', 'LOO MSE @ h ours', 'LOO MSE @ h statsmodels', 'Δ objective'],
    rows,
  };
}
