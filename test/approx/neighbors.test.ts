/**
 * `neighbors`: exact sums for compact kernels visiting only the keys in reach (a sliding window of power
 * sums or the engine's walk in 1-D, a cell grid in d ≥ 2) must equal the exact engine to 1e-12, with
 * observation weights, local widths, leave-one-out, both kernel shapes, and keys exactly at the rim of the
 * support.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { makeKeySet, pool, seededRandom } from '../../src/index.js';
import type { PoolSums, Similarity } from '../../src/index.js';
import { sortKeySet1d } from '../../src/engine/keyset.js';
import { kernel, kernelSim, randomData, runMethod } from './helpers.js';
import type { DataSet } from './helpers.js';

const COMPACT = ['boxcar', 'triangular', 'epanechnikov', 'biweight', 'triweight', 'tricube', 'cosine'];
/** A width per dimension that puts a few dozen keys in reach of a query (keys on [0, 5]^d). */
const WIDTH: Record<number, number> = { 1: 0.3, 2: 0.7, 3: 1.2, 6: 2.6 };

/** Ŝ = S and T̂ = T to 1e-12 of S (and of S·max|v|) per query, where S is the exact engine's. */
function assertSameSums(got: PoolSums, want: PoolSums, label: string): void {
  assert.equal(got.m, want.m);
  for (let i = 0; i < want.m; i++) {
    const w = want.sum[i] === 0 ? 0 : want.sum[i]! * Math.exp(want.logScale[i]!);
    const g = got.sum[i] === 0 ? 0 : got.sum[i]! * Math.exp(got.logScale[i]!);
    if (w === 0) { assert.equal(g, 0, `${label}: query ${i} has no key in reach, got Ŝ = ${g}`); continue; }
    assert.ok(Math.abs(g - w) <= 1e-12 * w, `${label}: query ${i}: Ŝ = ${g}, S = ${w}`);
    for (let c = 0; c < want.p; c++) {
      const tw = want.weighted[i * want.p + c]! * Math.exp(want.logScale[i]!);
      const tg = got.weighted[i * got.p + c]! * Math.exp(got.logScale[i]!);
      assert.ok(Math.abs(tg - tw) <= 1e-12 * w * 4, `${label}: query ${i}, column ${c}: T̂ = ${tg}, T = ${tw}`);
    }
  }
}

function exact(data: DataSet, sim: Similarity, loo: boolean): PoolSums {
  const q = loo ? data.keys.keys : data.queries;
  return pool(data.stored, sim, q, loo ? data.keys.n : data.m, { leaveOneOut: loo, backend: 'js' });
}

describe('neighbors = the exact engine (1e-12)', () => {
  let seed = 8100;
  for (const name of COMPACT) {
    for (const d of [1, 2, 3, 6]) {
      const s = seed++;
      test(`${name}, d = ${d} (seed ${s}): plain, weighted with local widths, leave-one-out, product shape`, () => {
        const rng = seededRandom(s);
        const h = Array.from({ length: d }, (_, c) => WIDTH[d]! * (1 + 0.2 * c));
        const n = d === 6 ? 200 : 400, m = d === 6 ? 25 : 60; // a query visits 3⁶ cells in d = 6
        const variants: [string, DataSet, Similarity & { kind: 'kernel' }][] = [
          ['plain', randomData(rng, { n, m, d, p: 2 }), kernelSim(kernel(name), h)],
          ['weights and local widths', randomData(rng, { n, m, d, weights: true, local: true }), kernelSim(kernel(name), h)],
        ];
        if (d > 1) variants.push(['product shape, weights', randomData(rng, { n, m, d, weights: true }), kernelSim(kernel(name), h, 'product')]);
        for (const [label, data, sim] of variants) {
          const cache = new Map<string, unknown>(); // as a fitted model keeps its cell grid between calls
          for (const loo of [false, true]) {
            const { sums, report } = runMethod(data, sim, { method: 'neighbors', tolerance: 0, leaveOneOut: loo, cache });
            assert.equal(report.method, 'neighbors', `${label}: ran ${report.method} (${report.detail})`);
            assert.equal(report.bound, 0);
            assert.deepEqual(report.fallback, []);
            assertSameSums(sums, exact(data, sim, loo), `${label}${loo ? ', leave-one-out' : ''}`);
          }
        }
      });
    }
  }
});

describe('neighbors: keys exactly at the rim of the support', () => {
  for (const name of ['boxcar', 'epanechnikov', 'tricube']) {
    for (const d of [1, 2]) {
      test(`${name}, d = ${d}: keys on a lattice of step h, queries on the lattice and between`, () => {
        // keys 0, 1, …, 12 per axis with h = 1: each lattice query has keys at u = 0 and exactly u = 1
        const side = 13;
        const pts: number[] = [];
        if (d === 1) for (let a = 0; a < side; a++) pts.push(a);
        else for (let a = 0; a < side; a++) for (let b = 0; b < side; b++) pts.push(a, b);
        const n = pts.length / d;
        const keys = makeKeySet(Float64Array.from(pts), d, Float64Array.from({ length: n }, (_, j) => j % 7), 1, null);
        const data: DataSet = {
          keys, stored: sortKeySet1d(keys), lambda: null,
          queries: Float64Array.from({ length: 40 * d }, (_, t) => (t % 2 === 0 ? Math.floor(t / 2) % side : 0.5 * (t % 13))),
          m: 40,
        };
        const sim = kernelSim(kernel(name), new Array(d).fill(1));
        for (const loo of [false, true]) {
          const { sums, report } = runMethod(data, sim, { method: 'neighbors', tolerance: 0, leaveOneOut: loo });
          assert.equal(report.method, 'neighbors');
          assertSameSums(sums, exact(data, sim, loo), loo ? 'leave-one-out' : 'queries');
        }
      });
    }
  }
});

test('neighbors in 1-D with 2¹⁷ keys: the window rebuilt from block sums (seed 8180)', () => {
  const rng = seededRandom(8180);
  for (const name of ['epanechnikov', 'tricube', 'triweight']) {
    const data = randomData(rng, { n: 1 << 17, m: 400, d: 1, p: 2, weights: true });
    for (const h of [0.02, 0.5]) {
      const sim = kernelSim(kernel(name), [h]);
      const { sums, report } = runMethod(data, sim, { method: 'neighbors', tolerance: 0 });
      assert.match(report.detail, /sliding window/);
      assertSameSums(sums, exact(data, sim, false), `${name}, h = ${h}`);
    }
  }
});

test('neighbors in d = 7 (no cell grid): the exact engine runs instead, and the report says why', () => {
  const rng = seededRandom(8190);
  const data = randomData(rng, { n: 50, m: 5, d: 7 });
  const { report } = runMethod(data, kernelSim(kernel('epanechnikov'), new Array(7).fill(3)), { method: 'neighbors', tolerance: 0 });
  assert.equal(report.method, 'exact');
  assert.match(report.detail, /d = 7 > 6/);
});
