/**
 * The wasm backend beyond the conformance suite: its exp's accuracy, the flush of negligible terms, the
 * SIMD and the scalar builds against the job oracle on jobs of every shape (sizes around the vector
 * width and the tile, windows, left-out keys, weights), large jobs, memory reused across jobs, and
 * `runRange` writing a part of a job into shared output (what the workers backend builds on).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { kernels, makeKeySet, seededRandom, NadarayaError } from '../../src/index.js';
import type { KeySet, Random, Similarity } from '../../src/index.js';
import { sortKeySet1d } from '../../src/engine/keyset.js';
import { makeJob } from '../../src/backends/job.js';
import { runJobJs } from '../../src/backends/js.js';
import { allocSums } from '../../src/backends/slice.js';
import type { PoolJob, Precision } from '../../src/backends/types.js';
import { createWasmBackend } from '../../src/backends/wasm.js';
import { simdSupported } from '../../src/backends/wasm-module.js';
import { createWasmRunner } from '../../src/backends/wasm-runner.js';
import { wasmModule } from '../../src/backends/wasm.js';
import { kernelSim, uniformRows } from '../helpers/engine.js';
import { assertSumsClose } from '../helpers/sums.js';

const TOL: Record<Precision, number> = { float64: 1e-12, float32: 1e-5 };
const BUILDS = [
  ...(simdSupported() ? [{ label: 'SIMD', simd: true }] : []),
  { label: 'scalar', simd: false },
];

/** The oracle's numbers for a job (always computed in float64). */
const oracle = (job: PoolJob) => runJobJs({ ...job, precision: 'float64' });

const f64 = new Float64Array(2), f64Words = new Uint32Array(f64.buffer);
const f32 = new Float32Array(2), f32Words = new Int32Array(f32.buffer);

/** Distance in units in the last place between two nearby positive float64 (or float32) numbers. */
function ulps(a: number, b: number, single: boolean): number {
  if (single) {
    f32[0] = a; f32[1] = b;
    return Math.abs(f32Words[0]! - f32Words[1]!);
  }
  f64[0] = a; f64[1] = b;
  return Math.abs((f64Words[1]! - f64Words[3]!) * 2 ** 32 + (f64Words[0]! - f64Words[2]!));
}

describe('exp', () => {
  for (const { label, simd } of BUILDS) {
    test(`${label} build: float64 within 2 ulp of Math.exp over [−708, 0], float32 within 1 ulp of the rounded e^x over [−87, 0]`, () => {
      const runner = createWasmRunner({ simd });
      assert.equal(runner.simd, simd);
      const N = 1 << 20;
      // dense over the range the reduction meets (−80 ≤ x ≤ 0), sparser down to the end of the normal range,
      // and the edges of the Cody–Waite intervals (x = (k ± ½) ln 2)
      const edges = Array.from({ length: 200 }, (_, k) => [(-k - 0.5) * Math.LN2, (-k - 0.5) * Math.LN2 * (1 + 1e-15), -k * Math.LN2]).flat();
      const xs = Float64Array.from([
        ...Array.from({ length: N }, (_, i) => -80 * (i + 0.5) / N),
        ...Array.from({ length: N >> 2 }, (_, i) => -80 - 628 * i / (N >> 2)),
        ...edges, 0, -0, -1e-300, -5e-324,
      ]);
      for (const vector of simd ? [true, false] : [false]) {
        const ys = runner.exp64(xs, vector);
        let worst = 0, at = 0;
        for (let i = 0; i < xs.length; i++) {
          const u = ulps(ys[i]!, Math.exp(xs[i]!), false);
          if (u > worst) { worst = u; at = xs[i]!; }
        }
        // Math.exp is itself within 1 ulp, so this allows ours about 1 ulp of its own
        assert.ok(worst <= 2, `float64 ${vector ? 'vector' : 'scalar'} exp: ${worst} ulp at x = ${at}`);
      }
      const xs32 = Float32Array.from([
        ...Array.from({ length: N }, (_, i) => -87 * (i + 0.5) / N),
        ...edges.filter((x) => x > -87), 0,
      ]);
      for (const vector of simd ? [true, false] : [false]) {
        const ys = runner.exp32(xs32, vector);
        let worst = 0, at = 0;
        for (let i = 0; i < xs32.length; i++) {
          const u = ulps(ys[i]!, Math.fround(Math.exp(xs32[i]!)), true);
          if (u > worst) { worst = u; at = xs32[i]!; }
        }
        assert.ok(worst <= 1, `float32 ${vector ? 'vector' : 'scalar'} exp: ${worst} ulp at x = ${at}`);
      }
    });
  }
});

/** A key at 0 (log-term 0, value 0) and one whose log-term is −gap (value 1): Gaussian, width 1, query at 0. */
function twoKeyJob(gap: number, precision: Precision): PoolJob {
  const keys = makeKeySet(Float64Array.of(0, Math.sqrt(2 * gap)), 1, Float64Array.of(0, 1), 1, null);
  return makeJob(keys, kernelSim(kernels[0]!, 'radial', [1]), Float64Array.of(0), 1, {}, precision);
}

/**
 * Below the flush limit (e^−708 of the largest term in float64, just above the subnormal range; e^−80 in
 * float32) a term is exactly 0; just above it, it counts. W = Σ e v sees the second key's term alone.
 */
test('terms below the flush limit are exactly 0, terms just above it count', () => {
  for (const { label, simd } of BUILDS) {
    const backend = createWasmBackend({ simd });
    for (const [precision, limit] of [['float64', 708], ['float32', 80]] as const) {
      const far = backend.run(twoKeyJob(limit + 0.5, precision));
      assert.equal(far.weighted[0], 0, `${label} ${precision}: the term e^−${limit + 0.5} is flushed`);
      assert.equal(far.sum[0], 1);
      const near = backend.run(twoKeyJob(limit - 0.5, precision));
      const w = near.weighted[0]!, e = Math.exp(-(limit - 0.5));
      assert.ok(Math.abs(w - e) <= 1e-4 * e, `${label} ${precision}: the term e^−${limit - 0.5} counts (W = ${w})`);
    }
  }
});

/**
 * Why float64 keeps terms down to e^−708: a class whose keys are all far has a tiny probability, and the
 * cross-entropy reads it through a log. Here key 1's class has probability ≈ e^−112 at the query.
 */
test('float64: a class made of far keys only keeps its probability (its log is finite and right)', () => {
  const keys = makeKeySet(Float64Array.of(0, 0.01, 1.5), 1, Float64Array.of(1, 0, 1, 0, 0, 1), 2, null);
  const job = makeJob(keys, kernelSim(kernels[0]!, 'radial', [0.1]), Float64Array.of(0), 1, {}, 'float64');
  for (const { label, simd } of BUILDS) {
    const got = createWasmBackend({ simd }).run(job);
    const want = oracle(job);
    const p = got.weighted[1]! / got.sum[0]!, q = want.weighted[1]! / want.sum[0]!;
    assert.ok(p > 0 && Math.abs(Math.log(p) - Math.log(q)) <= 1e-12 * Math.abs(Math.log(q)), `${label}: log p = ${Math.log(p)}, want ${Math.log(q)}`);
  }
});

interface Shape { n: number; m: number; d: number; p: number }

/** Random keys (sorted when 1-D, as fitted keys are), with optional weights and local widths. */
function keySet(rng: Random, { n, d, p }: Shape, weights: boolean, local: boolean, sorted: boolean): KeySet {
  const ks = makeKeySet(uniformRows(rng, n, d, -1, 2), d, p > 0 ? Float64Array.from({ length: n * p }, () => rng.normal()) : null, p,
    weights ? Float64Array.from({ length: n }, () => 0.1 + 2 * rng.uniform()) : null,
    local ? Float64Array.from({ length: n }, () => 0.5 + rng.uniform()) : null);
  return sorted && d === 1 ? sortKeySet1d(ks) : ks;
}

/** Windows and left-out keys of every kind: empty, whole, at the window's edges, outside it. */
function windowsAndExclusions(rng: Random, n: number, m: number): { lo: Int32Array; hi: Int32Array; exclude: Int32Array } {
  const lo = new Int32Array(m), hi = new Int32Array(m), exclude = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    const a = Math.floor(rng.uniform() * (n + 1)), b = Math.floor(rng.uniform() * (n + 1));
    [lo[i], hi[i]] = i % 5 === 0 ? [0, n] : [Math.min(a, b), Math.max(a, b)];
    const kind = i % 6;
    exclude[i] = kind === 0 ? -1 : kind === 1 ? lo[i]! : kind === 2 ? hi[i]! - 1 : kind === 3 ? Math.floor(rng.uniform() * n) : kind === 4 ? hi[i]! : lo[i]! + ((hi[i]! - lo[i]!) >> 1);
  }
  return { lo, hi, exclude };
}

/** Jobs over every kernel and shape, sizes around the vector width (2, 4, 8) and the tile (512). */
function variedJobs(seed: number): { label: string; job: PoolJob }[] {
  const rng = seededRandom(seed);
  const out: { label: string; job: PoolJob }[] = [];
  const sizes = [1, 2, 7, 9, 513, 1031];
  let k = 0;
  for (const kernel of kernels) {
    for (const shape of ['radial', 'product'] as const) {
      for (const d of [1, 2, 3, 7]) {
        if (shape === 'product' && d === 1) continue;
        const s: Shape = { n: sizes[k % sizes.length]!, m: [1, 5, 13][k % 3]!, d, p: [0, 1, 3][k % 3]! };
        k++;
        const sim = kernelSim(kernel, shape, Array.from({ length: d }, () => 0.3 + 0.6 * rng.uniform()));
        const weighted = k % 2 === 0, local = k % 3 === 0;
        const keys = keySet(rng, s, weighted, local, true);
        const queries = uniformRows(rng, s.m, d, -1.3, 2.3);
        const label = `${kernel.name} ${shape}, n = ${s.n}, m = ${s.m}, d = ${d}, p = ${s.p}${weighted ? ', weighted' : ''}${local ? ', local widths' : ''}`;
        for (const precision of ['float64', 'float32'] as const) {
          const job = makeJob(keys, sim, queries, s.m, {}, precision);
          out.push({ label: `${label}, ${precision}`, job });
          out.push({ label: `${label}, windows and left-out keys, ${precision}`, job: { ...job, ...windowsAndExclusions(rng, s.n, s.m) } });
        }
      }
    }
  }
  for (const d of [1, 3, 8]) {
    const s: Shape = { n: 517, m: 9, d, p: 2 };
    const keys = keySet(rng, s, true, false, false);
    for (const precision of ['float64', 'float32'] as const) {
      out.push({ label: `dot d = ${d}, ${precision}`, job: makeJob(keys, { kind: 'dot', temperature: 0.4, normalize: false }, uniformRows(rng, s.m, d, -1, 1), s.m, {}, precision) });
    }
  }
  // windows over keys that are not sorted: the walk must not assume an order
  const unsorted = keySet(rng, { n: 1500, m: 7, d: 1, p: 1 }, false, false, false);
  const job = makeJob(unsorted, kernelSim(kernels[0]!, 'radial', [0.05]), uniformRows(rng, 7, 1, -1, 2), 7, {}, 'float64');
  out.push({ label: 'gaussian, unsorted keys with windows', job: { ...job, ...windowsAndExclusions(rng, 1500, 7) } });
  return out;
}

for (const { label: build, simd } of BUILDS) {
  test(`${build} build: jobs of every kernel, shape and size equal the job oracle`, () => {
    const backend = createWasmBackend({ simd });
    for (const { label, job } of variedJobs(77)) assertSumsClose(backend.run(job), oracle(job), TOL[job.precision], label);
  });
}

test('large jobs (100 000 keys) equal the job oracle', () => {
  const rng = seededRandom(78);
  const n = 100_000, m = 50;
  const backend = createWasmBackend();
  const values = Float64Array.from({ length: n }, () => rng.normal());
  const x = uniformRows(rng, n, 1, 0, 5);
  const unsorted = makeKeySet(x, 1, values, 1, null);
  const sorted = sortKeySet1d(unsorted);
  const q = uniformRows(rng, m, 1, -0.5, 5.5);
  const x3 = makeKeySet(uniformRows(rng, n, 3, 0, 5), 3, values, 1, null);
  const q3 = uniformRows(rng, 10, 3, 0, 5);
  const cases: [string, KeySet, Similarity, Float64Array][] = [
    ['gaussian 1-D, unsorted', unsorted, kernelSim(kernels[0]!, 'radial', [0.02]), q],
    ['gaussian 1-D, sorted with windows', sorted, kernelSim(kernels[0]!, 'radial', [0.02]), q],
    ['epanechnikov 1-D, sorted with windows', sorted, kernelSim(kernels[4]!, 'radial', [0.05]), q],
    ['gaussian 3-D', x3, kernelSim(kernels[0]!, 'radial', [0.3, 0.4, 0.5]), q3],
  ];
  for (const [label, keys, sim, queries] of cases) {
    for (const precision of ['float64', 'float32'] as const) {
      const job = makeJob(keys, sim, queries, queries.length / keys.d, {}, precision);
      if (label.includes('windows')) assert.ok(job.lo !== null, `${label}: has windows`);
      assertSumsClose(backend.run(job), oracle(job), TOL[precision], `${label}, ${precision}`);
    }
  }
});

test('memory is reused across jobs of different sizes, and each job gets its own keys', () => {
  const rng = seededRandom(79);
  const runner = createWasmRunner();
  const sim = (d: number) => kernelSim(kernels[0]!, 'radial', Array.from({ length: d }, () => 0.5));
  const shapes: Shape[] = [{ n: 10, m: 3, d: 1, p: 1 }, { n: 20_000, m: 40, d: 2, p: 3 }, { n: 33, m: 5, d: 4, p: 0 }, { n: 5000, m: 200, d: 1, p: 2 }];
  let bytes = 0;
  for (const s of shapes) {
    const keys = keySet(rng, s, true, false, false);
    const job = makeJob(keys, sim(s.d), uniformRows(rng, s.m, s.d, -1, 2), s.m, {}, 'float64');
    assertSumsClose(runner.run(job), oracle(job), 1e-12, `n = ${s.n}, d = ${s.d}, p = ${s.p}`);
    assert.ok(runner.memoryBytes >= bytes, 'memory only grows');
    bytes = runner.memoryBytes;
  }
  // two jobs of the same shape one after the other, then the first again (same object: nothing recopied)
  const s: Shape = { n: 700, m: 9, d: 2, p: 1 };
  const [a, b] = [0, 1].map(() => makeJob(keySet(rng, s, false, false, false), sim(2), uniformRows(rng, s.m, 2, -1, 2), s.m, {}, 'float64'));
  for (const job of [a!, b!, a!, a!]) assertSumsClose(runner.run(job), oracle(job), 1e-12, 'alternating jobs of one shape');
  assert.equal(runner.memoryBytes, bytes, 'smaller jobs fit the memory already there');
});

test('runRange writes the rows of its queries into shared output, and only those', () => {
  const rng = seededRandom(80);
  const s: Shape = { n: 3000, m: 57, d: 1, p: 2 };
  const keys = keySet(rng, s, true, true, true);
  const job = makeJob(keys, kernelSim(kernels[11]!, 'radial', [0.1]), uniformRows(rng, s.m, 1, -1, 2), s.m, { }, 'float32');
  const want = oracle(job);
  const out = allocSums(s.m, s.p, (bytes) => new SharedArrayBuffer(bytes));
  const runner = createWasmRunner();
  runner.runRange(job, 20, 41, out);
  for (let i = 0; i < s.m; i++) {
    if (i >= 20 && i < 41) assert.notEqual(out.sum[i], 0, `row ${i} written`);
    else assert.equal(out.sum[i], 0, `row ${i} untouched`);
  }
  runner.runRange(job, 41, s.m, out);
  runner.runRange(job, 0, 20, out);
  assertSumsClose(out, want, TOL.float32, 'three ranges');
});

test('a worker thread runs its range from a module compiled once and posted to it, into shared memory', async () => {
  const rng = seededRandom(84);
  const s: Shape = { n: 2000, m: 40, d: 2, p: 1 };
  const keys = keySet(rng, s, false, false, false);
  const job = makeJob(keys, kernelSim(kernels[0]!, 'radial', [0.3, 0.3]), uniformRows(rng, s.m, 2, -1, 2), s.m, {}, 'float64');
  const out = allocSums(s.m, s.p, (bytes) => new SharedArrayBuffer(bytes));
  const runnerUrl = new URL('../../src/backends/wasm-runner.js', import.meta.url).href;
  const worker = new Worker(`
    const { parentPort } = require('node:worker_threads');
    parentPort.once('message', async ({ module, job, out, i0, i1 }) => {
      const { createWasmRunner } = await import(${JSON.stringify(runnerUrl)});
      createWasmRunner({ module }).runRange(job, i0, i1, out);
      parentPort.postMessage('done');
    });`, { eval: true });
  try {
    const done = new Promise((resolve, reject) => { worker.once('message', resolve); worker.once('error', reject); });
    worker.postMessage({ module: wasmModule(simdSupported()), job, out, i0: 10, i1: s.m });
    assert.equal(await done, 'done');
  } finally {
    await worker.terminate();
  }
  createWasmRunner().runRange(job, 0, 10, out);
  assertSumsClose(out, oracle(job), 1e-12, 'the worker\'s rows and the caller\'s');
});

test('queries go through in blocks when they do not fit one: 150 000 queries', () => {
  const rng = seededRandom(81);
  const m = 150_000;
  const keys = keySet(rng, { n: 5, m, d: 1, p: 1 }, false, false, false);
  const job = makeJob(keys, kernelSim(kernels[0]!, 'radial', [0.3]), uniformRows(rng, m, 1, -1, 2), m, {}, 'float64');
  assertSumsClose(createWasmBackend().run(job), oracle(job), 1e-12, 'many queries');
});

test('compact kernels at the edge of their support: the boxcar takes u = 1, the others end before it', () => {
  const keys = makeKeySet(Float64Array.of(0, 1, 2, 3), 1, Float64Array.of(1, 2, 3, 4), 1, null);
  for (const { label, simd } of BUILDS) {
    const backend = createWasmBackend({ simd });
    for (const precision of ['float64', 'float32'] as const) {
      for (const name of ['boxcar', 'triangular', 'epanechnikov', 'biweight', 'triweight', 'tricube', 'cosine'] as const) {
        const kernel = kernels.find((k) => k.name === name)!;
        const job = makeJob(keys, kernelSim(kernel, 'radial', [1]), Float64Array.of(1), 1, {}, precision);
        const got = backend.run(job);
        assert.equal(got.sum[0]! * Math.exp(got.logScale[0]!), name === 'boxcar' ? 3 : 1, `${label} ${precision} ${name}: keys at u = 0 and u = 1`);
        assertSumsClose(got, oracle(job), TOL[precision], `${label} ${precision} ${name}`);
      }
    }
  }
});

test('log-weights spread too far for the linear path, and queries far from every key, still give the oracle', () => {
  const rng = seededRandom(82);
  const n = 600;
  const w = Float64Array.from({ length: n }, (_, j) => Math.exp(-700 + 1.3 * j));
  const keys = makeKeySet(uniformRows(rng, n, 1, 0, 1), 1, Float64Array.from({ length: n }, () => rng.normal()), 1, w);
  const far = Float64Array.of(-3, 0.5, 40);
  for (const { label, simd } of BUILDS) {
    const backend = createWasmBackend({ simd });
    for (const precision of ['float64', 'float32'] as const) {
      for (const [kernel, h] of [[kernels[4]!, 0.2], [kernels[0]!, 1e-4], [kernels[11]!, 1e-3]] as const) {
        const job = makeJob(keys, kernelSim(kernel, 'radial', [h]), far, 3, {}, precision);
        const got = backend.run(job);
        for (let i = 0; i < 3; i++) assert.ok(Number.isFinite(got.sum[i]!) && Number.isFinite(got.logScale[i]!) || got.sum[i] === 0, `${label}: finite`);
        assertSumsClose(got, oracle(job), TOL[precision], `${label} ${precision} ${kernel.name} h = ${h}`);
      }
    }
  }
});

test('over sorted keys the walk stops only where no weight can lift a term back: a far, heavy key still counts', () => {
  const n = 6000;
  const x = Float64Array.from({ length: n }, (_, j) => j / n);
  // key 5900 weighs e^300: at u = 25 its term is −12.5 while the keys at 12.7 < u < 21 all flush, a tile and more of them
  const w = Float64Array.from({ length: n }, (_, j) => (j === 5900 ? Math.exp(300) : 1));
  const keys = sortKeySet1d(makeKeySet(x, 1, Float64Array.from({ length: n }, (_, j) => (j === 5900 ? 1 : 0)), 1, w));
  const queries = Float64Array.of(0.1, 0.5, 0.9, 5900 / n - 0.25, 0.99);
  for (const { label, simd } of BUILDS) {
    for (const precision of ['float64', 'float32'] as const) {
      const job = makeJob(keys, kernelSim(kernels[0]!, 'radial', [0.01]), queries, queries.length, {}, precision);
      assert.ok(job.lo !== null);
      const got = createWasmBackend({ simd }).run(job);
      assertSumsClose(got, oracle(job), TOL[precision], `${label} ${precision}`);
      assert.ok(got.weighted[3]! > 0, 'the heavy key counts for the query 25 widths away');
    }
  }
});

test('the backend says what runs, refuses kernels of the user\'s own, and throws on a job it refuses', () => {
  const backend = createWasmBackend();
  assert.equal(backend.unavailable(), null);
  assert.match(backend.describe(), simdSupported() ? /^wasm: SIMD128/ : /^wasm: scalar/);
  assert.match(createWasmBackend({ simd: false }).describe(), /^wasm: scalar \(no SIMD\)/);
  const job = twoKeyJob(1, 'float64');
  assert.equal(backend.refuses(job), null);
  assert.match(backend.refuses({ ...job, kernelId: -1 })!, /kernel object of the user's own/);
  assert.throws(() => backend.run({ ...job, kernelId: 999 }), (e: unknown) => e instanceof NadarayaError && e.code === 'E_PARAM');
});
