/**
 * The backends known in this process and the choice among them (tfjs's lesson: backends behind one
 * interface, chosen by priority and feature detection). Portable backends (js, wasm) register from
 * `portable.ts`; Node-only ones (workers, native) from `src/node.ts`, so the core never imports Node.
 */
import { NadarayaError } from '../errors.js';
import { BACKEND_NAMES } from './types.js';
import type { Backend, BackendChoice, BackendName, PoolJob } from './types.js';

const registered = new Map<BackendName, Backend>();

/** Makes a backend available to `backend: 'auto'` and by name. */
export function registerBackend(backend: Backend): void {
  registered.set(backend.name, backend);
}

/** A registered backend by name, or undefined. */
export function getBackend(name: BackendName): Backend | undefined {
  return registered.get(name);
}

/** Every backend name with null when it loads here, or the reason it does not. */
export function backendStatus(): { name: BackendName; unavailable: string | null; description: string | null }[] {
  return BACKEND_NAMES.map((name) => {
    const b = registered.get(name);
    const why = b ? b.unavailable() : 'not registered in this environment (Node-only backends load with the package\'s Node entry)';
    return { name, unavailable: why, description: b && why === null ? b.describe() : null };
  });
}

/** Pairs below which a job runs in plain JS: copying it into wasm or to threads costs more than it saves. */
export const SMALL_JOB_PAIRS = 4096;
/** Pairs above which spreading a job over worker threads pays for the hand-off. */
export const THREADED_JOB_PAIRS = 1 << 20;

/** Key–query pairs a job visits. */
export function jobPairs(job: PoolJob): number {
  if (!job.lo || !job.hi) return job.n * job.m;
  let s = 0;
  for (let i = 0; i < job.m; i++) s += job.hi[i]! - job.lo[i]!;
  return s;
}

/**
 * The backend for a job: a named one (an error when it cannot load or take the job), or under `auto` the
 * fastest that loads and takes it — native, then workers for large jobs, then wasm, then js.
 */
export function chooseBackend(choice: BackendChoice, job: PoolJob): Backend | null {
  if (choice !== 'auto') {
    const b = registered.get(choice);
    const why = b ? b.unavailable() ?? b.refuses(job) : 'it is not available in this environment (workers and native need Node)';
    if (why !== null) {
      throw new NadarayaError('E_PARAM', { argument: 'backend', value: choice }, `cannot run here: ${why}; use backend: 'auto' to fall back`);
    }
    return b!;
  }
  const pairs = jobPairs(job);
  if (pairs < SMALL_JOB_PAIRS) return null;
  for (const name of BACKEND_NAMES) {
    if (name === 'js') return null;
    if (name === 'workers' && pairs < THREADED_JOB_PAIRS) continue;
    const b = registered.get(name);
    if (b && b.unavailable() === null && b.refuses(job) === null) return b;
  }
  return null;
}
