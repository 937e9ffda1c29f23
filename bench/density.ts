/**
 * Parzen density: 1-D Gaussian, n = 10⁴ training points, m = 10³ queries, one width h for everyone (Scott's
 * rule, computed by ours). Ours `density({ bandwidth: h }).fit(x).pdf(q)` against SciPy `gaussian_kde` and
 * scikit-learn `KernelDensity(rtol=0)`; the max relative difference of the answers is the accuracy twin of
 * the timing.
 */
import path from 'node:path';
import { density, seededRandom } from '../src/index.js';
import type { BenchContext, Section } from './common.js';
import { num, ratio, runPython, sci, sec, timeRuns, writeCsv } from './common.js';

const SEED = 20261127;
const N = 10_000;
const M = 1_000;
const MAX_RUNS = 5;
const BUDGET_S = 10;

export function benchDensity(ctx: BenchContext): Section {
  // a two-component normal mixture: 0.6 N(0, 1) + 0.4 N(3, 0.5²)
  const rng = seededRandom(SEED);
  const x = Float64Array.from({ length: N }, () => (rng.uniform() < 0.6 ? rng.normal() : 3 + 0.5 * rng.normal()));
  let lo = Infinity, hi = -Infinity;
  for (const v of x) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  // queries on an even grid one unit beyond the data on each side (the tails are compared too)
  const q = Float64Array.from({ length: M }, (_, i) => lo - 1 + ((hi - lo + 2) * i) / (M - 1));
  const h = density({ bandwidth: 'scott' }).fit(x).bandwidth[0]!;

  // untimed warm-up on a slice (V8 tiers up over a few calls; the peers' code is compiled ahead of time)
  for (let r = 0; r < 4; r++) density({ bandwidth: h }).fit(x.subarray(0, 1000)).pdf(q.subarray(0, 100));
  ctx.log(`density n=${N}, m=${M}: ours (up to ${MAX_RUNS} runs)`);
  const ours = timeRuns(() => density({ bandwidth: h }).fit(x).pdf(q), MAX_RUNS, BUDGET_S);
  const trainFile = path.join(ctx.tmp, 'density-train.csv');
  const queryFile = path.join(ctx.tmp, 'density-q.csv');
  const oursFile = path.join(ctx.tmp, 'density-ours.csv');
  writeCsv(trainFile, [x]);
  writeCsv(queryFile, [q]);
  writeCsv(oursFile, [ours.last]);

  ctx.log(`density n=${N}, m=${M}: scipy gaussian_kde and scikit-learn KernelDensity`);
  const peer = runPython(ctx, 'density.py', [trainFile, queryFile, oursFile, h, MAX_RUNS, BUDGET_S]);
  const rows: string[][] = [];
  for (const [name, key] of [['scipy gaussian_kde', 'scipy'], ['scikit-learn KernelDensity(rtol=0)', 'sklearn']] as const) {
    const p = peer?.[key] as { times: number[]; median: number; maxRelDiff: number } | undefined;
    rows.push([`density vs ${name}`, `${N} / ${M}`, sec(ours.median), sec(p?.median), ratio(p?.median, ours.median),
      `${ours.runs}/${p ? p.times.length : 0}`, num(h), sci(p?.maxRelDiff)]);
  }
  return {
    title: 'Parzen density: 1-D Gaussian, 10⁴ training points, 10³ queries (peers: SciPy gaussian_kde, scikit-learn KernelDensity)',
    notes: [
      'Data: 0.6 N(0,1) + 0.4 N(3, 0.5²), seeded; queries on an even grid from min − 1 to max + 1. Width h = Scott\'s rule (ours), given to every side as the kernel SD (SciPy: bw_method = h / sd(x, ddof = 1)).',
      'Timed: fit + evaluation on each side. Runs: up to 5 per side within 10 s, ours after an untimed warm-up on a slice. Medians.',
      'max rel. diff: max over queries of |ours − peer| / peer.',
    ],
    columns: ['task', 'n / m', 'ours (median s)', 'peer (median s)', 'ratio peer/ours', 'runs ours/peer', 'h', 'max rel. diff'],
    rows,
  };
}
