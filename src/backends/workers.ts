/**
 * The `workers` backend (Node): the queries of a job split across worker threads over shared memory,
 * each thread running wasm SIMD (or JS where wasm does not load) on the chunks it claims. The calling
 * thread claims chunks too and then blocks (Atomics.wait) until every chunk is done, so the call stays
 * synchronous like every other backend. Threads start on first use and never keep the process alive.
 */
import { refusesUserKernel } from './job.js';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { getBackend } from './registry.js';
import { innerRun, runOnThreads } from './workers-protocol.js';
import type { Backend, PoolJob } from './types.js';

const pool: Worker[] = [];

function workers(count: number): Worker[] {
  while (pool.length < count) {
    const w = new Worker(new URL('./workers-thread.js', import.meta.url));
    w.unref();
    pool.push(w);
  }
  return pool.slice(0, count);
}

/** Threads to use by default: the cores this process may run on. */
export function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}

export function runJobThreaded(job: PoolJob): ReturnType<Backend['run']> {
  const threads = Math.max(1, Math.floor(job.threads ?? defaultThreads()));
  const { sums, run } = runOnThreads(job, threads, workers, mainRun ??= innerRun());
  lastRun = run;
  return sums;
}

let mainRun: ReturnType<typeof innerRun> | undefined;
let lastRun = { chunks: 0, byCaller: 0, threads: 0 };

/** How the last job was split: its chunks, how many the calling thread computed itself, the threads. */
export function lastWorkersRun(): { chunks: number; byCaller: number; threads: number } {
  return { ...lastRun };
}

export const workersBackend: Backend = {
  name: 'workers',
  unavailable: () => (typeof SharedArrayBuffer === 'undefined' || typeof Atomics === 'undefined' ? 'SharedArrayBuffer and Atomics are unavailable' : null),
  refuses: refusesUserKernel,
  run: runJobThreaded,
  describe: () => {
    const t = defaultThreads();
    return t === 1
      ? `workers: 1 thread (the caller alone: this process may run on one core), running ${innerName()}`
      : `workers: ${t} threads (the caller and ${t - 1} worker${t === 2 ? '' : 's'}), each running ${innerName()}`;
  },
};

function innerName(): string {
  const wasm = getBackend('wasm');
  return wasm && wasm.unavailable() === null ? 'wasm' : 'js';
}
