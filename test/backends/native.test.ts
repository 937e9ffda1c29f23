/**
 * The native backend beyond the shared conformance suite: every instruction set this processor runs
 * (forced one at a time: SSE2 against AVX2 against AVX-512) on jobs shaped to reach the corners of the
 * vector code — sizes that are no multiple of the vector width, several tiles per query with a maximum
 * that keeps rising, windows, left-out keys, weights, local widths, data far from 0, support edges —
 * against the job oracle; one and two threads bit for bit; the vector exp and log in ulps; bad jobs.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import '../../src/node.js';
import { getKernel, kernels, makeKeySet, seededRandom } from '../../src/index.js';
import type { KeySet, PoolSums, Random, Similarity } from '../../src/index.js';
import { sortKeySet1d } from '../../src/engine/keyset.js';
import { makeJob } from '../../src/backends/job.js';
import { runJobJs } from '../../src/backends/js.js';
import { KERNEL_IDS } from '../../src/backends/types.js';
import type { PoolJob, Precision } from '../../src/backends/types.js';
import { nativeBackend, nativeIsas, nativeProbe, setNativeIsa, setNativeThreads } from '../../src/backends/native.js';
import { kernelSim, uniformRows } from '../helpers/engine.js';
import { assertSumsClose } from '../helpers/sums.js';

const TOL: Record<Precision, number> = { float64: 1e-12, float32: 1e-5 };
const why = nativeBackend.unavailable();
const required = (process.env.NADARAYA_REQUIRE_BACKENDS ?? '').split(',').includes('native');

interface Case { label: string; keys: KeySet; sim: Similarity; queries: Float64Array; m: number; loo: boolean }

function keySet(rng: Random, n: number, d: number, p: number, opts: { weights?: boolean; local?: boolean; sorted?: boolean; lo?: number; hi?: number }): KeySet {
  const data = uniformRows(rng, n, d, opts.lo ?? -1, opts.hi ?? 2);
  const values = p > 0 ? Float64Array.from({ length: n * p }, () => rng.normal()) : null;
  const w = opts.weights ? Float64Array.from({ length: n }, () => 0.1 + 2 * rng.uniform()) : null;
  const lambda = opts.local ? Float64Array.from({ length: n }, () => 0.5 + rng.uniform()) : null;
  const keys = makeKeySet(data, d, values, p, w, lambda);
  return opts.sorted && d === 1 ? sortKeySet1d(keys) : keys;
}

/** Odd sizes (1, 3, 7, 13, 33: no multiple of 4, 8 or 16), all kernels and shapes, weights, local widths, windows. */
function cases(): Case[] {
  const out: Case[] = [];
  let seed = 7000;
  for (const kernel of kernels) {
    for (const [shape, d] of [['radial', 1], ['radial', 3], ['product', 2], ['product', 5]] as const) {
      const rng = seededRandom(seed++);
      const sim = kernelSim(kernel, shape, Array.from({ length: d }, () => 0.4 + 0.6 * rng.uniform()));
      for (const [n, m, p] of [[1, 3, 1], [7, 13, 0], [33, 5, 2], [61, 9, 5]] as const) {
        const extra = { weights: n % 2 === 1, local: n > 30, sorted: d === 1 && n > 10 };
        const keys = keySet(rng, n, d, p, extra);
        out.push({ label: `${kernel.name} ${shape} d = ${d}, n = ${n}, p = ${p}`, keys, sim, queries: uniformRows(rng, m, d, -1.3, 2.3), m, loo: false });
      }
      // leave-one-out: the query sits on its left-out key, whose term would be the largest
      const keys = keySet(rng, 29, d, 1, { weights: true, sorted: d === 1 });
      out.push({ label: `${kernel.name} ${shape} d = ${d}, leave-one-out`, keys, sim, queries: keysInCallerOrder(keys), m: 29, loo: true });
    }
  }
  for (const d of [1, 3, 17]) {
    const rng = seededRandom(seed++);
    const sim: Similarity = { kind: 'dot', temperature: 0.4, normalize: false };
    out.push({ label: `dot d = ${d}`, keys: keySet(rng, 45, d, 2, { weights: true }), sim, queries: uniformRows(rng, 11, d, -1, 1), m: 11, loo: false });
  }
  return out;
}

/** The keys as the caller gave them (leave-one-out queries are the caller's keys, in the caller's order). */
function keysInCallerOrder(keys: KeySet): Float64Array {
  if (!keys.order) return keys.keys.slice();
  const out = new Float64Array(keys.keys.length);
  for (let j = 0; j < keys.n; j++) out[keys.order[j]!] = keys.keys[j]!;
  return out;
}

/** Many tiles per query (4096 float keys, 2048 double keys a tile), the running maximum rising tile after tile. */
function tileCases(): Case[] {
  const rng = seededRandom(8100);
  const n = 9001;
  const data = Float64Array.from({ length: n }, (_, j) => j / n * 30 + 0.01 * rng.uniform());
  const values = Float64Array.from({ length: n }, () => rng.normal());
  const keys = makeKeySet(data, 1, values, 1, null);
  const gauss = kernelSim(getKernel('gaussian'), 'radial', [2]);
  const epan = kernelSim(getKernel('epanechnikov'), 'radial', [20]);
  const queries = Float64Array.of(31, 15, -2, 0.5, 29.99);
  return [
    { label: 'gaussian, 9001 keys in order, queries at the far end', keys, sim: gauss, queries, m: 5, loo: false },
    { label: 'epanechnikov, 9001 keys in order', keys, sim: epan, queries, m: 5, loo: false },
    { label: 'gaussian, 9001 keys, weighted, 3 values', keys: keySet(rng, n, 1, 3, { weights: true, local: true }), sim: gauss, queries: Float64Array.of(0.3, 1.7), m: 2, loo: false },
  ];
}

function compare(c: Case, precision: Precision, label: string): void {
  const job = makeJob(c.keys, c.sim, c.queries, c.m, { leaveOneOut: c.loo }, precision);
  assertSumsClose(nativeBackend.run(job), runJobJs({ ...job, precision: 'float64' }), TOL[precision], `${label}: ${c.label}, ${precision}`);
}

/** Differences between two float32 (or float64) values in units in the last place. */
function ulps(a: number, b: number, single: boolean): number {
  if (a === b) return 0;
  if (single) {
    const f = new Float32Array([a, b]);
    const i = new Int32Array(f.buffer);
    return Math.abs(i[0]! - i[1]!);
  }
  const f = new Float64Array([a, b]);
  const i = new BigInt64Array(f.buffer);
  return Number(i[0]! > i[1]! ? i[0]! - i[1]! : i[1]! - i[0]!);
}

if (why !== null) {
  test(`native backend skipped: ${why}`, { skip: required ? false : why }, () => {
    assert.fail(`native is required here (NADARAYA_REQUIRE_BACKENDS) but cannot load: ${why}`);
  });
} else {
  const isas = nativeIsas();
  const CASES = cases();
  after(() => { setNativeIsa(null); setNativeThreads(null); });

  test('loads, names its instruction set and threads, refuses only user kernels', () => {
    assert.ok(isas.length >= 1);
    assert.match(nativeBackend.describe(), /^native: .+, \d+ threads?$/);
    const job = makeJob(CASES[0]!.keys, CASES[0]!.sim, CASES[0]!.queries, CASES[0]!.m, {}, 'float64');
    assert.equal(nativeBackend.refuses(job), null);
    assert.match(nativeBackend.refuses({ ...job, kernelId: -1 }) ?? '', /own/);
    assert.equal(KERNEL_IDS.length, 13, 'the addon numbers 13 kernels (native/src/job.h)');
  });

  test('threads default to the cores this process may run on (its CPU affinity), for native and workers alike', (t) => {
    const probe = spawnSync('taskset', ['-c', '0', 'true']);
    if (probe.error || probe.status !== 0) { t.skip('no taskset here'); return; }
    const entry = fileURLToPath(new URL('../../src/node.js', import.meta.url));
    const r = spawnSync('taskset', ['-c', '0', process.execPath, '--input-type=module', '-e',
      `const m = await import(${JSON.stringify(entry)}); console.log(JSON.stringify(m.backendStatus().map((b) => b.description)))`], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const lines: string[] = JSON.parse(r.stdout);
    assert.ok(lines.some((l) => /^native: .+, 1 thread$/.test(l)), lines.join(' | '));
    assert.ok(lines.some((l) => /^workers: 1 thread /.test(l)), lines.join(' | '));
  });

  for (const isa of isas) {
    describe(`instruction set ${isa}`, () => {
      for (const precision of ['float64', 'float32'] as const) {
        test(`${precision}: every kernel, shape, size, window and left-out key equals the oracle`, () => {
          setNativeIsa(isa);
          for (const c of CASES) compare(c, precision, isa);
        });
        test(`${precision}: many tiles per query, the maximum rising from tile to tile`, () => {
          setNativeIsa(isa);
          for (const c of tileCases()) compare(c, precision, isa);
        });
      }

      test('float32 keeps its digits for data far from 0 (keys near 10^6, width 0.5)', () => {
        setNativeIsa(isa);
        const rng = seededRandom(8200);
        const data = Float64Array.from({ length: 300 }, () => 1e6 + 20 * rng.uniform());
        const keys = sortKeySet1d(makeKeySet(data, 1, Float64Array.from({ length: 300 }, () => rng.normal()), 1, null));
        const queries = Float64Array.from({ length: 40 }, () => 1e6 + 20 * rng.uniform());
        for (const name of ['gaussian', 'epanechnikov', 'exponential'] as const) {
          compare({ label: `${name} near 1e6`, keys, sim: kernelSim(getKernel(name), 'radial', [0.5]), queries, m: 40, loo: false }, 'float32', isa);
        }
      });

      test('support edges as the TypeScript kernels draw them: u = 1 is in the boxcar, out of the others', () => {
        setNativeIsa(isa);
        // keys at exactly one width from the query (u² = 1), and a far key so that no sum is empty
        const keys = makeKeySet(Float64Array.of(-1, 1, 0.25), 1, Float64Array.of(1, 2, 3), 1, null);
        for (const kernel of kernels) {
          const job = makeJob(keys, kernelSim(kernel, 'radial', [1]), Float64Array.of(0), 1, {}, 'float64');
          const got = nativeBackend.run(job), want = runJobJs(job);
          // a key counted on one side and not the other would move the estimate by ~1, not by 1e-12
          const g = got.weighted[0]! / got.sum[0]!, w = want.weighted[0]! / want.sum[0]!;
          assert.ok(Math.abs(g - w) <= 1e-12 * Math.abs(w), `${kernel.name}: the keys at u = 1 count as the oracle's do (${g} vs ${w})`);
        }
      });
    });
  }

  test('the instruction sets agree with each other', () => {
    const rng = seededRandom(8300);
    const keys = keySet(rng, 517, 2, 1, { weights: true });
    const queries = uniformRows(rng, 23, 2, -1, 2);
    for (const precision of ['float64', 'float32'] as const) {
      const results: PoolSums[] = isas.map((isa) => {
        setNativeIsa(isa);
        return nativeBackend.run(makeJob(keys, kernelSim(getKernel('gaussian'), 'radial', [0.3, 0.5]), queries, 23, {}, precision));
      });
      for (let k = 1; k < results.length; k++) assertSumsClose(results[k]!, results[0]!, TOL[precision], `${isas[k]} vs ${isas[0]}, ${precision}`);
    }
    setNativeIsa(null);
  });

  test('one thread and two threads give identical sums', () => {
    const rng = seededRandom(8400);
    const keys = keySet(rng, 3001, 1, 2, { sorted: true, weights: true });
    const queries = uniformRows(rng, 401, 1, -1, 2);
    for (const precision of ['float64', 'float32'] as const) {
      for (const sim of [kernelSim(getKernel('gaussian'), 'radial', [0.05]), kernelSim(getKernel('biweight'), 'radial', [0.2])]) {
        const job = makeJob(keys, sim, queries, 401, {}, precision);
        const one = nativeBackend.run({ ...job, threads: 1 }), two = nativeBackend.run({ ...job, threads: 2 });
        for (const k of ['logScale', 'sum', 'sumSq', 'maxTerm', 'weighted'] as const) assert.deepEqual(two[k], one[k], `${precision}: ${k}`);
      }
    }
    setNativeThreads(1);
    assert.match(nativeBackend.describe(), /, 1 thread$/);
    setNativeThreads(null);
  });

  for (const isa of isas) {
    test(`${isa}: the vector exp is within 4 ulp (float32) and 2 ulp (float64), and exactly 0 below its cutoff`, () => {
      for (const [precision, lo, limit] of [['float32', -80, 4], ['float64', -708, 2]] as const) {
        const single = precision === 'float32';
        const xs = Float64Array.from({ length: 20001 }, (_, i) => (single ? Math.fround : Number)(lo * i / 20000));
        const ys = nativeProbe(isa, 'exp', precision, xs);
        let worst = 0;
        for (let i = 0; i < xs.length; i++) {
          const want = single ? Math.fround(Math.exp(xs[i]!)) : Math.exp(xs[i]!);
          worst = Math.max(worst, ulps(ys[i]!, want, single));
        }
        assert.ok(worst <= limit, `${isa} ${precision}: exp errs by ${worst} ulp`);
        const below = nativeProbe(isa, 'exp', precision, Float64Array.of(lo - 1, -1e30, -Infinity, NaN));
        assert.deepEqual(Array.from(below), [0, 0, 0, 0], `${isa} ${precision}: below the cutoff`);
      }
    });

    test(`${isa}: the vector log is within 2 ulp, or 2^-52 absolutely near 1`, () => {
      for (const precision of ['float32', 'float64'] as const) {
        const single = precision === 'float32';
        const round = single ? Math.fround : Number;
        const xs = Float64Array.from({ length: 20001 }, (_, i) => round(i < 10000 ? 2 ** (-40 * (1 - i / 10000)) : 1 + (i - 10000) / 10000 * 3));
        const ys = nativeProbe(isa, 'log', precision, xs);
        for (let i = 0; i < xs.length; i++) {
          const want = single ? Math.fround(Math.log(xs[i]!)) : Math.log(xs[i]!);
          const absolute = Math.abs(ys[i]! - want) <= (single ? 2 ** -23 : 2 ** -52) * 2;
          assert.ok(ulps(ys[i]!, want, single) <= 2 || absolute, `${isa} ${precision}: log(${xs[i]}) = ${ys[i]}, want ${want}`);
        }
      }
    });
  }

  test('a malformed job throws instead of reading past its arrays', () => {
    const c = CASES[8]!;
    const job: PoolJob = makeJob(c.keys, c.sim, c.queries, c.m, {}, 'float64');
    assert.throws(() => nativeBackend.run({ ...job, n: job.n + 1 }), /keys is shorter/);
    assert.throws(() => nativeBackend.run({ ...job, m: job.m + 1 }), /queries is shorter/);
    assert.throws(() => nativeBackend.run({ ...job, lo: new Int32Array(job.m), hi: new Int32Array(job.m).fill(job.n + 1) }), /window/);
    assert.throws(() => nativeBackend.run({ ...job, kernelId: 13 }), /kernelId/);
    assert.throws(() => nativeBackend.run({ ...job, precision: 'float16' as Precision }), /precision/);
  });
}
