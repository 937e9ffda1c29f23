/**
 * The exact engine on every backend, side by side with the chapter's own algorithm (numpy and torch build
 * the n × m matrix) and statsmodels KernelReg, on the same data in one run: medians, pairs/s, the fraction
 * of the machine's limit (the C roofline program, when it builds) and each configuration's peak RSS,
 * measured in a fresh child process per configuration.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import '../src/node.js';
import { backendStatus } from '../src/index.js';
import type { BackendName, Precision } from '../src/index.js';
import type { BenchContext, Section } from './common.js';
import { runPython, sci, sec, writeCsv } from './common.js';
import type { ChildRequest, Problem } from './backends-data.js';
import { problemData } from './backends-data.js';
import { rooflineRates } from './roofline.js';

const child = fileURLToPath(new URL('./backends-child.js', import.meta.url));
const MAX_RUNS = 3;
const BUDGET_S = 8;
/** The slowest configuration runs only while its one run is expected to take less than this. */
const SLOW_LIMIT_S = 60;

interface Config { backend: BackendName; precision: Precision; threads: number }
interface Measured { median: number; times: number[]; maxRSSKiB: number; baselineKiB: number; backend: string; out: string; visitedPairs: number }

const mib = (kib: number | undefined) => (kib === undefined ? '—' : (kib / 1024).toFixed(0));
const rate = (pairs: number, s: number | undefined) => (s === undefined ? '—' : `${(pairs / s / 1e6).toPrecision(3)} M`);

function configs(): Config[] {
  const threads = Math.max(1, os.availableParallelism());
  const available = new Set(backendStatus().filter((b) => b.unavailable === null).map((b) => b.name));
  const out: Config[] = [{ backend: 'js', precision: 'float64', threads: 1 }];
  for (const precision of ['float64', 'float32'] as const) {
    if (available.has('wasm')) out.push({ backend: 'wasm', precision, threads: 1 });
    if (available.has('workers')) out.push({ backend: 'workers', precision, threads });
    if (available.has('native')) {
      out.push({ backend: 'native', precision, threads: 1 });
      if (threads > 1) out.push({ backend: 'native', precision, threads });
    }
  }
  return out;
}

function runChild(ctx: BenchContext, req: ChildRequest): Omit<Measured, 'out'> | null {
  const r = spawnSync(process.execPath, [child, JSON.stringify(req)], { encoding: 'utf8', maxBuffer: 1 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    if (r.status === 0) return JSON.parse(r.stdout.trim().split('\n').pop()!);
  } catch { /* reported below */ }
  ctx.log(`child failed (${req.backend} ${req.precision}, exit ${r.status}): ${r.stderr.trim().split('\n').slice(-2).join(' | ')}`);
  return null;
}

function maxAbsDiff(a: string, b: string): number {
  const x = fs.readFileSync(a, 'utf8').trim().split('\n').map(Number);
  const y = fs.readFileSync(b, 'utf8').trim().split('\n').map(Number);
  let m = 0;
  for (let i = 0; i < x.length; i++) if (Number.isFinite(x[i]!) && Number.isFinite(y[i]!)) m = Math.max(m, Math.abs(x[i]! - y[i]!));
  return m;
}

interface ProblemSpec { label: string; problem: Problem; peers: string[] }

function problems(large: boolean): ProblemSpec[] {
  const out: ProblemSpec[] = [];
  const exps = large ? [10, 11, 12, 13, 14, 15] : [10, 12, 14, 15];
  for (const e of exps) {
    out.push({ label: '1-D gaussian', problem: { kernel: 'gaussian', d: 1, n: 2 ** e, m: 2 ** e, h: 0.1, seed: 100 + e },
      peers: ['numpy', 'torch', 'torch32', ...(e <= 13 ? ['statsmodels'] : [])] });
  }
  out.push({ label: '1-D gaussian', problem: { kernel: 'gaussian', d: 1, n: 1_000_000, m: 1000, h: 0.1, seed: 7 }, peers: ['numpy', 'torch', 'torch32'] });
  // memory at n = m = 10⁶: a narrow width, so that the walk visits ~1600 keys per query and the run takes seconds
  out.push({ label: '1-D gaussian, narrow (memory)', problem: { kernel: 'gaussian', d: 1, n: 1_000_000, m: 1_000_000, h: 1e-4, seed: 8 }, peers: [] });
  for (const e of large ? [10, 12, 14] : [12, 14]) {
    out.push({ label: 'd = 8 gaussian', problem: { kernel: 'gaussian', d: 8, n: 2 ** e, m: 2 ** e, h: 1.5, seed: 200 + e }, peers: ['numpy', 'torch', 'torch32'] });
    out.push({ label: '1-D epanechnikov', problem: { kernel: 'epanechnikov', d: 1, n: 2 ** e, m: 2 ** e, h: 0.1, seed: 300 + e }, peers: ['numpy', 'torch', 'torch32'] });
  }
  return out;
}

export function benchBackends(ctx: BenchContext): Section {
  const rows: string[][] = [];
  const notes: string[] = [];
  const cfgs = configs();
  const roof = rooflineRates(ctx);
  if (roof) notes.push(`Roofline (C, ${roof.isa}, polynomial exp, OpenMP; 1-D Gaussian at n = m = ${roof.n}): float32 ${(roof.f32[1]! / 1e9).toFixed(2)}e9 pairs/s on 1 thread, ${(roof.f32[2]! / 1e9).toFixed(2)}e9 on 2; float64 ${(roof.f64[1]! / 1e9).toFixed(2)}e9 / ${(roof.f64[2]! / 1e9).toFixed(2)}e9.`);
  else notes.push('Roofline program unavailable (no C compiler with OpenMP): the "of roofline" column is empty.');
  for (const spec of problems(ctx.large)) {
    const p = spec.problem;
    const pairs = p.n * p.m;
    const size = `${p.n} × ${p.m}`;
    const results = new Map<string, Measured>();
    let slowest = 0;
    for (const cfg of cfgs) {
      const name = `${cfg.backend} ${cfg.precision === 'float32' ? 'f32' : 'f64'} ×${cfg.threads}`;
      // the js engine at ~2e7 pairs/s: skip sizes where one run would take over SLOW_LIMIT_S
      if (cfg.backend === 'js' && pairs / 2e7 > SLOW_LIMIT_S) { notes.push(`${spec.label} ${size}: js skipped (one run would take ~${(pairs / 2e7).toFixed(0)} s).`); continue; }
      const out = path.join(ctx.tmp, `backends-${p.kernel}-${p.d}-${p.n}-${p.m}-${cfg.backend}-${cfg.precision}-${cfg.threads}.txt`);
      ctx.log(`backends ${spec.label} ${size}: ${name}`);
      const r = runChild(ctx, { problem: p, ...cfg, maxRuns: MAX_RUNS, budgetS: BUDGET_S, out });
      if (r) { results.set(name, { ...r, out }); slowest = Math.max(slowest, r.median); }
    }
    // the reference output: a float64 run (native, wasm or js)
    const ref = [...results.entries()].find(([k]) => k.includes('f64'))?.[1];
    // peers get the same data through CSVs, and our reference estimates to compare with
    let peer: Record<string, any> | null = null;
    const matrices = 3.2 * 8 * pairs;
    const peers = spec.peers.filter((lib) => {
      const bytes = lib === 'torch32' ? matrices / 2 : matrices;
      if (bytes > 0.7 * os.totalmem()) { notes.push(`${spec.label} ${size}: ${lib} skipped (its n × m matrices need ≈ ${(bytes / 2 ** 30).toFixed(0)} GiB).`); return false; }
      return true;
    });
    if (ref && peers.length) {
      const { keys, values, queries } = problemData(p);
      const dataFile = path.join(ctx.tmp, 'chapter-data.csv'), queryFile = path.join(ctx.tmp, 'chapter-q.csv');
      const cols: Float64Array[] = [];
      for (let c = 0; c < p.d; c++) cols.push(Float64Array.from({ length: p.n }, (_, i) => keys[i * p.d + c]!));
      writeCsv(dataFile, [...cols, values]);
      const qcols: Float64Array[] = [];
      for (let c = 0; c < p.d; c++) qcols.push(Float64Array.from({ length: p.m }, (_, i) => queries[i * p.d + c]!));
      writeCsv(queryFile, qcols);
      ctx.log(`backends ${spec.label} ${size}: peers ${peers.join(', ')}`);
      peer = runPython(ctx, 'chapter.py', [dataFile, queryFile, ref.out, p.d, p.kernel, p.h, MAX_RUNS, BUDGET_S, peers.join(',')], 1200);
    }
    const np = peer?.numpy as { median: number; maxRSSKiB: number; maxAbsDiff: number } | undefined;
    const torch32 = peer?.torch32 as { median: number; maxRSSKiB: number; maxAbsDiff: number } | undefined;
    const torch64 = peer?.torch as { median: number; maxRSSKiB: number; maxAbsDiff: number } | undefined;
    for (const [name, r] of results) {
      const f32 = name.includes('f32');
      const threads = Number(name.split('×')[1]);
      const frac = roof && p.d === 1 && p.kernel === 'gaussian' ? `${(100 * (r.visitedPairs / r.median) / (f32 ? roof.f32 : roof.f64)[Math.min(2, threads)]!).toFixed(0)} %` : '';
      const visited = r.visitedPairs < pairs ? ` (${(r.visitedPairs / pairs * 100).toPrecision(2)} % visited)` : '';
      rows.push([spec.label, size, name, sec(r.median), rate(r.visitedPairs, r.median) + visited, frac,
        np ? `${(np.median / r.median).toPrecision(3)}×` : '—', torch32 ? `${(torch32.median / r.median).toPrecision(3)}×` : '—',
        `${mib(r.maxRSSKiB)} (${mib(r.baselineKiB)})`, ref ? sci(maxAbsDiff(r.out, ref.out)) : '—']);
    }
    for (const [lib, res] of Object.entries({ 'numpy f64 (d2l)': np, 'torch f64 (d2l)': torch64, 'torch f32 (d2l)': torch32, 'statsmodels f64': peer?.statsmodels })) {
      if (!res || res.median === undefined) continue;
      rows.push([spec.label, size, lib, sec(res.median), rate(pairs, res.median), '', '', '', `${mib(res.maxRSSKiB)} (${mib(res.baselineKiB)})`, sci(res.maxAbsDiff)]);
    }
    if (slowest === 0) ctx.log(`backends ${spec.label} ${size}: no configuration ran`);
  }
  return {
    title: 'Exact engine on every backend vs the chapter\'s algorithm (numpy, torch) and statsmodels',
    notes: [
      'Data: keys and queries ~ U(0,5)^d, values y = 2 sin x₁ + x₁ + N(0,1), seeded; widths h = 0.1 (1-D), 1.5 (d = 8), 10⁻⁴ for the memory row. Pairs/s count the pairs our 1-D walk visits (it skips only terms that are exactly 0: all of them at h = 0.1 for the Gaussian; for the compact Epanechnikov the keys in reach); the peers compute all n × m.',
      'Ours: `pool()` with `backend`, `precision`, `threads` (what regression().predict() runs), in a fresh child per configuration after an untimed warm-up; peers: the chapter\'s code (differences n × m, kernel, column sums, `y @ W`) in numpy (float64) and torch (float64, float32), statsmodels `KernelReg(..., bw=[h]).fit(q)`; each peer in its own fresh process for its peak RSS.',
      `Runs: up to ${MAX_RUNS} per side within ${BUDGET_S} s; medians. Columns "× numpy" and "× torch f32": the peer's median / ours (> 1: ours faster). "of roofline": ours pairs/s / the C roofline's at the same precision and thread count.`,
      'Peak RSS in MiB (VmHWM of the child process after its runs; ru_maxrss for the python peers), its baseline after making the data in brackets. max |Δ|: largest absolute difference of the estimates from our float64 reference run.',
      ...notes,
    ],
    columns: ['problem', 'n × m', 'who', 'median s', 'pairs/s', 'of roofline', '× numpy', '× torch f32', 'peak RSS MiB', 'max |Δ|'],
    rows,
  };
}
