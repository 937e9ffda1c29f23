/**
 * The machine's limit, measured: builds the C roofline program (bench/roofline/roofline.c, the exact 1-D
 * Gaussian Nadaraya–Watson estimate with AVX-512 or AVX2, a polynomial exp and OpenMP) with the system's
 * gcc at bench time, runs it, and reads its JSON. Null with a reason when there is no gcc with OpenMP, or
 * the processor has neither AVX2 nor AVX-512.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchContext } from './common.js';

const source = fileURLToPath(new URL('../../bench/roofline/roofline.c', import.meta.url));

/** Pairs per second by thread count, pairs per CPU-second (less disturbed by other processes) by thread count. */
export interface RooflinePrecision { wall: Record<number, number>; cpu: Record<number, number>; maxRelError: number }
export interface RooflineResult { isa: string; n: number; m: number; runs: number; float32: RooflinePrecision; float64: RooflinePrecision }

/** Compiles the program into `dir` (once per source version); the binary's path, or why not. */
export function buildRoofline(dir: string = os.tmpdir()): { binary: string } | { reason: string } {
  const stamp = fs.statSync(source).mtimeMs.toFixed(0);
  const binary = path.join(dir, `nadaraya-roofline-${stamp}`);
  if (fs.existsSync(binary)) return { binary };
  const r = spawnSync('gcc', ['-O3', '-fopenmp', '-march=native', '-o', binary, source, '-lm'], { encoding: 'utf8' });
  if (r.error) return { reason: `gcc could not run (${r.error.message})` };
  if (r.status !== 0) return { reason: `gcc failed: ${(r.stderr || r.stdout).trim().split('\n').find((l) => /error/.test(l)) ?? `exit ${r.status}`}` };
  return { binary };
}

/** Runs the roofline: n keys × m queries, `runs` timed runs per configuration (median), for each thread count. */
export function runRoofline(options: { n?: number; m?: number; runs?: number; threads?: number[]; dir?: string } = {}): RooflineResult | { reason: string } {
  const built = buildRoofline(options.dir);
  if ('reason' in built) return built;
  const { n = 16384, m = n, runs = 5, threads = [1, 2] } = options;
  const r = spawnSync(built.binary, [String(n), String(m), String(runs), threads.join(',')], { encoding: 'utf8' });
  if (r.status !== 0) return { reason: `the roofline program failed (exit ${r.status}): ${r.stderr.trim()}` };
  const raw = JSON.parse(r.stdout) as Record<string, unknown>;
  const side = (key: string): RooflinePrecision => {
    const s = raw[key] as Record<string, number | Record<string, number>>;
    const wall: Record<number, number> = {}, cpu: Record<number, number> = {};
    for (const t of threads) { wall[t] = s[String(t)] as number; cpu[t] = (s.cpu as Record<string, number>)[String(t)]!; }
    return { wall, cpu, maxRelError: s.maxRelError as number };
  };
  return { isa: raw.isa as string, n, m, runs, float32: side('float32'), float64: side('float64') };
}

/** For the backends benchmark (bench/backends.ts): pairs/s on 1 and 2 threads at n = m = 16384, or null. */
export function rooflineRates(ctx: BenchContext): { isa: string; n: number; f32: Record<number, number>; f64: Record<number, number> } | null {
  const r = runRoofline({ n: 16384, runs: 5, threads: [1, 2], dir: ctx.tmp });
  if ('reason' in r) {
    ctx.log(`roofline: ${r.reason}`);
    return null;
  }
  return { isa: r.isa, n: r.n, f32: r.float32.wall, f64: r.float64.wall };
}
