/**
 * What the workers backend and its threads share: one task per job, every array on SharedArrayBuffer
 * memory, and a control block through which threads claim chunks of queries and report them done.
 * Portable (no Node import), so a browser worker could speak it too.
 */
import type { PoolSums } from '../engine/types.js';
import { getBackend } from './registry.js';
import { runJobJs } from './js.js';
import { allocSums, sliceJob, writeRange } from './slice.js';
import { NadarayaError } from '../errors.js';
import { KERNEL_IDS } from './types.js';
import type { PoolJob } from './types.js';
import { createWasmRunner, simdSupported } from './wasm.js';

/** Control block slots (Int32Array on a SharedArrayBuffer). */
export const NEXT_CHUNK = 0;
export const DONE_CHUNKS = 1;
export const FAILED = 2;
export const CONTROL_INTS = 4;
/** Bytes of the shared buffer a failing thread writes its message into. */
export const ERROR_BYTES = 2048;

export interface WorkerTask {
  readonly control: Int32Array;
  readonly errorText: Uint8Array;
  readonly chunk: number;
  readonly chunks: number;
  /** Every array of the job lives on shared memory. */
  readonly job: PoolJob;
  readonly out: PoolSums;
}

/** Computes queries [i0, i1) of a job into the whole job's output. */
export type RangeRun = (job: PoolJob, i0: number, i1: number, out: PoolSums) => void;

/**
 * How a thread computes its chunks: its own wasm runner where wasm loads (the keys go into its memory once
 * per job, however many chunks the thread takes), else the job oracle in JS.
 */
export function innerRun(): RangeRun {
  const wasm = getBackend('wasm');
  if (wasm && wasm.unavailable() === null) {
    const runner = createWasmRunner({ simd: simdSupported() });
    return (job, i0, i1, out) => {
      if (job.kernelId < 0 || job.kernelId >= KERNEL_IDS.length) throw new Error(`kernel id ${job.kernelId} is not compiled`);
      runner.runRange(job, i0, i1, out);
    };
  }
  return (job, i0, i1, out) => writeRange(out, runJobJs(sliceJob(job, i0, i1)), i0);
}

/**
 * Claims chunks until none is left and computes them into the task's output; returns how many it did.
 * A failure is recorded in the control block (with its message) and the chunk still counts as done, so
 * the waiting thread never hangs on it.
 */
export function drainChunks(task: WorkerTask, run: RangeRun): number {
  const { control, chunk, chunks, job, out } = task;
  let did = 0;
  for (;;) {
    const c = Atomics.add(control, NEXT_CHUNK, 1);
    if (c >= chunks) return did;
    try {
      if (Atomics.load(control, FAILED) === 0) {
        const i0 = c * chunk, i1 = Math.min(job.m, i0 + chunk);
        run(job, i0, i1, out);
      }
    } catch (e) {
      if (Atomics.compareExchange(control, FAILED, 0, 1) === 0) {
        const text = new TextEncoder().encode(String(e instanceof Error ? e.stack ?? e.message : e)).subarray(0, ERROR_BYTES);
        task.errorText.set(text);
      }
    }
    did++;
    Atomics.add(control, DONE_CHUNKS, 1);
    Atomics.notify(control, DONE_CHUNKS);
  }
}

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

/** A thread that takes tasks: a Node worker_threads Worker or a browser Worker. */
export interface TaskThread { postMessage(task: WorkerTask): void }

/** How the last job was split: its chunks, how many the calling thread computed itself, the threads. */
export interface ThreadedRun { chunks: number; byCaller: number; threads: number }

/**
 * Runs a job on `threads` threads: the calling one and up to threads − 1 from `others(count)` (a pool that
 * grows on demand; fewer are asked for when the job has fewer chunks). The job is put on shared memory,
 * the threads and the caller claim chunks of its queries, and the caller blocks (Atomics.wait) until every
 * chunk is done — so it must not be a browser page's main thread. Returns the sums (on shared memory) and
 * how the job was split.
 */
export function runOnThreads(job: PoolJob, threads: number, others: (count: number) => readonly TaskThread[], mainRun: RangeRun):
  { sums: PoolSums; run: ThreadedRun } {
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
  for (const w of others(Math.min(threads - 1, chunks - 1))) w.postMessage(task);
  const byCaller = drainChunks(task, mainRun);
  const { control } = task;
  for (let done = Atomics.load(control, DONE_CHUNKS); done < chunks; done = Atomics.load(control, DONE_CHUNKS)) {
    Atomics.wait(control, DONE_CHUNKS, done, 1000);
  }
  if (Atomics.load(control, FAILED) !== 0) {
    const text = new TextDecoder().decode(task.errorText.slice()).replace(/\0+$/, '');
    throw new NadarayaError('E_RESOURCE', { argument: 'backend', value: 'workers' }, `a worker thread failed: ${text}`);
  }
  // the shared arrays themselves (no copy: at m = 10⁶ that would be 40 MB more); once the threads are done
  // nothing else refers to them
  return { sums: out, run: { chunks, byCaller, threads } };
}