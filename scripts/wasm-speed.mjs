/**
 * Key–query pairs per second of the wasm backend on one thread: the 1-D Gaussian kernel estimate
 * (x, queries ~ U(0, 5), h = 0.1, unsorted keys, no windows), SIMD and scalar builds, float64 and
 * float32. Times are CPU time of this thread (best of `runs`), so a busy machine disturbs them less.
 * Run after `npm run build`:
 *
 *   node scripts/wasm-speed.mjs [n = 16384] [m = 16384] [kernel = gaussian] [d = 1] [runs = 3]
 */
import { kernels, makeKeySet, seededRandom } from '../dist/src/index.js';
import { makeJob } from '../dist/src/backends/job.js';
import { createWasmBackend, simdSupported } from '../dist/src/backends/wasm.js';

const [n = 16384, m = 16384] = process.argv.slice(2, 4).map(Number);
const kernelName = process.argv[4] ?? 'gaussian';
const d = Number(process.argv[5] ?? 1);
const runs = Number(process.argv[6] ?? 3);

const rng = seededRandom(7);
const x = Float64Array.from({ length: n * d }, () => 5 * rng.uniform());
const y = Float64Array.from({ length: n }, (_, i) => 2 * Math.sin(x[i * d]) + x[i * d] + rng.normal());
const queries = Float64Array.from({ length: m * d }, () => 5 * rng.uniform());
const keys = makeKeySet(x, d, y, 1, null);
const kernel = kernels.find((k) => k.name === kernelName);
if (!kernel) throw new Error(`unknown kernel ${kernelName}`);
const sim = { kind: 'kernel', kernel, shape: 'radial', invWidth: new Float64Array(d).fill(d === 1 ? 10 : 1 / 1.5) };

for (const simd of simdSupported() ? [true, false] : [false]) {
  for (const precision of ['float64', 'float32']) {
    const backend = createWasmBackend({ simd });
    const job = makeJob(keys, sim, queries, m, {}, precision);
    backend.run({ ...job, m: Math.min(m, 256), queries: queries.subarray(0, Math.min(m, 256) * d) }); // compile, tier up
    let best = Infinity;
    for (let r = 0; r < runs; r++) {
      const start = process.cpuUsage();
      backend.run(job);
      const used = process.cpuUsage(start);
      best = Math.min(best, (used.user + used.system) / 1e6);
    }
    console.log(`${kernelName} d = ${d}, n = ${n}, m = ${m}, ${simd ? 'SIMD  ' : 'scalar'} ${precision}: ${(n * m / best / 1e6).toFixed(0)} M pairs/s (${(best * 1000).toFixed(0)} ms)`);
  }
}
