/**
 * Bad `method`/`tolerance`/`errorScale` options fail early with E_PARAM errors that name the argument and
 * say what would work: a method for the wrong kernel, a tolerance out of range, an unknown error scale,
 * binned in d = 3 (at fit), binned with local widths, a fast path with dot-product attention.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NadarayaError, classifier, density, regression } from '../../src/index.js';

/** Runs fn, expects a NadarayaError E_PARAM about `argument` whose message contains every fragment. */
function expectParam(fn: () => unknown, argument: string, fragments: string[]): void {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof NadarayaError, `not a NadarayaError: ${String(e)}`);
    assert.equal(e.code, 'E_PARAM');
    assert.equal(e.argument, argument);
    for (const f of fragments) assert.ok(e.message.includes(f), `"${e.message}" lacks "${f}"`);
    return;
  }
  assert.fail(`no error (expected E_PARAM about ${argument})`);
}

test('a method for the wrong kernel', () => {
  expectParam(() => regression({ method: 'neighbors' }), 'method', ['compact support', "'truncated' or 'binned'"]);
  expectParam(() => density({ kernel: 'exponential', method: 'neighbors', tolerance: 1e-3 }), 'method', ['exponential']);
  expectParam(() => regression({ kernel: 'epanechnikov', method: 'binned', tolerance: 1e-3 }), 'method', ['gaussian kernel only', "'neighbors'"]);
  expectParam(() => classifier({ kernel: 'logistic', method: 'binned', tolerance: 1e-3 }), 'method', ["'truncated'"]);
});

test('binned and truncated need a tolerance > 0', () => {
  expectParam(() => regression({ method: 'binned' }), 'method', ['tolerance > 0']);
  expectParam(() => density({ method: 'truncated', tolerance: 0 }), 'method', ['tolerance > 0']);
});

test('a tolerance out of range or of the wrong type', () => {
  for (const tolerance of [-1e-6, 1, 2, NaN, Infinity]) {
    expectParam(() => regression({ tolerance }), 'tolerance', ['[0, 1)']);
  }
  expectParam(() => regression({ tolerance: '1e-3' as never }), 'tolerance', ['[0, 1)']);
});

test('an error scale that is not relative or total', () => {
  expectParam(() => density({ tolerance: 1e-3, errorScale: 'absolute' as never }), 'errorScale', ['must be one of relative, total']);
  expectParam(() => regression({ tolerance: 1e-3, errorScale: 'totl' as never }), 'errorScale', ['did you mean "total"']);
  expectParam(() => classifier({ errorScale: 1 as never }), 'errorScale', ['relative, total']);
  expectParam(() => regression({ errorScale: null as never }), 'errorScale', ['relative, total']);
  // allowed: either scale, with any method and tolerance (with τ = 0 the sums are exact on either)
  for (const errorScale of ['relative', 'total'] as const) {
    assert.equal(regression({ errorScale }).fit([0, 1, 2], [1, 2, 3]).predictDetailed([1]).method.errorScale, errorScale);
  }
});

test('an unknown method name', () => {
  expectParam(() => regression({ method: 'fast' as never }), 'method', ['auto, exact, neighbors, binned, truncated']);
  expectParam(() => regression({ method: 'binnd' as never, tolerance: 1e-3 }), 'method', ['did you mean "binned"']);
});

test('binned in d = 3 fails at fit; with local widths or dot-product attention at construction', () => {
  const x3 = [[0, 0, 0], [1, 1, 1], [2, 0, 1]];
  const model = density({ method: 'binned', tolerance: 1e-3, bandwidth: 1 });
  expectParam(() => model.fit(x3), 'method', ['1 and 2 dimensions', 'the data have 3', "'truncated'"]);
  expectParam(() => regression({ method: 'binned', tolerance: 1e-3, local: { method: 'knn', k: 5 } }), 'method', ['local', "'truncated'"]);
  expectParam(() => regression({ similarity: 'dot', method: 'truncated', tolerance: 1e-3 }), 'method', ['dot-product', "'exact'"]);
});

test('allowed: neighbors with a tolerance (still exact), truncated with a compact kernel (within its bound)', () => {
  const x = Array.from({ length: 400 }, (_, i) => (i * 0.618) % 10), y = x.map(Math.sin);
  const q = [0.7, 3.3, 9.9];
  const a = regression({ kernel: 'epanechnikov', bandwidth: 1, method: 'neighbors', tolerance: 1e-3 }).fit(x, y).predictDetailed(q);
  assert.equal(a.method.method, 'neighbors');
  assert.equal(a.method.bound, 0);
  const b = regression({ kernel: 'epanechnikov', bandwidth: 1, method: 'truncated', tolerance: 1e-3 }).fit(x, y).predictDetailed(q);
  assert.equal(b.method.method, 'truncated');
  // the small terms near the rim of the support may be skipped, within the bound
  assert.ok(b.method.bound <= 1e-3);
  for (let i = 0; i < 3; i++) assert.ok(Math.abs(a.estimates[i]! - b.estimates[i]!) <= (2 * b.method.bound) / (1 - b.method.bound) + 1e-12);
});
