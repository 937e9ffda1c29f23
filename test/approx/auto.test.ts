/**
 * `method: 'auto'` picks by kernel, dimension, n, m and tolerance, and reports what ran and its bound; the
 * default stays exact when the tolerance is 0. Clear cases only: the choice between binned and truncated
 * in between is a cost estimate, checked here where one side is far cheaper.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { classifier, density, regression, seededRandom } from '../../src/index.js';
import type { EstimatorOptions, MethodReport } from '../../src/index.js';

const rng = seededRandom(8400);
const sample = (n: number, d: number) => Array.from({ length: n }, () => Array.from({ length: d }, () => 10 * rng.uniform()));
const flat = (n: number) => Array.from({ length: n }, () => 10 * rng.uniform());

function ran(options: EstimatorOptions, x: number[] | number[][], q: number[] | number[][]): MethodReport {
  return density({ onWarning: () => {}, ...options }).fit(x).densityDetailed(q).method;
}

describe('auto picks the method', () => {
  const x1 = flat(20_000), q1 = flat(5_000);
  test('tolerance 0 (the default): exact, for every kernel; method: auto with a compact kernel: neighbors', () => {
    for (const kernel of ['gaussian', 'epanechnikov'] as const) {
      const r = ran({ kernel, bandwidth: 0.2 }, x1, q1.slice(0, 20));
      assert.equal(r.requested, 'exact');
      assert.equal(r.method, 'exact');
      assert.equal(r.bound, 0);
    }
    const r = ran({ kernel: 'gaussian', bandwidth: 0.2, method: 'auto' }, x1, q1.slice(0, 20));
    assert.equal(r.method, 'exact');
    assert.match(r.detail, /tolerance 0/);
    const c = ran({ kernel: 'biweight', bandwidth: 1, method: 'auto' }, x1, q1);
    assert.equal(c.method, 'neighbors', c.detail);
    assert.equal(c.bound, 0);
  });

  test('a compact kernel with few keys in reach of few queries: the exact engine (both are exact; it is cheaper)', () => {
    const r = ran({ kernel: 'biweight', bandwidth: 0.01, method: 'auto' }, x1, q1.slice(0, 20));
    assert.equal(r.method, 'exact', r.detail);
    assert.match(r.detail, /compact kernel, few keys in reach/);
  });

  test('a tolerance alone means auto; a compact kernel still runs neighbors (exact, bound 0)', () => {
    const r = ran({ kernel: 'triweight', bandwidth: 0.2, tolerance: 1e-3 }, x1, q1);
    assert.equal(r.requested, 'auto');
    assert.equal(r.method, 'neighbors');
    assert.equal(r.bound, 0);
  });

  test('gaussian, 1-D, many keys and queries at a width spanning many keys: binned, with a bound within the tolerance', () => {
    const r = ran({ bandwidth: 0.3, tolerance: 1e-6 }, x1, q1);
    assert.equal(r.method, 'binned', r.detail);
    assert.ok(r.bound > 0 && r.bound <= 1e-6);
    assert.match(r.detail, /a binned grid cheapest/);
  });

  test('gaussian, 1-D, a few queries at a narrow width: exact (its walk over sorted keys is short; a grid would cost more)', () => {
    const r = ran({ bandwidth: 0.001, tolerance: 1e-6 }, x1, q1.slice(0, 5));
    assert.equal(r.method, 'exact', r.detail);
    assert.equal(r.bound, 0);
    assert.match(r.detail, /the exact engine cheapest/);
  });

  test('gaussian, 2-D, many queries on a grid at a loose tolerance: binned', () => {
    const x = sample(20_000, 2);
    const q = Array.from({ length: 64 * 64 }, (_, k) => [10 * (k % 64) / 63, 10 * Math.floor(k / 64) / 63]);
    const r = ran({ bandwidth: 0.5, tolerance: 1e-2 }, x, q);
    assert.equal(r.method, 'binned', r.detail);
    assert.ok(r.bound <= 1e-2);
  });

  test('other kernels of unbounded support in 2-D, and the gaussian in d = 3, at narrow widths: truncated', () => {
    const x = sample(20_000, 2), q = sample(200, 2);
    for (const kernel of ['exponential', 'logistic', 'sigmoid', 'silverman'] as const) {
      const r = ran({ kernel, bandwidth: 0.05, tolerance: 1e-4 }, x, q);
      assert.equal(r.method, 'truncated', `${kernel}: ${r.detail}`);
      assert.ok(r.bound <= 1e-4);
    }
    const r = ran({ bandwidth: 0.3, tolerance: 1e-4 }, sample(20_000, 3), sample(50, 3));
    assert.equal(r.method, 'truncated', r.detail);
  });

  test('a width that spans the data: the exact engine (truncation would visit every key anyway)', () => {
    const r = ran({ kernel: 'logistic', bandwidth: 3, tolerance: 1e-4 }, sample(5000, 2), sample(100, 2));
    assert.equal(r.method, 'exact', r.detail);
    assert.match(r.detail, /the exact engine cheapest/);
  });

  test('beyond 6 dimensions, a kernel that never decays, dot-product attention: exact, with the reason', () => {
    const r = ran({ bandwidth: 3, tolerance: 1e-3 }, sample(200, 7), sample(5, 7));
    assert.equal(r.method, 'exact');
    assert.match(r.detail, /d = 7 > 6/);
    const c = regression({ kernel: 'constant', bandwidth: 1, tolerance: 1e-3 }).fit(flat(100), flat(100)).predictDetailed(flat(5)).method;
    assert.equal(c.method, 'exact');
    assert.match(c.detail, /never decays/);
    const dot = regression({ similarity: 'dot', tolerance: 1e-3 }).fit(sample(100, 2), flat(100)).predictDetailed(sample(5, 2)).method;
    assert.equal(dot.method, 'exact');
    assert.match(dot.detail, /dot-product/);
  });

  test('the report follows the last call: lastMethod after predict, leave-one-out and diagnostics', () => {
    const model = classifier({ bandwidth: 0.3, tolerance: 1e-5 }).fit(flat(2000), Array.from({ length: 2000 }, (_, i) => (i % 3 === 0 ? 'a' : 'b')));
    assert.equal(model.lastMethod, null);
    model.predict(flat(10));
    assert.equal(model.lastMethod!.requested, 'auto');
    assert.ok(model.lastMethod!.bound <= 1e-5);
    model.leaveOneOut();
    assert.ok(['binned', 'truncated', 'exact'].includes(model.lastMethod!.method));
    assert.ok(model.lastMethod!.bound <= 1e-5);
    model.diagnostics(flat(3));
    assert.equal(model.lastMethod!.requested, 'auto');
  });
});
