/**
 * The `workers` backend (Node): the queries of a job split across worker threads over shared memory,
 * each thread running wasm SIMD (or JS where wasm does not load) on the chunks it claims. The calling
 * thread claims chunks too and then blocks (Atomics.wait) until every chunk is done, so the call stays
 * synchronous like every other backend. Threads start on first use and never keep the process alive.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { NadarayaError } from '../errors.js';
import { allocSums } from './slice.js';
import { getBackend } from './registry.js';
import { CONTROL_INTS, DONE_CHUNKS, ERROR_BYTES, FAILED, drainChunks, innerRun } from './workers-protocol.js';
import type { WorkerTask } from './workers-protocol.js';
import type { Backend, PoolJob } from './types.js';

const pool: Worker[] = [];
/** Copies of the caller's (immutable) key arrays on shared memory, reused while the arrays live. */
const sharedCopies = new WeakMap<object, ArrayBufferView>();

function shared<T extends Float64Array | Int32Array>(a: T, cache: boolean): T {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const hit = cache ? sharedCopies.get(a) : undefined;
  if (hit) return hit as T;
  const Ctor = a.constructor as { new (buffer: ArrayBufferLike, offset: number, length: number): T };
  const copy = new Ctor(new SharedArrayBuffer(a.byteLength), 0, a.length);
  copy.set(a as never);
  if (cache) sharedCopies.set(a, copy);
  return copy;
}
const sharedOrNull = <T extends Float64Array | Int32Array>(a: T | null, cache: boolean): T | null => (a ? shared(a, cache) : null);

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
  const shareJob: PoolJob = {
    ...job,
    keys: shared(job.keys, true), values: sharedOrNull(job.values, true), logWeights: sharedOrNull(job.logWeights, true),
    invKeyScale: sharedOrNull(job.invKeyScale, true), queries: shared(job.queries, false),
    lo: sharedOrNull(job.lo, false), hi: sharedOrNull(job.hi, false), exclude: sharedOrNull(job.exclude, false),
    invWidth: shared(job.invWidth, false),
  };
  const out = allocSums(job.m, job.p, (b) => new SharedArrayBuffer(b));
  // ~8 chunks per thread: windows of sorted keys vary in size, so threads balance by claiming
  const chunk = Math.max(1, Math.ceil(job.m / (threads * 8)));
  const chunks = Math.ceil(job.m / chunk);
  const task: WorkerTask = {
    control: new Int32Array(new SharedArrayBuffer(CONTROL_INTS * 4)), errorText: new Uint8Array(new SharedArrayBuffer(ERROR_BYTES)),
    chunk, chunks, job: shareJob, out,
  };
  for (const w of workers(Math.min(threads - 1, chunks - 1))) w.postMessage(task);
  const byCaller = drainChunks(task, mainRun ??= innerRun());
  lastRun = { chunks, byCaller, threads };
  const { control } = task;
  for (let done = Atomics.load(control, DONE_CHUNKS); done < chunks; done = Atomics.load(control, DONE_CHUNKS)) {
    Atomics.wait(control, DONE_CHUNKS, done, 1000);
  }
  if (Atomics.load(control, FAILED) !== 0) {
    const text = new TextDecoder().decode(task.errorText.slice()).replace(/\0+$/, '');
    throw new NadarayaError('E_RESOURCE', { argument: 'backend', value: 'workers' }, `a worker thread failed: ${text}`);
  }
  // the shared arrays themselves (no copy: at m = 10⁶ that would be 40 MB more); once the workers are done
  // nothing else refers to them
  return { m: out.m, p: out.p, logScale: out.logScale, sum: out.sum, sumSq: out.sumSq, maxTerm: out.maxTerm, weighted: out.weighted };
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
  refuses: (job) => (job.kernelId < 0 ? 'a kernel object of the user\'s own (only the built-in kernels are compiled)' : null),
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
