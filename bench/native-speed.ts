/**
 * The native backend against the roofline: pairs/s of the addon on the roofline's own problem (1-D Gaussian,
 * every pair, x ~ U(0, 5), h = 0.3) in float32 and float64 on 1 and 2 threads, next to the C program's,
 * alternating the two so that both see the same machine. On a machine others share, the CPU-second rates
 * (pairs per second of CPU time used) are the steadier comparison.
 *
 *   npm run build && node dist/bench/native-speed.js [n …] [--threads=1,2] [--isa=avx512,avx2]
 *
 * (defaults: n = 16384 32768, threads 1 and 2, the best instruction set this processor runs; `--isa` lists
 * instruction sets to compare on the same machine, each against the same roofline run).
 */
import '../src/node.js';
import { getKernel, makeKeySet, seededRandom } from '../src/index.js';
import { makeJob } from '../src/backends/job.js';
import { nativeBackend, nativeIsas, setNativeIsa } from '../src/backends/native.js';
import type { NativeIsa } from '../src/backends/native-addon.js';
import type { Precision } from '../src/backends/types.js';
import { runRoofline } from './roofline.js';

const RUNS = 5;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Median pairs/s and pairs per CPU-second of the addon on n keys × n queries. */
function measureNative(n: number, precision: Precision, threads: number): { wall: number; cpu: number } {
  const rng = seededRandom(2024);
  const keys = Float64Array.from({ length: n }, () => 5 * rng.uniform());
  const values = Float64Array.from({ length: n }, (_, i) => 2 * Math.sin(keys[i]!) + keys[i]! + rng.normal());
  const queries = Float64Array.from({ length: n }, () => 5 * rng.uniform());
  const sim = { kind: 'kernel' as const, kernel: getKernel('gaussian'), shape: 'radial' as const, invWidth: Float64Array.of(1 / 0.3) };
  // keys as given (not sorted): no windows, every pair computed, as in the roofline
  const job = { ...makeJob(makeKeySet(keys, 1, values, 1, null), sim, queries, n, {}, precision), threads };
  nativeBackend.run(job);
  const wall: number[] = [], cpu: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now(), c0 = process.cpuUsage();
    nativeBackend.run(job);
    const c = process.cpuUsage(c0);
    wall.push((performance.now() - t0) / 1e3);
    cpu.push((c.user + c.system) / 1e6);
  }
  return { wall: (n * n) / median(wall), cpu: (n * n) / median(cpu) };
}

const args = process.argv.slice(2);
const listArg = (name: string): string[] | null => {
  const a = args.find((x) => x.startsWith(`--${name}=`));
  return a ? a.slice(name.length + 3).split(',').filter(Boolean) : null;
};
const sizes = args.filter((a) => !a.startsWith('--')).map(Number).filter((x) => x > 0);
const threadCounts = (listArg('threads') ?? ['1', '2']).map(Number).filter((t) => Number.isInteger(t) && t > 0);
const here = nativeIsas();
const isas = (listArg('isa') ?? [here[0]!]).filter((isa) => {
  if (here.includes(isa as NativeIsa)) return true;
  console.log(`instruction set ${isa} does not run here (this processor runs: ${here.join(', ')})`);
  return false;
}) as NativeIsa[];
const g = (x: number) => `${(x / 1e9).toFixed(2)}e9`;
console.log(`${nativeBackend.describe()}; runs: ${RUNS}, medians`);
for (const n of sizes.length ? sizes : [16384, 32768]) {
  for (const threads of threadCounts) {
    const roof = runRoofline({ n, runs: RUNS, threads: [threads] });
    if ('reason' in roof) console.log(`roofline unavailable: ${roof.reason}`);
    for (const isa of isas) {
      setNativeIsa(isa);
      for (const precision of ['float32', 'float64'] as const) {
        const nat = measureNative(n, precision, threads);
        const side = 'reason' in roof ? null : roof[precision];
        const rIsa = 'reason' in roof ? '' : ` (${roof.isa})`;
        const of = (x: number, y: number | undefined) => (y ? ` (${(100 * x / y).toFixed(0)} %)` : '');
        console.log(`n = m = ${n}, ${precision}, ${threads} thread${threads > 1 ? 's' : ''}: native ${isa} ${g(nat.wall)} pairs/s${of(nat.wall, side?.wall[threads])}, `
          + `${g(nat.cpu)} per CPU-s${of(nat.cpu, side?.cpu[threads])}; roofline${rIsa} ${side ? `${g(side.wall[threads]!)} pairs/s, ${g(side.cpu[threads]!)} per CPU-s` : '—'}`);
      }
    }
    setNativeIsa(null);
  }
}
