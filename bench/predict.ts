/**
 * The estimate itself: 1-D Gaussian Nadaraya–Watson at n = m = 2^10 … 2^14 (2^15 with --large), width 0.1.
 * Ours `regression({ bandwidth: 0.1 }).fit(x, y).predict(q)` (streaming, never builds the n × m matrix)
 * against the chapter's algorithm in numpy (builds it) and statsmodels `KernelReg(..., bw=[0.1]).fit(q)`.
 * Both sides run in fresh child processes on the same data, so each peak RSS is that side's own.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import path from 'node:path';
import { seededRandom } from '../src/index.js';
import type { BenchContext, Section } from './common.js';
import { ratio, runPython, sci, sec, writeCsv } from './common.js';
import { chapterSample } from './cv-ls.js';

const SEED = 20261126;
const H = 0.1;
const MAX_RUNS = 3;
/** Seconds per side and size: a further run starts only while it is expected to fit. */
const BUDGET_S = 10;
/** numpy's measured peak is ≈ 3.1 dense n × m float64 matrices (differences, kernel, weights). */
const NUMPY_MATRICES = 3.2;

const child = fileURLToPath(new URL('./predict-child.js', import.meta.url));
const mib = (kib: number | undefined): string => (kib === undefined ? '—' : (kib / 1024).toFixed(0));

interface OursResult { times: number[]; median: number; maxRSSKiB: number; baselineKiB: number }

function runOurs(ctx: BenchContext, args: string[]): OursResult | null {
  const r = spawnSync(process.execPath, [child, ...args], { encoding: 'utf8', maxBuffer: 1 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    if (r.status === 0) return JSON.parse(r.stdout.trim().split('\n').pop()!) as OursResult;
  } catch { /* reported below */ }
  ctx.log(`ours failed in the child (exit ${r.status}, ${r.signal ?? 'no signal'}): ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  return null;
}

export function benchPredict(ctx: BenchContext): Section {
  const exps = ctx.large ? [10, 11, 12, 13, 14, 15] : [10, 11, 12, 13, 14];
  const rows: string[][] = [];
  const notes: string[] = [];
  for (const e of exps) {
    const n = 2 ** e;
    const { x, y } = chapterSample(n, SEED + n);
    const rng = seededRandom(SEED - n);
    const q = Float64Array.from({ length: n }, () => 5 * rng.uniform());
    const dataFile = path.join(ctx.tmp, `predict-${n}.csv`);
    const queryFile = path.join(ctx.tmp, `predict-${n}-q.csv`);
    const oursFile = path.join(ctx.tmp, `predict-${n}-ours.csv`);
    writeCsv(dataFile, [x, y]);
    writeCsv(queryFile, [q]);

    ctx.log(`predict n=m=2^${e}: ours (child process)`);
    const ours = runOurs(ctx, [dataFile, queryFile, oursFile, String(H), String(MAX_RUNS), String(BUDGET_S)]);
    if (!ours) continue;

    const need = NUMPY_MATRICES * 8 * n * n;
    const skipNumpy = need > 0.8 * os.freemem();
    if (skipNumpy) {
      notes.push(`numpy skipped at n = m = 2^${e}: its dense matrices need ≈ ${(need / 2 ** 30).toFixed(0)} GiB, ${(os.freemem() / 2 ** 30).toFixed(0)} GiB free.`);
      ctx.log(notes[notes.length - 1]!);
    }
    ctx.log(`predict n=m=2^${e}: numpy (d2l) and statsmodels`);
    const peer = runPython(ctx, 'predict.py', [dataFile, queryFile, oursFile, H, MAX_RUNS, BUDGET_S, skipNumpy ? 1 : 0]);

    const pairs = n * n;
    const oursCells = [sec(ours.median)];
    const rate = `${(pairs / ours.median / 1e6).toFixed(1)} M`;
    const oursRss = `${mib(ours.maxRSSKiB)} (${mib(ours.baselineKiB)})`;
    const np = peer?.numpy as { times: number[]; median: number; maxRSSKiB: number; maxAbsDiff: number } | undefined;
    const sm = peer?.statsmodels as { times: number[]; median: number; maxAbsDiff: number } | undefined;
    rows.push(['predict vs numpy (d2l matrix)', `2^${e}`, ...oursCells, sec(np?.median), ratio(np?.median, ours.median),
      `${ours.times.length}/${np ? np.times.length : 0}`, rate, oursRss,
      np ? `${mib(np.maxRSSKiB)} (${mib(peer?.baselineKiB as number)})` : '—', sci(np?.maxAbsDiff)]);
    rows.push(['predict vs statsmodels KernelReg.fit', `2^${e}`, ...oursCells, sec(sm?.median), ratio(sm?.median, ours.median),
      `${ours.times.length}/${sm ? sm.times.length : 0}`, rate, oursRss, '', sci(sm?.maxAbsDiff)]);
  }
  return {
    title: `Prediction: 1-D Gaussian Nadaraya–Watson, n = m, width ${H} (peers: numpy with the chapter's algorithm, statsmodels KernelReg)`,
    notes: [
      'Data: keys and queries ~ U(0,5), y = 2 sin x + x + N(0,1), seeded; the same doubles go to python through CSVs.',
      'Timed: ours `regression({ bandwidth: 0.1 }).fit(x, y).predict(q)`; numpy: differences n × m, exp(−d²/2h²), divide by the column sums, `y @ W` (d2l, in float64); statsmodels: `KernelReg(y, x, \'c\', reg_type=\'lc\', bw=[0.1]).fit(q)` (it also computes marginal effects).',
      `Runs: up to ${MAX_RUNS} per side, fewer when they would not fit in ${BUDGET_S} s (the count is shown); ours after an untimed warm-up on 1024 points. Medians.`,
      'Pairs/s: n·m / our median time. Peak RSS in MiB (ru_maxrss / maxRSS of a fresh process after its runs), the process\'s baseline after reading the data in brackets; numpy\'s is read before statsmodels is imported.',
      'max |Δ|: largest absolute difference between the peer\'s estimates and ours.',
      ...notes,
    ],
    columns: ['task', 'n = m', 'ours (median s)', 'peer (median s)', 'ratio peer/ours', 'runs ours/peer', 'ours pairs/s', 'ours peak RSS MiB', 'numpy peak RSS MiB', 'max |Δ|'],
    rows,
  };
}
