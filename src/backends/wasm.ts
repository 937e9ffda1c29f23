/**
 * The `wasm` backend: the job computed by an AssemblyScript module (assembly/) in WebAssembly — SIMD128
 * where the engine has it (two float64 or four float32 lanes), else the scalar build of the same sources.
 * Portable: it loads synchronously from base64 embedded at build time, in Node, browsers and Web
 * Workers. Threads are the workers backend's business: each thread makes its own runner
 * (`createWasmRunner`, optionally from a module compiled once with `wasmModule` and posted to it) and
 * computes its chunks with `runner.runRange(job, i0, i1, out)` into shared output (see wasm-runner.ts).
 */
import { NadarayaError } from '../errors.js';
import type { PoolSums } from '../engine/types.js';
import { KERNEL_IDS, SIM_KERNEL } from './types.js';
import type { Backend, PoolJob } from './types.js';
import { wasmKeyBytes } from './wasm-layout.js';
import { simdSupported, wasmUnavailable } from './wasm-module.js';
import { WasmRunner } from './wasm-runner.js';

export { createWasmRunner, WasmRunner } from './wasm-runner.js';
export type { WasmRunnerOptions } from './wasm-runner.js';
export { simdSupported, wasmModule } from './wasm-module.js';
export type { WasmModule } from './wasm-module.js';

/** Jobs whose key side exceeds this do not fit wasm32's 4 GiB beside their queries: the backend refuses them. */
const MAX_KEY_BYTES = 2 ** 31;
/** A runner that grew past this is dropped after its job, so one huge job does not pin its memory for good. */
const RETAIN_BYTES = 2 ** 28;

export interface WasmBackendOptions {
  /** false: always the scalar build (for tests and comparisons); absent: SIMD when the engine has it. */
  readonly simd?: boolean;
}

/** A wasm backend (the registered one detects SIMD; `{ simd: false }` forces the scalar build). */
export function createWasmBackend(options: WasmBackendOptions = {}): Backend {
  let runner: WasmRunner | null = null;
  const useSimd = (): boolean => options.simd !== false && simdSupported();
  const refuses = (job: PoolJob): string | null => {
    if (job.similarity === SIM_KERNEL && !(job.kernelId >= 0 && job.kernelId < KERNEL_IDS.length)) {
      return 'a kernel object of the user\'s own (only the built-in kernels are compiled)';
    }
    const bytes = wasmKeyBytes(job);
    if (bytes > MAX_KEY_BYTES) return `the keys take ${(bytes / 2 ** 30).toFixed(1)} GiB, more than wasm32 memory holds beside the queries`;
    return null;
  };
  return {
    name: 'wasm',
    unavailable: () => wasmUnavailable(useSimd()),
    refuses,
    run(job: PoolJob): PoolSums {
      const why = refuses(job);
      if (why !== null) throw new NadarayaError('E_PARAM', { argument: 'backend', value: 'wasm' }, `cannot run this job: ${why}`);
      runner ??= new WasmRunner({ simd: useSimd() });
      const out = runner.run(job);
      if (runner.memoryBytes > RETAIN_BYTES) runner = null;
      return out;
    },
    describe: () => `wasm: ${useSimd() ? 'SIMD128' : 'scalar (no SIMD)'}, float64/float32`,
  };
}

export const wasmBackend: Backend = createWasmBackend();
