/**
 * One instance of the wasm module with its own linear memory, and the job's way in and out: the key side
 * copied in once per job (keys and values transposed to columns), the queries in blocks, the sums copied
 * out. Memory grows as jobs need and is reused by later jobs.
 *
 * For multi-threaded runners (the workers backend, a browser's Web Workers): each thread makes its own
 * `WasmRunner` (or `createWasmRunner({ module })` with a module compiled once and posted to it) and calls
 * `runRange(job, i0, i1, out)` for the chunks of queries it takes. `out` spans the whole job (it may live
 * on a SharedArrayBuffer); only rows i0 ≤ i < i1 are written. Successive calls with the same job object
 * copy its key side only once — a job's arrays do not change while it runs.
 */
import type { PoolSums } from '../engine/types.js';
import { allocSums } from './slice.js';
import type { PoolJob } from './types.js';
import { wasmLayout } from './wasm-layout.js';
import type { WasmLayout } from './wasm-layout.js';
import { instantiate, simdSupported, wasmModule } from './wasm-module.js';
import type { WasmModule } from './wasm-module.js';

/** The module's exports (assembly/index.ts); pointers are byte offsets, booleans 0/1. */
interface WasmExports {
  readonly memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  scratchEnd(): number;
  simd(): number;
  configure(n: number, d: number, p: number, nPad: number, similarity: number, kernelId: number, shape: number, invTemperature: number, single: number): void;
  place(keys: number, values: number, logWeights: number, linearWeights: number, invKeyScale: number, invWidth: number): void;
  prepare(): void;
  runQueries(queries: number, lo: number, hi: number, exclude: number, count: number, out: number): void;
  expArray64(ptr: number, count: number, vector: number): void;
  expArray32(ptr: number, count: number, vector: number): void;
}

export interface WasmRunnerOptions {
  /** false: the scalar build; true or absent: SIMD where the engine has it. */
  readonly simd?: boolean;
  /** A module compiled elsewhere (e.g. posted from the main thread); it decides SIMD or not. */
  readonly module?: WasmModule;
}

const PAGE = 65536;

export class WasmRunner {
  /** True when this instance runs the SIMD build. */
  readonly simd: boolean;
  private readonly wasm: WasmExports;
  private f64: Float64Array;
  private f32: Float32Array;
  private i32: Int32Array;
  private loaded: { job: WeakRef<PoolJob>; layout: WasmLayout } | null = null;

  constructor(options: WasmRunnerOptions = {}) {
    const module = options.module ?? wasmModule(options.simd !== false && simdSupported());
    this.wasm = instantiate(module) as WasmExports;
    this.simd = this.wasm.simd() !== 0;
    this.f64 = new Float64Array(this.wasm.memory.buffer);
    this.f32 = new Float32Array(this.wasm.memory.buffer);
    this.i32 = new Int32Array(this.wasm.memory.buffer);
  }

  /** Bytes of linear memory this instance holds (it never shrinks). */
  get memoryBytes(): number {
    return this.wasm.memory.buffer.byteLength;
  }

  /** The sums of every query of a job, in fresh arrays. */
  run(job: PoolJob): PoolSums {
    const out = allocSums(job.m, job.p);
    this.runRange(job, 0, job.m, out);
    return out;
  }

  /**
   * Queries i0 ≤ i < i1 of `job` into rows i0..i1 of `out` (arrays of the whole job's size, shared or
   * not). The job's key side is copied in unless this runner's last job was the same object.
   */
  runRange(job: PoolJob, i0: number, i1: number, out: PoolSums): void {
    const L = this.load(job);
    const { d, p } = job;
    const { f64, i32 } = this;
    for (let b0 = i0; b0 < i1; b0 += L.blockRows) {
      const b1 = Math.min(i1, b0 + L.blockRows), count = b1 - b0;
      f64.set(job.queries.subarray(b0 * d, b1 * d), L.queries / 8);
      if (job.lo) i32.set(job.lo.subarray(b0, b1), L.lo / 4);
      if (job.hi) i32.set(job.hi.subarray(b0, b1), L.hi / 4);
      if (job.exclude) i32.set(job.exclude.subarray(b0, b1), L.exclude / 4);
      this.wasm.runQueries(L.queries, L.lo, L.hi, L.exclude, count, L.out);
      const o = L.out / 8;
      out.logScale.set(f64.subarray(o, o + count), b0);
      out.sum.set(f64.subarray(o + count, o + 2 * count), b0);
      out.sumSq.set(f64.subarray(o + 2 * count, o + 3 * count), b0);
      out.maxTerm.set(f64.subarray(o + 3 * count, o + 4 * count), b0);
      if (p > 0) out.weighted.set(f64.subarray(o + 4 * count, o + (4 + p) * count), b0 * p);
    }
  }

  /** e^x by the module's exp (vector or scalar form), for tests of its accuracy. */
  exp64(xs: Float64Array, vector: boolean): Float64Array {
    this.loaded = null; // the numbers go where a job's keys lie
    const at = this.scratch(xs.length * 8 + 16); // the vector form works in whole vectors
    this.f64.set(xs, at / 8);
    this.wasm.expArray64(at, xs.length, vector ? 1 : 0);
    return this.f64.slice(at / 8, at / 8 + xs.length);
  }

  /** e^x in float32 by the module's exp (vector or scalar form), for tests. */
  exp32(xs: Float32Array, vector: boolean): Float32Array {
    this.loaded = null;
    const at = this.scratch(xs.length * 4 + 16);
    this.f32.set(xs, at / 4);
    this.wasm.expArray32(at, xs.length, vector ? 1 : 0);
    return this.f32.slice(at / 4, at / 4 + xs.length);
  }

  /** Copies the key side of a job in and configures the module, unless it is the job already there. */
  private load(job: PoolJob): WasmLayout {
    if (this.loaded && this.loaded.job.deref() === job) return this.loaded.layout;
    this.loaded = null;
    const L = wasmLayout(job, this.scratch(0));
    this.reserve(L.end);
    const { n, d, p } = job;
    this.columns(L.keys, job.keys, n, d, L.nPad);
    if (job.values) this.columns(L.values, job.values, n, p, L.nPad);
    if (job.logWeights) this.columns(L.logWeights, job.logWeights, n, 1, L.nPad);
    if (job.invKeyScale) this.columns(L.invKeyScale, job.invKeyScale, n, 1, L.nPad);
    this.f64.set(job.invWidth.subarray(0, d), L.invWidth / 8);
    const w = this.wasm;
    w.configure(n, d, p, L.nPad, job.similarity, job.kernelId, job.shape, job.invTemperature, job.precision === 'float32' ? 1 : 0);
    w.place(L.keys, L.values, L.logWeights, L.linearWeights, L.invKeyScale, L.invWidth);
    w.prepare();
    this.loaded = { job: new WeakRef(job), layout: L };
    return L;
  }

  /** n rows of `width` numbers, stored as `width` columns of nPad (the tail zero). */
  private columns(at: number, rows: Float64Array, n: number, width: number, nPad: number): void {
    const f64 = this.f64, base = at / 8;
    if (width === 1) f64.set(rows.subarray(0, n), base);
    else {
      for (let c = 0; c < width; c++) {
        const col = base + c * nPad;
        for (let j = 0, r = c; j < n; j++, r += width) f64[col + j] = rows[r]!;
      }
    }
    for (let c = 0; c < width; c++) f64.fill(0, base + c * nPad + n, base + (c + 1) * nPad);
  }

  /** The first free byte past the module's tile buffers, with `bytes` available there. */
  private scratch(bytes: number): number {
    const at = Math.ceil(this.wasm.scratchEnd() / 16) * 16;
    this.reserve(at + bytes);
    return at;
  }

  private reserve(end: number): void {
    const have = this.wasm.memory.buffer.byteLength;
    if (end <= have) return;
    this.wasm.memory.grow(Math.ceil((end - have) / PAGE));
    // growing detaches the old views
    this.f64 = new Float64Array(this.wasm.memory.buffer);
    this.f32 = new Float32Array(this.wasm.memory.buffer);
    this.i32 = new Int32Array(this.wasm.memory.buffer);
  }
}

/** A runner for one thread (see the top of this file). */
export function createWasmRunner(options: WasmRunnerOptions = {}): WasmRunner {
  return new WasmRunner(options);
}
