/**
 * The `workers` backend in a browser: the same protocol as Node's (workers-protocol.ts) on Web Workers.
 * Register it from inside a worker (the caller blocks on Atomics.wait, which a page's main thread may not)
 * of a cross-origin-isolated page (COOP/COEP headers: SharedArrayBuffer needs them); the page's thread
 * script runs `serveTasks()`. Elsewhere it reports why it is unavailable, and `auto` passes it by.
 * @example
 * // in the page's math worker
 * registerBackend(webWorkersBackend(() => new Worker(new URL('./pool-worker.js', import.meta.url), { type: 'module' })));
 * // in pool-worker.js
 * serveTasks();
 */
import { refusesUserKernel } from './job.js';
import { drainChunks, innerRun, runOnThreads } from './workers-protocol.js';
import type { TaskThread, WorkerTask } from './workers-protocol.js';
import type { Backend } from './types.js';

/** Why Web Workers cannot run jobs here, or null. */
export function webWorkersUnavailable(): string | null {
  const g = globalThis as { SharedArrayBuffer?: unknown; Atomics?: unknown; crossOriginIsolated?: boolean; WorkerGlobalScope?: unknown; Worker?: unknown };
  if (typeof g.SharedArrayBuffer === 'undefined' || typeof g.Atomics === 'undefined') {
    return 'SharedArrayBuffer is unavailable: the page must be cross-origin isolated (Cross-Origin-Opener-Policy: same-origin, Cross-Origin-Embedder-Policy: require-corp)';
  }
  if (g.crossOriginIsolated === false) return 'the page is not cross-origin isolated (COOP/COEP headers), so memory cannot be shared with workers';
  if (typeof g.WorkerGlobalScope === 'undefined') return 'a page\'s main thread may not block on Atomics.wait: use this backend from a worker';
  if (typeof g.Worker === 'undefined') return 'this worker cannot start workers of its own';
  return null;
}

/**
 * A `workers` backend on Web Workers started by `spawn` (the thread script calls `serveTasks()`); threads
 * default to the browser's `navigator.hardwareConcurrency`.
 */
export function webWorkersBackend(spawn: () => TaskThread, threads?: number): Backend {
  const pool: TaskThread[] = [];
  let mainRun: ReturnType<typeof innerRun> | undefined;
  const defaultThreads = () => Math.max(1, threads ?? (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 1);
  return {
    name: 'workers',
    unavailable: webWorkersUnavailable,
    refuses: refusesUserKernel,
    run: (job) => {
      const others = (count: number) => {
        while (pool.length < count) pool.push(spawn());
        return pool.slice(0, count);
      };
      return runOnThreads(job, Math.max(1, Math.floor(job.threads ?? defaultThreads())), others, mainRun ??= innerRun()).sums;
    },
    describe: () => {
      const t = defaultThreads();
      return `workers: ${t} thread${t === 1 ? '' : 's'} (this worker and ${t - 1} Web Worker${t === 2 ? '' : 's'}), each running wasm`;
    },
  };
}

/** The thread side: computes the chunks of every task posted to this worker. */
export function serveTasks(): void {
  const run = innerRun();
  const scope = globalThis as unknown as { onmessage: ((e: { data: WorkerTask }) => void) | null };
  scope.onmessage = (e) => { drainChunks(e.data, run); };
}
