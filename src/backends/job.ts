/**
 * From the engine's arguments to a backend job: the kernel by id, the options as numbers, and for keys
 * sorted along one coordinate a window [lo, hi) per query outside which every term is negligible — the
 * same walk-and-stop rule as the engine (src/engine/pool.ts), decided up front so that compiled code runs
 * one plain loop per query.
 */
import type { KeySet, PoolOptions, Similarity } from '../engine/types.js';
import { getKernel } from '../kernels/registry.js';
import { KERNEL_IDS, SHAPE_PRODUCT, SHAPE_RADIAL, SIM_DOT, SIM_KERNEL } from './types.js';
import type { PoolJob, Precision } from './types.js';

/** Terms below e^{−800} of the largest vanish in float64 (as in the engine). */
const NEGLIGIBLE_LOG = 800;

/** The job's kernel id, or −1 for a kernel object that is not one of the built-ins. */
export function kernelId(sim: Similarity): number {
  if (sim.kind !== 'kernel') return 0;
  const id = KERNEL_IDS.indexOf(sim.kernel.name);
  // a user's own Kernel object may borrow a built-in name: only the registry's own objects are compiled
  return id >= 0 && getKernel(KERNEL_IDS[id]!) === sim.kernel ? id : -1;
}

/** Why a backend that runs compiled kernels refuses a job (a kernel object of the user's own), or null. */
export function refusesUserKernel(job: Pick<PoolJob, 'kernelId'>): string | null {
  return job.kernelId < 0 ? 'a kernel object of the user\'s own (only the built-in kernels are compiled)' : null;
}

export function makeJob(keys: KeySet, sim: Similarity, queries: Float64Array, m: number, options: PoolOptions, precision: Precision): PoolJob {
  const { n, d, p } = keys;
  let exclude: Int32Array | null = null;
  if (options.exclude) exclude = options.exclude;
  else if (options.leaveOneOut) exclude = keys.rank ? keys.rank.slice(0, m) : Int32Array.from({ length: m }, (_, i) => i);
  const windows = keys.order !== null && d === 1 && sim.kind === 'kernel' && n > 0
    ? sortedWindows(keys, sim, queries, m, exclude, options.negligibleLog ?? NEGLIGIBLE_LOG) : null;
  return {
    n, d, p, m,
    keys: keys.keys, values: p > 0 ? keys.values : null, logWeights: keys.logWeights, invKeyScale: keys.invKeyScale,
    queries, lo: windows ? windows.lo : null, hi: windows ? windows.hi : null, exclude,
    similarity: sim.kind === 'dot' ? SIM_DOT : SIM_KERNEL,
    kernelId: kernelId(sim),
    shape: sim.kind === 'kernel' && sim.shape === 'product' ? SHAPE_PRODUCT : SHAPE_RADIAL,
    invWidth: sim.kind === 'kernel' ? sim.invWidth : new Float64Array(d),
    invTemperature: sim.kind === 'dot' ? 1 / sim.temperature : 0,
    precision,
    ...(options.threads === undefined ? {} : { threads: options.threads }),
  };
}

/**
 * For sorted 1-D keys: per query, the keys whose envelope can reach within e^{−negligible} of the largest
 * term. The largest term is at least that of the nearest (not left-out) key on either side, M₀; a key at
 * scaled distance u can add at most e^{envelope(u²) + max log w}, so keys with envelope(u²) + max log w <
 * M₀ − negligible are dropped — never more than the engine drops, whose running maximum only grows.
 */
function sortedWindows(keys: KeySet, sim: Similarity & { kind: 'kernel' }, queries: Float64Array, m: number,
  exclude: Int32Array | null, negligible: number): { lo: Int32Array; hi: Int32Array } {
  const { n, keys: K, maxLogWeight, logWeights, invKeyScale } = keys;
  const kernel = sim.kernel;
  const ih = sim.invWidth[0]!;
  // the widest key reaches farthest: bound every key's scaled distance with the largest λ
  const ihReach = ih / keys.maxKeyScale;
  const env = kernel.logEnvelopeSq;
  const lo = new Int32Array(m), hi = new Int32Array(m);
  const logTerm = (x: number, j: number): number => {
    const t = (x - K[j]!) * ih * (invKeyScale ? invKeyScale[j]! : 1);
    return kernel.logAbsSq(t * t) + (logWeights ? logWeights[j]! : 0);
  };
  const support = kernel.support;
  const radiusFor = (target: number): number => {
    // largest u with env(u²) ≥ target (env is non-increasing); Infinity when it never falls that low
    if (target === -Infinity) return support;
    if (kernel.name === 'gaussian' && kernel.logEnvelopeSq(1) === -0.5) return Math.min(support, Math.sqrt(Math.max(0, -2 * target)));
    let r = 1;
    while (env(r * r) >= target) { r *= 2; if (r > 1e12) return Infinity; }
    let a = 0;
    for (let it = 0; it < 64 && r - a > 1e-9 * r; it++) { const mid = (a + r) / 2; if (env(mid * mid) >= target) a = mid; else r = mid; }
    return Math.min(support, r);
  };
  for (let i = 0; i < m; i++) {
    const x = queries[i]!;
    let a = 0, b = n;
    while (a < b) { const mid = (a + b) >>> 1; if (K[mid]! < x) a = mid + 1; else b = mid; }
    const skip = exclude ? exclude[i]! : -1;
    let M0 = -Infinity;
    // the nearest two keys on each side that are not left out
    for (let j = a, seen = 0; j < n && seen < 2; j++) if (j !== skip) { M0 = Math.max(M0, logTerm(x, j)); seen++; }
    for (let j = a - 1, seen = 0; j >= 0 && seen < 2; j--) if (j !== skip) { M0 = Math.max(M0, logTerm(x, j)); seen++; }
    const R = radiusFor(M0 === -Infinity ? -Infinity : M0 - negligible - maxLogWeight);
    if (!Number.isFinite(R)) { lo[i] = 0; hi[i] = n; continue; }
    // a hair wider than R: the kernel itself decides the keys at the edge, as in the engine
    const reach = (R / ihReach) * (1 + 1e-9);
    // keys with |x − k| ≤ reach (inclusive: a compact kernel may be nonzero exactly at its support edge)
    let l = 0, h = a;
    while (l < h) { const mid = (l + h) >>> 1; if (K[mid]! < x - reach) l = mid + 1; else h = mid; }
    lo[i] = l;
    l = a; h = n;
    while (l < h) { const mid = (l + h) >>> 1; if (K[mid]! <= x + reach) l = mid + 1; else h = mid; }
    hi[i] = l;
  }
  return { lo, hi };
}
