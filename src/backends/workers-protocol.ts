/**
 * What the workers backend and its threads share: one task per job, every array on SharedArrayBuffer
 * memory, and a control block through which threads claim chunks of queries and report them done.
 * Portable (no Node import), so a browser worker could speak it too.
 */
import type { PoolSums } from '../engine/types.js';
import { getBackend } from './registry.js';
import { runJobJs } from './js.js';
import { sliceJob, writeRange } from './slice.js';
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
