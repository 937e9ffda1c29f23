/**
 * The `native` backend (Node): the job in C++ (native/), vectorised for the best instruction set this
 * processor runs (AVX-512, AVX2+FMA or SSE2, chosen at run time) and split over threads. The call is
 * synchronous: the JavaScript thread computes a share of the queries and waits for the other threads.
 */
import { refusesUserKernel } from './job.js';
import type { PoolSums } from '../engine/types.js';
import { availableParallelism } from 'node:os';
import { loadNativeAddon } from './native-addon.js';
import type { NativeAddon, NativeIsa } from './native-addon.js';
import type { Backend, PoolJob } from './types.js';
import type { LooScanner } from '../bandwidth/compiled-scan.js';

export type { NativeIsa } from './native-addon.js';

let threadsSetting: number | null = null;
let isaSetting: NativeIsa | null = null;

function addon(): NativeAddon | null {
  const a = loadNativeAddon();
  return 'addon' in a ? a.addon : null;
}

/** Threads per job when the job does not say (null: one per core this process may run on). */
export function setNativeThreads(threads: number | null): void {
  if (threads !== null && !(Number.isInteger(threads) && threads >= 1)) throw new RangeError(`native threads must be a positive integer, not ${threads}`);
  threadsSetting = threads;
}

/** Forces an instruction set (for tests and benchmarks: the SSE2 and AVX2 builds against each other); null: the best. */
export function setNativeIsa(isa: NativeIsa | null): void {
  if (isa !== null && !nativeIsas().includes(isa)) throw new RangeError(`instruction set ${isa} does not run here (available: ${nativeIsas().join(', ')})`);
  isaSetting = isa;
}

/** The instruction sets of the addon that this processor runs, best first ([] when the addon is unavailable). */
export function nativeIsas(): NativeIsa[] {
  return addon()?.isas().map((i) => i.name) ?? [];
}

/** The vector exp or log of an instruction set at every x (what the accuracy tests measure). */
export function nativeProbe(isa: NativeIsa, fn: 'exp' | 'log', precision: 'float64' | 'float32', xs: Float64Array): Float64Array {
  const a = addon();
  if (!a) throw new Error('the native addon is not available');
  return a.probe(isa, fn === 'exp' ? 0 : 1, precision === 'float32', xs);
}

/** The cores this process may run on (its CPU affinity, as the workers backend counts them). */
function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}

function threadsFor(job?: PoolJob): number {
  return Math.max(1, Math.floor(job?.threads ?? threadsSetting ?? defaultThreads()));
}

function label(a: NativeAddon): string {
  const isas = a.isas();
  return (isas.find((i) => i.name === isaSetting) ?? isas[0]!).label;
}

/** Besides pool jobs, the addon runs the Gaussian leave-one-out scan of width selection (src/bandwidth/gaussian-scan.ts). */
export const nativeBackend: Backend & LooScanner = {
  name: 'native',
  unavailable: () => {
    const a = loadNativeAddon();
    return 'reason' in a ? a.reason : null;
  },
  refuses: refusesUserKernel,
  run: (job): PoolSums => {
    const a = addon();
    if (!a) throw new Error(`native backend: ${nativeBackend.unavailable()}`);
    const { m, p } = job;
    const out = {
      logScale: new Float64Array(m), sum: new Float64Array(m), sumSq: new Float64Array(m),
      maxTerm: new Float64Array(m), weighted: new Float64Array(m * p),
    };
    a.run(job, out, threadsFor(job), isaSetting);
    return { m, p, ...out };
  },
  canLooScan: () => typeof addon()?.looScan === 'function',
  looScan: (job, out) => {
    const a = addon();
    if (!a) throw new Error(`native backend: ${nativeBackend.unavailable()}`);
    a.looScan(job, out, threadsFor(), isaSetting);
  },
  describe: () => {
    const a = addon();
    if (!a) return 'native: unavailable';
    const t = threadsSetting ?? defaultThreads();
    return `native: ${label(a)}, ${t} thread${t === 1 ? '' : 's'}`;
  },
};
