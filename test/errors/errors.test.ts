/**
 * Bad input never crashes with a TypeError and never gives silent garbage: every case below is a
 * NadarayaError with a code a program can branch on (E_PARAM, E_DATA, E_RESOURCE) and a message that
 * names the argument, the row/column and the value where there is one. Plus the policies that turn
 * would-be garbage into defined results (missing: 'drop', empty: 'nan' | 'nearest' | 'mean' | 'error').
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  NadarayaError, classifier, density, regression,
} from '../../src/index.js';
import type { ErrorCode, SerializedNadarayaError } from '../../src/index.js';

const quiet = { onWarning: () => {} };

/** Runs `fn`, which must throw a NadarayaError with `code` whose message contains every part. */
function expectError(fn: () => unknown, code: ErrorCode, parts: (string | RegExp)[] = []): NadarayaError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught !== undefined, `expected a NadarayaError ${code}, but nothing was thrown`);
  assert.ok(!(caught instanceof TypeError), `crashed with a TypeError: ${(caught as Error).message}`);
  assert.ok(caught instanceof NadarayaError, `expected a NadarayaError, got ${String(caught)}`);
  const e = caught as NadarayaError;
  assert.equal(e.name, 'NadarayaError');
  assert.equal(e.code, code, `code of: ${e.message}`);
  for (const part of parts) {
    if (typeof part === 'string') assert.ok(e.message.includes(part), `message ${JSON.stringify(e.message)} should contain ${JSON.stringify(part)}`);
    else assert.match(e.message, part);
  }
  return e;
}

function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-12, what = 'values'): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!, b = expected[i]!;
    if (Number.isNaN(b)) { assert.ok(Number.isNaN(a), `${what}[${i}]: expected NaN, got ${a}`); continue; }
    assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${what}[${i}]: expected ${b}, got ${a}`);
  }
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('options', () => {
  test('an unknown option key is E_PARAM and suggests the nearest known key', () => {
    const e = expectError(() => regression({ kernal: 'gaussian' } as never), 'E_PARAM', ['kernal', 'did you mean "kernel"']);
    assert.equal(e.argument, 'options.kernal');
    expectError(() => classifier({ bandwith: 1 } as never), 'E_PARAM', ['bandwith', 'did you mean "bandwidth"']);
    expectError(() => density({ tilesize: 8 } as never), 'E_PARAM', ['tilesize', 'did you mean "tileSize"']);
    // a key with no plausible neighbour: no suggestion, but the list of known keys
    const far = expectError(() => regression({ zzzzzzzzzz: 1 } as never), 'E_PARAM', ['zzzzzzzzzz', 'known options are']);
    assert.ok(!far.message.includes('did you mean'));
  });

  test('options that are not an object are E_PARAM', () => {
    for (const bad of [null, 'gaussian', 42, [1, 2]]) {
      expectError(() => regression(bad as never), 'E_PARAM', ['options', 'must be an object']);
    }
  });

  test('unknown keys of fit options and record accessors are E_PARAM with a suggestion', () => {
    expectError(() => regression({ bandwidth: 1 }).fit([0, 1], [1, 2], { weight: [1, 1] } as never), 'E_PARAM',
      ['fitOptions.weight', 'did you mean "weights"']);
    expectError(() => regression({ bandwidth: 1 }).fit([{ a: 1, y: 1 }], { x: 'a', y: 'y', wieghts: 'w' } as never), 'E_PARAM',
      ['accessors.wieghts', 'did you mean "weights"']);
  });

  test('an unknown kernel name is E_PARAM with a suggestion and the value', () => {
    const e = expectError(() => regression({ kernel: 'gausian' }), 'E_PARAM', ['kernel', 'did you mean "gaussian"', 'got "gausian"']);
    assert.equal(e.argument, 'kernel');
    assert.equal(e.value, 'gausian');
    expectError(() => regression({ kernel: 'epanechnikof' }), 'E_PARAM', ['did you mean "epanechnikov"']);
    expectError(() => density({ kernel: 'tophatt' }), 'E_PARAM', ['did you mean "tophat"']);
    expectError(() => classifier({ kernel: 42 as never }), 'E_PARAM', ['kernel', 'got 42']);
    // aliases are case-insensitive and resolve to the canonical kernel
    assert.equal(regression({ kernel: 'TopHat' }).options.kernel.name, 'boxcar');
  });

  test('other enumerated options suggest the nearest choice', () => {
    expectError(() => regression({ empty: 'nearst' as never }), 'E_PARAM', ['empty', 'did you mean "nearest"', 'got "nearst"']);
    expectError(() => regression({ missing: 'dorp' as never }), 'E_PARAM', ['missing', 'did you mean "drop"']);
    expectError(() => regression({ shape: 'radail' as never }), 'E_PARAM', ['shape', 'did you mean "radial"']);
    expectError(() => regression({ similarity: 'dto' as never }), 'E_PARAM', ['similarity', 'did you mean "dot"']);
    expectError(() => regression({ tileSize: 0 }), 'E_PARAM', ['tileSize', 'got 0']);
    expectError(() => regression({ tileSize: 2.5 }), 'E_PARAM', ['tileSize', 'whole number', 'got 2.5']);
    expectError(() => regression({ temperature: -1 }), 'E_PARAM', ['temperature', 'got -1']);
    expectError(() => regression({ maxAttentionBytes: NaN }), 'E_PARAM', ['maxAttentionBytes', 'got NaN']);
    expectError(() => regression({ onWarning: 'loud' as never }), 'E_PARAM', ['onWarning', 'must be a function']);
    expectError(() => regression({ normalize: 1 as never }), 'E_PARAM', ['normalize', 'true or false']);
  });
});

describe('bandwidth', () => {
  test('a width so narrow that squared distances overflow (unbounded kernels) is E_PARAM by name; narrow widths short of it stay finite', () => {
    const x = [0, 1, 2, 3, 4, 5], y = [1, 2, 3, 2, 1, 0];
    for (const h of [1e-2, 1e-12, 1e-100, 1e-153]) {
      const est = regression({ bandwidth: h }).fit(x, y).predict([0.2, 2.6, 4.9]);
      assert.deepEqual(Array.from(est), [1, 2, 0], `h = ${h}: the nearest key's value, finite`);
    }
    for (const kernel of ['gaussian', 'logistic', 'exponential'] as const) {
      const e = expectError(() => regression({ kernel, bandwidth: 1e-160 }).fit(x, y), 'E_PARAM', ['bandwidth[column 1]'.replace('1', '0'), 'so narrow', 'overflow', 'got 1e-160']);
      assert.equal(e.column, 0);
      // the same width through withBandwidth (the explorer's path) and in 2-D names the column
      expectError(() => regression({ kernel, bandwidth: 1 }).fit(x, y).withBandwidth(1e-160), 'E_PARAM', ['so narrow']);
      expectError(() => regression({ kernel, bandwidth: [1, 1e-158] }).fit(x.map((v) => [v, v * 100]), y), 'E_PARAM', ['bandwidth[column 1]']);
    }
    // a compact kernel is 0 that far anyway: no error, and empty: 'nearest' gives the limit
    assert.deepEqual(Array.from(regression({ kernel: 'boxcar', bandwidth: 1e-160, empty: 'nearest', onWarning: () => {} }).fit(x, y).predict([2.6])), [2]);
  });

  test('a width ≤ 0, NaN or ±Infinity is E_PARAM naming bandwidth and the value', () => {
    for (const [bad, shown] of [[0, 'got 0'], [-1, 'got -1'], [-0.5, 'got -0.5'], [NaN, 'got NaN'], [Infinity, 'got Infinity'], [-Infinity, 'got -Infinity']] as const) {
      const e = expectError(() => regression({ bandwidth: bad }), 'E_PARAM', ['bandwidth', 'positive finite number', shown]);
      assert.equal(e.argument, 'bandwidth');
    }
    // the same checks in an array (with the column) and for every estimator
    expectError(() => regression({ bandwidth: [1, -2] }), 'E_PARAM', ['bandwidth[column 1]', 'got -2']);
    expectError(() => classifier({ bandwidth: [NaN] }), 'E_PARAM', ['bandwidth[column 0]', 'got NaN']);
    expectError(() => density({ bandwidth: 0 }), 'E_PARAM', ['bandwidth', 'got 0']);
    // and for withBandwidth on a fitted model
    const model = regression({ bandwidth: 1 }).fit([0, 1, 2], [0, 1, 2]);
    expectError(() => model.withBandwidth(0), 'E_PARAM', ['bandwidth', 'got 0']);
    expectError(() => model.withBandwidth(Infinity), 'E_PARAM', ['bandwidth', 'got Infinity']);
  });

  test('a width array of the wrong length is E_PARAM at fit, naming the dimension and the value', () => {
    const e = expectError(() => regression({ bandwidth: [1, 2, 3] }).fit([[0, 0], [1, 1]], [1, 2]), 'E_PARAM',
      ['bandwidth', 'one width per coordinate (2)', 'got [1, 2, 3]']);
    assert.equal(e.argument, 'bandwidth');
    expectError(() => regression({ bandwidth: 1 }).fit([[0, 0], [1, 1]], [1, 2]).withBandwidth([1, 2, 3]), 'E_PARAM', ['(2)']);
    // a single width in an array is broadcast
    const ok = regression({ bandwidth: [0.5] }).fit([[0, 0], [1, 1]], [1, 2]);
    assert.deepEqual(Array.from(ok.bandwidth), [0.5, 0.5]);
  });

  test('a bandwidth that is missing or not made of numbers is E_PARAM, never a TypeError', () => {
    const model = regression({ bandwidth: 1 }).fit([0, 1, 2], [1, 2, 3]);
    expectError(() => model.withBandwidth('scott' as never), 'E_PARAM', ['bandwidth', 'got "scott"']);
    expectError(() => model.withBandwidth({} as never), 'E_PARAM', ['bandwidth']);
    // regression: widths are validated before conversion (undefined, null, BigInt, Symbol are E_PARAM, not TypeError)
    expectError(() => model.withBandwidth(undefined as never), 'E_PARAM', ['bandwidth']);
    expectError(() => model.withBandwidth(null as never), 'E_PARAM', ['bandwidth']);
    expectError(() => regression({ bandwidth: [1n] as never }), 'E_PARAM', ['bandwidth']);
    expectError(() => regression({ bandwidth: [Symbol('h')] as never }), 'E_PARAM', ['bandwidth']);
  });

  test('an unknown rule name is E_PARAM with a suggestion', () => {
    expectError(() => regression({ bandwidth: 'scot' as never }), 'E_PARAM', ['bandwidth', 'did you mean "scott"', 'got "scot"']);
    expectError(() => density({ bandwidth: 'silvermann' as never }), 'E_PARAM', ['did you mean "silverman"']);
    expectError(() => regression({ bandwidth: 'nrd1' as never }), 'E_PARAM', ['did you mean "nrd']);
    expectError(() => regression({ bandwidth: {} as never }), 'E_PARAM', ['bandwidth']);
  });

  test('constant data with a rule of thumb is E_DATA naming the column, never a zero width', () => {
    for (const rule of ['scott', 'silverman', 'nrd0', 'nrd', 'normal-reference'] as const) {
      const e = expectError(() => regression({ bandwidth: rule }).fit([2, 2, 2, 2], [1, 2, 3, 4]), 'E_DATA',
        ['x[column 0]', 'constant', `"${rule}"`, 'got 2']);
      assert.equal(e.column, 0);
      expectError(() => density({ bandwidth: rule }).fit([[1, 5], [2, 5], [3, 5]]), 'E_DATA', ['x[column 1]', 'constant', 'got 5']);
      expectError(() => classifier({ bandwidth: rule }).fit([7, 7, 7], ['a', 'b', 'a']), 'E_DATA', ['x[column 0]', 'constant']);
    }
    // a rule needs two points
    expectError(() => regression({ bandwidth: 'scott' }).fit([1], [1]), 'E_DATA', ['x', 'at least 2 points', 'got 1']);
  });

  test('a rule of thumb with the constant or the silverman kernel is E_PARAM', () => {
    for (const rule of ['scott', 'silverman', 'nrd0', 'nrd', 'normal-reference'] as const) {
      for (const kernel of ['constant', 'silverman']) {
        const e = expectError(() => regression({ kernel, bandwidth: rule }).fit([0, 1, 2, 3], [0, 1, 2, 3]), 'E_PARAM',
          ['bandwidth', `${kernel} kernel`, 'give a numeric bandwidth', `got "${rule}"`]);
        assert.equal(e.argument, 'bandwidth');
      }
    }
    // the default bandwidth is a rule, so the silverman kernel alone is refused the same way
    expectError(() => regression({ kernel: 'silverman' }).fit([0, 1, 2], [0, 1, 2]), 'E_PARAM', ['"normal-reference"']);
    // with a numeric width both work
    assert.ok(Number.isFinite(regression({ kernel: 'silverman', bandwidth: 1 }).fit([0, 1, 2], [0, 1, 2]).predict([1])[0]!));
    assert.ok(Number.isFinite(regression({ kernel: 'constant', bandwidth: 1 }).fit([0, 1, 2], [0, 1, 2]).predict([1])[0]!));
  });
});

describe('data', () => {
  test('NaN, ±Infinity and null in x are E_DATA naming x, the row, the column and the value', () => {
    const r = regression({ bandwidth: 1 });
    let e = expectError(() => r.fit([[0, 0], [1, NaN]], [1, 2]), 'E_DATA', ['x[row 1, column 1]', 'finite', 'got NaN']);
    assert.equal(e.argument, 'x');
    assert.equal(e.row, 1);
    assert.equal(e.column, 1);
    e = expectError(() => r.fit([[0, 0], [1, 1], [Infinity, 2]], [1, 2, 3]), 'E_DATA', ['x[row 2, column 0]', 'got Infinity']);
    assert.equal(e.value, Infinity);
    expectError(() => r.fit([0, -Infinity, 2], [1, 2, 3]), 'E_DATA', ['x[row 1, column 0]', 'got -Infinity']);
    // null (and undefined) are read as missing numbers; the message names the cell
    // (note: the value is shown as NaN, the number null was read as)
    e = expectError(() => r.fit([[0, null], [1, 1]] as never, [1, 2]), 'E_DATA', ['x[row 0, column 1]', /got (null|NaN)/]);
    assert.equal(e.row, 0);
    expectError(() => r.fit([0, 1, undefined] as never, [1, 2, 3]), 'E_DATA', ['x[row 2, column 0]']);
    // a value that is not a number at all
    expectError(() => r.fit([0, 1, 'a'] as never, [1, 2, 3]), 'E_DATA', ['x[row 2, column 0]', 'must be a number', 'got "a"']);
    // the same for density and classification keys
    expectError(() => density({ bandwidth: 1 }).fit([[0, 1], [NaN, 2]]), 'E_DATA', ['x[row 1, column 0]', 'got NaN']);
    expectError(() => classifier({ bandwidth: 1 }).fit([0, Infinity], ['a', 'b']), 'E_DATA', ['x[row 1, column 0]', 'got Infinity']);
  });

  test('NaN, ±Infinity and null in y are E_DATA naming y, the row, the column and the value', () => {
    const r = regression({ bandwidth: 1 });
    const e = expectError(() => r.fit([0, 1, 2], [1, NaN, 3]), 'E_DATA', ['y[row 1, column 0]', 'got NaN']);
    assert.equal(e.argument, 'y');
    assert.equal(e.row, 1);
    expectError(() => r.fit([0, 1, 2], [1, 2, Infinity]), 'E_DATA', ['y[row 2, column 0]', 'got Infinity']);
    expectError(() => r.fit([0, 1, 2], [null, 2, 3] as never), 'E_DATA', ['y[row 0, column 0]']);
    expectError(() => r.fit([0, 1], [[1, 2], [3, -Infinity]]), 'E_DATA', ['y[row 1, column 1]', 'got -Infinity']);
  });

  test("missing: 'drop' drops rows with NaN/±Inf/null in x or y: the result equals fitting without them", () => {
    const x = [0, NaN, 1, 2, null, 3, 4, Infinity] as never as number[];
    const y = [1, 2, NaN, 4, 5, 6, -Infinity, 8];
    const keep = [0, 3, 5]; // rows with both x and y finite
    const q = [-0.5, 0.25, 1.5, 2.5, 3.75, 5];
    for (const kernel of ['gaussian', 'epanechnikov', 'exponential']) {
      const dropped = regression({ kernel, bandwidth: 1.3, missing: 'drop', ...quiet }).fit(x, y);
      const clean = regression({ kernel, bandwidth: 1.3, ...quiet }).fit(keep.map((i) => x[i]!), keep.map((i) => y[i]!));
      assert.equal(dropped.n, keep.length);
      assertClose(dropped.predict(q), clean.predict(q), 0, `${kernel} predictions`);
      assertClose(dropped.leaveOneOut().predictions, clean.leaveOneOut().predictions, 0, `${kernel} leave-one-out`);
    }
    // 2-D keys and weights (a NaN weight drops its row too)
    const x2 = [[0, 0], [1, NaN], [1, 1], [2, 0], [0, 2]];
    const y2 = [1, 2, 3, 4, 5];
    const w2 = [1, 2, NaN, 3, 0.5];
    const d2 = regression({ bandwidth: [1, 2], missing: 'drop' }).fit(x2, y2, { weights: w2 });
    const c2 = regression({ bandwidth: [1, 2] }).fit([[0, 0], [2, 0], [0, 2]], [1, 4, 5], { weights: [1, 3, 0.5] });
    assertClose(d2.predict([[0.5, 0.5], [1, 2]]), c2.predict([[0.5, 0.5], [1, 2]]), 0, '2-D weighted');
    // density
    const dd = density({ bandwidth: 0.7, missing: 'drop' }).fit([0, NaN, 1, 3, Infinity]);
    const dc = density({ bandwidth: 0.7 }).fit([0, 1, 3]);
    assertClose(dd.pdf([0, 0.5, 2, 4]), dc.pdf([0, 0.5, 2, 4]), 0, 'density');
    // classification: missing labels are dropped with their rows
    const cd = classifier({ bandwidth: 1, missing: 'drop' }).fit([0, 1, 2, 3, 4], ['a', null, 'b', undefined, 'a']);
    const cc = classifier({ bandwidth: 1 }).fit([0, 2, 4], ['a', 'b', 'a']);
    assert.deepEqual(cd.classes, cc.classes);
    assertClose(cd.predictProba([0.5, 2.5]), cc.predictProba([0.5, 2.5]), 0, 'class probabilities');
  });

  test("missing: 'drop' gives NaN (not an error) for query rows with NaN, and computes the others", () => {
    const model = regression({ bandwidth: 1, missing: 'drop' }).fit([0, 1, 2, 3], [0, 1, 4, 9]);
    const clean = regression({ bandwidth: 1 }).fit([0, 1, 2, 3], [0, 1, 4, 9]);
    const out = model.predict([0.5, NaN, 2.5, Infinity, null] as never);
    assert.equal(out.length, 5);
    assert.ok(Number.isNaN(out[1]!) && Number.isNaN(out[3]!) && Number.isNaN(out[4]!));
    assertClose([out[0]!, out[2]!], clean.predict([0.5, 2.5]), 0, 'finite query rows');
    const det = model.predictDetailed([[NaN], [1]]);
    assert.ok(Number.isNaN(det.estimates[0]!));
    assert.ok(Number.isNaN(det.nEff[0]!));
    assert.ok(Number.isFinite(det.estimates[1]!));
    const pdf = density({ bandwidth: 1, missing: 'drop' }).fit([0, 1]).pdf([NaN, 0]);
    assert.ok(Number.isNaN(pdf[0]!) && pdf[1]! > 0);
    const cls = classifier({ bandwidth: 1, missing: 'drop' }).fit([0, 1], ['a', 'b']);
    assert.deepEqual(cls.predict([0, NaN, 1]), ['a', null, 'b']);
    // without 'drop' a NaN query is an error naming the query row
    expectError(() => clean.predict([0.5, NaN]), 'E_DATA', ['queries[row 1, column 0]', 'got NaN']);
  });

  test("classifier with missing: 'drop' and a NaN in x: leave-one-out matches fitting without that row", () => {
    // Row 1 has a label but no finite x: Pooler drops it, and the classifier must forget its label too.
    const x = [0, NaN, 1, 2, 3];
    const y = ['a', 'c', 'a', 'b', 'b'];
    const dropped = classifier({ bandwidth: 1, missing: 'drop' }).fit(x, y);
    const clean = classifier({ bandwidth: 1 }).fit([0, 1, 2, 3], ['a', 'a', 'b', 'b']);
    assert.equal(dropped.n, 4);
    // probabilities of the classes present agree
    const looD = dropped.leaveOneOut();
    const looC = clean.leaveOneOut();
    assert.deepEqual(looD.predictions, looC.predictions);
    // regression: every incomplete row is dropped before the classes are read
    assert.equal(looD.accuracy, looC.accuracy, 'leave-one-out accuracy after dropping a row with NaN x');
    assert.ok(Math.abs(looD.crossEntropy - looC.crossEntropy) < 1e-12,
      `leave-one-out cross-entropy after dropping a row with NaN x: ${looD.crossEntropy} vs ${looC.crossEntropy}`);
    assert.deepEqual(dropped.classes, clean.classes, 'a class seen only in a dropped row should not remain');
  });

  test('ragged rows are E_DATA naming the row and the expected column count', () => {
    const e = expectError(() => regression({ bandwidth: 1 }).fit([[0, 0], [1], [2, 2]], [1, 2, 3]), 'E_DATA',
      ['x[row 1]', 'ragged', 'expected 2 columns', 'got 1']);
    assert.equal(e.row, 1);
    expectError(() => regression({ bandwidth: 1 }).fit([[0, 0], [1, 1], [2, 2, 2]], [1, 2, 3]), 'E_DATA', ['x[row 2]', 'got 3']);
    expectError(() => regression({ bandwidth: 1 }).fit([[0], [1]], [[1, 2], [3]]), 'E_DATA', ['y[row 1]', 'ragged']);
    expectError(() => regression({ bandwidth: 1 }).fit([[0, 0], 5] as never, [1, 2]), 'E_DATA', ['x[row 1]', 'got 5']);
    expectError(() => regression({ bandwidth: 1 }).fit([[]], [1]), 'E_DATA', ['x[row 0]', 'at least one column']);
    const model = regression({ bandwidth: 1 }).fit([[0, 0], [1, 1]], [1, 2]);
    expectError(() => model.predict([[0, 0], [1]]), 'E_DATA', ['queries[row 1]', 'ragged']);
  });

  test('a query dimension other than the key dimension is E_DATA naming both', () => {
    const model = regression({ bandwidth: 1 }).fit([[0, 0], [1, 1]], [1, 2]);
    const e = expectError(() => model.predict([[1, 2, 3]]), 'E_DATA', ['queries', 'key dimension (2)', 'got 3']);
    assert.equal(e.argument, 'queries');
    expectError(() => model.predict([1, 2, 3]), 'E_DATA', ['key dimension (2)', 'got 1']);
    expectError(() => regression({ bandwidth: 1 }).fit([0, 1], [1, 2]).predict([[1, 2]]), 'E_DATA', ['key dimension (1)', 'got 2']);
    expectError(() => density({ bandwidth: 1 }).fit([[0, 0]]).pdf([[1]]), 'E_DATA', ['key dimension (2)']);
    expectError(() => classifier({ bandwidth: 1 }).fit([[0, 0]], ['a']).predict([[1, 2, 3]]), 'E_DATA', ['key dimension (2)']);
    expectError(() => model.attention([[1]]), 'E_DATA', ['key dimension (2)']);
    // a flat array of length d is one query
    assert.equal(model.predict([0.5, 0.5]).length, 1);
  });

  test('empty training data and y of the wrong length are E_DATA', () => {
    expectError(() => regression({ bandwidth: 1 }).fit([], []), 'E_DATA', ['x', 'empty', 'got 0']);
    expectError(() => density({ bandwidth: 1 }).fit([]), 'E_DATA', ['x', 'empty']);
    expectError(() => classifier({ bandwidth: 1 }).fit([], []), 'E_DATA', ['empty']);
    expectError(() => regression({ bandwidth: 1, missing: 'drop' }).fit([NaN, NaN], [1, 2]), 'E_DATA', ['x', 'empty after dropping']);
    expectError(() => regression({ bandwidth: 1 }).fit([1, 2], [1]), 'E_DATA', ['y', 'one row per point of x (2)', 'got 1']);
    expectError(() => classifier({ bandwidth: 1 }).fit([1, 2], ['a']), 'E_DATA', ['y', 'one label per point of x (2)', 'got 1']);
    expectError(() => regression({ bandwidth: 1 }).fit([1, 2], undefined as never), 'E_DATA', ['y', 'required']);
  });

  test('garbage in place of arrays is a NadarayaError, never a TypeError', () => {
    const garbage: unknown[] = [undefined, null, 'abc', 42, {}, true, () => 1, [{}], [[1, 'a']], [[1, 2], [3]]];
    const fitted = regression({ bandwidth: 1 }).fit([[0, 0], [1, 1]], [1, 2]);
    for (const g of garbage) {
      const show = String(typeof g === 'function' ? 'a function' : JSON.stringify(g));
      for (const [what, fn] of [
        ['regression x', () => regression({ bandwidth: 1 }).fit(g as never, [1, 2])],
        ['regression y', () => regression({ bandwidth: 1 }).fit([0, 1], g as never)],
        ['density x', () => density({ bandwidth: 1 }).fit(g as never)],
        ['predict', () => fitted.predict(g as never)],
      ] as const) {
        let caught: unknown;
        try { (fn as () => unknown)(); } catch (e) { caught = e; }
        if (caught === undefined) continue; // some garbage is legitimately read (e.g. {} as an empty record list)
        assert.ok(caught instanceof NadarayaError, `${what} with ${show}: ${String(caught)}`);
        assert.ok(caught.code === 'E_DATA' || caught.code === 'E_PARAM', `${what} with ${show}: ${caught.code}`);
      }
    }
  });

  test('missing labels (null, undefined, NaN) are E_DATA naming the row', () => {
    const c = classifier({ bandwidth: 1 });
    let e = expectError(() => c.fit([1, 2, 3], ['a', null, 'b']), 'E_DATA', ['y[row 1]', 'label is missing', 'got null']);
    assert.equal(e.row, 1);
    e = expectError(() => c.fit([1, 2, 3], ['a', 'b', undefined]), 'E_DATA', ['y[row 2]', 'got undefined']);
    assert.equal(e.row, 2);
    expectError(() => c.fit([1, 2, 3], [NaN, 1, 2]), 'E_DATA', ['y[row 0]', 'got NaN']);
    expectError(() => c.fit([1, 2, 3], 'abc' as never), 'E_DATA', ['y', 'must be an array']);
  });

  test('negative, NaN and infinite weights, and all-zero weights, are E_DATA', () => {
    const r = regression({ bandwidth: 1 });
    let e = expectError(() => r.fit([1, 2, 3], [1, 2, 3], { weights: [1, -1, 1] }), 'E_DATA', ['weights[row 1]', '≥ 0', 'got -1']);
    assert.equal(e.argument, 'weights');
    assert.equal(e.row, 1);
    expectError(() => r.fit([1, 2, 3], [1, 2, 3], { weights: [1, NaN, 1] }), 'E_DATA', ['weights[row 1]', 'got NaN']);
    expectError(() => r.fit([1, 2, 3], [1, 2, 3], { weights: [1, 1, Infinity] }), 'E_DATA', ['weights[row 2]', 'got Infinity']);
    e = expectError(() => r.fit([1, 2, 3], [1, 2, 3], { weights: [0, 0, 0] }), 'E_DATA', ['weights', 'must not all be 0']);
    expectError(() => r.fit([1, 2, 3], [1, 2, 3], { weights: [1, 1] }), 'E_DATA', ['weights', 'one weight per point of x (3)', 'got 2']);
    expectError(() => density({ bandwidth: 1 }).fit([1, 2], { weights: [-2, 1] }), 'E_DATA', ['weights[row 0]', 'got -2']);
    expectError(() => classifier({ bandwidth: 1 }).fit([1, 2], ['a', 'b'], { weights: [0, 0] }), 'E_DATA', ['must not all be 0']);
  });
});

describe('empty neighbourhoods', () => {
  // keys at 0 and 10 with values 1 and 2; the boxcar of width 1 reaches nothing from 5 or 20
  const x = [0, 10];
  const y = [1, 2];

  test("empty: 'error' throws E_DATA naming the first empty query row and its count", () => {
    const model = regression({ kernel: 'boxcar', bandwidth: 1, empty: 'error' }).fit(x, y);
    const e = expectError(() => model.predict([0.5, 5, 20]), 'E_DATA', ['queries[row 1]', '2 queries have no key', 'boxcar', 'got [5]']);
    assert.equal(e.row, 1);
    assert.deepEqual(model.predict([0.5, 9.5]), Float64Array.from([1, 2]));
    // with missing: 'drop' the row is the caller's row, not the row among the finite queries
    const dropping = regression({ kernel: 'boxcar', bandwidth: 1, empty: 'error', missing: 'drop' }).fit(x, y);
    const e2 = expectError(() => dropping.predict([NaN, 0.5, 5]), 'E_DATA', ['queries[row 2]', '1 query has no key']);
    assert.equal(e2.row, 2);
    expectError(() => classifier({ kernel: 'epanechnikov', bandwidth: 1, empty: 'error' }).fit(x, ['a', 'b']).predict([5]), 'E_DATA', ['queries[row 0]']);
  });

  test("empty: 'nan' (the default) gives NaN and calls onWarning once with the count", () => {
    const warnings: string[] = [];
    const model = regression({ kernel: 'boxcar', bandwidth: 1, onWarning: (m) => warnings.push(m) }).fit(x, y);
    const det = model.predictDetailed([0.5, 5, 20, 9.5]);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /\b2 of 4 queries\b/);
    assert.equal(det.emptyCount, 2);
    assert.deepEqual(Array.from(det.estimates).map((v) => (Number.isNaN(v) ? 'NaN' : v)), [1, 'NaN', 'NaN', 2]);
    // no warning when nothing is empty
    model.predict([0.5]);
    assert.equal(warnings.length, 1);
  });

  test("empty: 'nearest' returns the value of the nearest key (in scaled distance)", () => {
    const model = regression({ kernel: 'boxcar', bandwidth: 1, empty: 'nearest', ...quiet }).fit(x, y);
    const out = model.predictDetailed([3, 7, -50, 20, 0.5]);
    assert.deepEqual(Array.from(out.estimates), [1, 2, 1, 2, 1]);
    assert.equal(out.emptyCount, 4);
    // in 2-D with unequal widths the scaled distance decides: (0, 3) is 3 widths from (0, 0) along y but 1.5 from (2, 3) along x
    const m2 = regression({ kernel: 'epanechnikov', bandwidth: [2, 1], empty: 'nearest' }).fit([[0, 0], [3, 3]], [10, 20]);
    assert.deepEqual(Array.from(m2.predict([[0, 2.9], [10, 0]])), [20, 20]);
    // a zero-weight key is never the nearest: 4.5 is within reach of the key at 4 only, whose weight is 0,
    // so the neighbourhood is empty and the nearest key of positive weight (0, at 4.5; 10 is at 5.5) answers
    const mw = regression({ kernel: 'boxcar', bandwidth: 1, empty: 'nearest' }).fit([0, 4, 10], [1, 5, 2], { weights: [1, 0, 1] });
    assert.deepEqual(Array.from(mw.predict([4.5])), [1]);
  });

  test("empty: 'mean' returns the (weighted) mean of y", () => {
    const model = regression({ kernel: 'boxcar', bandwidth: 1, empty: 'mean' }).fit(x, y);
    assert.deepEqual(Array.from(model.predict([5, 20, 0.5])), [1.5, 1.5, 1]);
    const weighted = regression({ kernel: 'triangular', bandwidth: 1, empty: 'mean' }).fit(x, y, { weights: [3, 1] });
    assert.deepEqual(Array.from(weighted.predict([5])), [1.25]);
    // classification: the class frequencies
    const cls = classifier({ kernel: 'boxcar', bandwidth: 1, empty: 'mean' }).fit([0, 1, 10], ['a', 'a', 'b']);
    assertClose(cls.predictProba([5]), [2 / 3, 1 / 3], 1e-15, 'class frequencies');
  });
});

describe('resources and unsupported combinations', () => {
  const x = range(20);

  test('dense attention over the budget is E_RESOURCE with the size; topK still works', () => {
    const model = regression({ bandwidth: 1, maxAttentionBytes: 1000 }).fit(x, x);
    const e = expectError(() => model.attention(x), 'E_RESOURCE', ['attention', '4 KiB', '1 KiB', 'topK', 'got "20 × 20"']);
    assert.equal(e.argument, 'attention');
    const top = model.attention(x, { topK: 2 });
    assert.ok('indices' in top);
    assert.equal(top.m, 20);
    assert.equal(top.k, 2);
    for (let i = 0; i < 20; i++) {
      assert.equal(top.indices[i * 2], i, `query ${i} attends most to its own key`);
      assert.ok(Math.abs(top.indices[i * 2 + 1]! - i) === 1);
      assert.ok(top.weights[i * 2]! >= top.weights[i * 2 + 1]!);
    }
    // within the budget the dense matrix comes back
    const small = regression({ bandwidth: 1, maxAttentionBytes: 1000 }).fit(x, x).attention([0, 1]);
    assert.ok('weights' in small && small.weights.length === 40);
    expectError(() => model.attention(x, { topK: 0 }), 'E_PARAM', ['topK', 'got 0']);
    expectError(() => model.attention(x, { topK: 1.5 }), 'E_PARAM', ['topK', 'got 1.5']);
  });

  test('an unknown key in the attention options is E_PARAM (a typo must not silently give dense rows)', () => {
    const model = regression({ bandwidth: 1 }).fit(x, x);
    // regression: attention() options are checked like every other option object
    expectError(() => model.attention(x, { topk: 2 } as never), 'E_PARAM', ['topk', 'did you mean "topK"']);
  });

  test('density with a dot-product similarity is E_PARAM', () => {
    const e = expectError(() => density({ similarity: 'dot' }), 'E_PARAM', ['similarity', 'not a density kernel', 'got "dot"']);
    assert.equal(e.argument, 'similarity');
  });

  test('density with the constant kernel (or silverman in 3-D) is E_PARAM', () => {
    const e = expectError(() => density({ kernel: 'constant', bandwidth: 1 }).fit([1, 2, 3]), 'E_PARAM',
      ['kernel', 'cannot be normalised to a density', 'got "constant"']);
    assert.equal(e.argument, 'kernel');
    expectError(() => density({ kernel: 'constant', bandwidth: 1 }), 'E_PARAM', ['any dimension']);
    expectError(() => density({ kernel: 'silverman', bandwidth: 1 }).fit([[1, 2, 3], [2, 3, 4]]), 'E_PARAM', ['silverman', '3 dimensions']);
    // refused at construction, before any rule of thumb is tried
    expectError(() => density({ kernel: 'constant' }), 'E_PARAM', ['constant', 'any dimension']);
  });
});

describe('serialisation', () => {
  function sampleError(): NadarayaError {
    try {
      regression({ bandwidth: 1 }).fit([[0, 0], [1, NaN]], [1, 2]);
    } catch (e) {
      return e as NadarayaError;
    }
    throw new Error('no error');
  }

  test('toJSON round-trips through JSON.stringify / JSON.parse and fromJSON keeps code and message', () => {
    const e = sampleError();
    const plain = JSON.parse(JSON.stringify(e)) as SerializedNadarayaError;
    assert.deepEqual(plain, e.toJSON());
    assert.equal(plain.name, 'NadarayaError');
    assert.equal(plain.code, 'E_DATA');
    assert.equal(plain.message, e.message);
    assert.equal(plain.argument, 'x');
    assert.equal(plain.row, 1);
    assert.equal(plain.column, 1);
    assert.equal(plain.value, 'NaN');
    const back = NadarayaError.fromJSON(plain);
    assert.ok(back instanceof NadarayaError && back instanceof Error);
    assert.equal(back.name, 'NadarayaError');
    assert.equal(back.code, e.code);
    assert.equal(back.message, e.message);
    assert.equal(back.argument, e.argument);
    assert.equal(back.row, e.row);
    assert.equal(back.column, e.column);
  });

  test('fromJSON(e.toJSON()).toJSON() equals e.toJSON() (repeated round trips are stable)', () => {
    const e = sampleError();
    const once = NadarayaError.fromJSON(JSON.parse(JSON.stringify(e)));
    assert.equal(once.message, e.message);
    // regression: toJSON → fromJSON → toJSON is stable (the value is not rendered twice)
    assert.deepEqual(once.toJSON(), e.toJSON(), 'a second toJSON after fromJSON should give the same object');
  });

  test('toJSON survives structuredClone (postMessage)', () => {
    const e = sampleError();
    const cloned = structuredClone(e.toJSON());
    assert.deepEqual(cloned, e.toJSON());
    const back = NadarayaError.fromJSON(cloned);
    assert.equal(back.code, 'E_DATA');
    assert.equal(back.message, e.message);
    // errors with other value types and without row/column, too
    for (const fn of [() => regression({ kernel: 'gausian' }), () => regression({ bandwidth: [1, 2, 3] }).fit([[0, 0]], [1]),
      () => regression({ maxAttentionBytes: 8 }).fit([0, 1], [0, 1]).attention([0, 1])]) {
      let err: NadarayaError | undefined;
      try { fn(); } catch (x) { err = x as NadarayaError; }
      assert.ok(err instanceof NadarayaError);
      const viaJson = NadarayaError.fromJSON(JSON.parse(JSON.stringify(err)));
      const viaClone = NadarayaError.fromJSON(structuredClone(err.toJSON()));
      for (const b of [viaJson, viaClone]) {
        assert.equal(b.code, err.code);
        assert.equal(b.message, err.message);
        assert.equal(b.argument, err.argument);
      }
    }
  });
});

describe('record inputs', () => {
  const records = [
    { a: 0, b: 1, y: 1, w: 1, label: 'p' },
    { a: 1, b: 0, y: 3, w: 2, label: 'q' },
    { a: 2, b: 2, y: 2, w: 0.5, label: 'p' },
    { a: 3, b: 1, y: 5, w: 1, label: 'q' },
  ];

  test("fit(records, { x: 'a', y: 'y', weights: 'w' }) equals the array form", () => {
    const viaRecords = regression({ bandwidth: 1 }).fit(records, { x: 'a', y: 'y', weights: 'w' });
    const viaArrays = regression({ bandwidth: 1 }).fit([0, 1, 2, 3], [1, 3, 2, 5], { weights: [1, 2, 0.5, 1] });
    assertClose(viaRecords.predict([0.5, 1.5, 2.5]), viaArrays.predict([0.5, 1.5, 2.5]), 0, 'records vs arrays');
    const two = regression({ bandwidth: [1, 2] }).fit(records, { x: ['a', 'b'], y: 'y' });
    assert.equal(two.d, 2);
    assertClose(two.predict([[1, 1]]), regression({ bandwidth: [1, 2] }).fit(records.map((r) => [r.a, r.b]), records.map((r) => r.y)).predict([[1, 1]]), 0, '2-D records');
    const cls = classifier({ bandwidth: 1 }).fit(records, { x: 'a', y: 'label', weights: 'w' });
    assert.deepEqual(cls.classes, ['p', 'q']);
    const kde = density({ bandwidth: 1 }).fit(records, { x: 'a', weights: 'w' });
    assertClose(kde.pdf([1]), density({ bandwidth: 1 }).fit([0, 1, 2, 3], { weights: [1, 2, 0.5, 1] }).pdf([1]), 0, 'density records');
  });

  test('queries as records go through the same x accessors as fit; a model fitted from arrays refuses them by name', () => {
    const model = regression({ bandwidth: 1 }).fit(records, { x: ['a', 'b'], y: 'y' });
    const q = [{ a: 1, b: 1, note: 'x' }, { a: 2.5, b: 0 }];
    assertClose(model.predict(q), model.predict([[1, 1], [2.5, 0]]), 0, 'records vs rows');
    assertClose(model.diagnostics(q).nEff, model.diagnostics([[1, 1], [2.5, 0]]).nEff, 0, 'diagnostics');
    assertClose(model.withBandwidth(2).predict(q), model.withBandwidth(2).predict([[1, 1], [2.5, 0]]), 0, 'withBandwidth keeps the accessors');
    const kde = density({ bandwidth: 1 }).fit(records, { x: 'a' });
    assertClose(kde.pdf([{ a: 1.5 }]), kde.pdf([1.5]), 0, 'density');
    const cls = classifier({ bandwidth: 1 }).fit(records, { x: (r: (typeof records)[number]) => 2 * r.a, y: 'label' });
    assert.deepEqual(cls.predict([{ a: 1 }]), cls.predict([2]));
    const e = expectError(() => model.predict([{ a: 1 }]), 'E_DATA', ['queries[row 0, column "b"]', 'missing']);
    assert.equal(e.row, 0);
    expectError(() => regression({ bandwidth: 1 }).fit([0, 1, 2], [1, 2, 3]).predict([{ a: 1 }] as never), 'E_DATA',
      ['queries[row 0]', 'is a record, but the model was fitted from arrays']);
  });

  test('accessor functions work (and receive the index)', () => {
    const seen: number[] = [];
    const model = regression({ bandwidth: 1 }).fit(records, {
      x: (r: (typeof records)[number], i: number) => { seen.push(i); return r.a * 2; },
      y: (r: (typeof records)[number]) => r.y * 10,
    });
    assert.deepEqual(seen, [0, 1, 2, 3]);
    const plain = regression({ bandwidth: 1 }).fit([0, 2, 4, 6], [10, 30, 20, 50]);
    assertClose(model.predict([1, 3]), plain.predict([1, 3]), 0, 'accessor functions');
    const cls = classifier({ bandwidth: 1 }).fit(records, { x: ['a', (r: (typeof records)[number]) => r.b], y: (r: (typeof records)[number]) => r.label.toUpperCase() });
    assert.deepEqual(cls.classes, ['P', 'Q']);
  });

  test('a missing x or weights field is E_DATA naming the field and the row', () => {
    const bad = [{ a: 1, y: 1, w: 1 }, { a: 2, y: 2, w: 1 }, { b: 3, y: 3, w: 1 }];
    let e = expectError(() => regression({ bandwidth: 1 }).fit(bad, { x: 'a', y: 'y' }), 'E_DATA', ['x[row 2, column "a"]', 'field is missing']);
    assert.equal(e.row, 2);
    assert.equal(e.column, 'a');
    const noW = [{ a: 1, y: 1, w: 1 }, { a: 2, y: 2 }];
    e = expectError(() => regression({ bandwidth: 1 }).fit(noW, { x: 'a', y: 'y', weights: 'w' }), 'E_DATA', ['weights[row 1, column "w"]', 'field is missing']);
    assert.equal(e.column, 'w');
    expectError(() => density({ bandwidth: 1 }).fit([{ a: 1 }, {}], { x: 'a' }), 'E_DATA', ['x[row 1, column "a"]']);
    // a record that is not an object
    expectError(() => regression({ bandwidth: 1 }).fit([{ a: 1, y: 1 }, null], { x: 'a', y: 'y' }), 'E_DATA', ['x[row 1, column "a"]']);
    // a non-numeric field value names the field
    expectError(() => regression({ bandwidth: 1 }).fit([{ a: 'one', y: 1 }], { x: 'a', y: 'y' }), 'E_DATA', ['x[row 0, column "a"]', 'got "one"']);
    // records that are not an array, and a missing y accessor
    expectError(() => regression({ bandwidth: 1 }).fit(42 as never, { x: 'a', y: 'y' }), 'E_DATA', ['records']);
    expectError(() => regression({ bandwidth: 1 }).fit(records, { x: 'a' }), 'E_PARAM', ['accessors.y', 'required']);
  });

  test('a missing y field is E_DATA naming the field', () => {
    // The y accessor is 'price'; record 2 has no such field.
    const bad = [{ a: 1, price: 1 }, { a: 2, price: 2 }, { a: 3, cost: 3 }];
    const e = expectError(() => regression({ bandwidth: 1 }).fit(bad, { x: 'a', y: 'price' }), 'E_DATA', ['row 2']);
    // regression: a missing y field is named like a missing x field
    assert.ok(e.message.includes('"price"'), `message should name the missing field "price": ${e.message}`);
    // the same root (src/estimators/fit-input.ts, readColumn, which skips the checks recordsToMatrix makes
    // for x and weights): a y accessor that is neither a field name nor a function is read as undefined
    // everywhere instead of being refused as E_PARAM like an x accessor of 42
    expectError(() => regression({ bandwidth: 1 }).fit([{ a: 1, y: 2 }], { x: 'a', y: 42 as never }), 'E_PARAM', ['y', 'accessor']);
  });
});

test('leave-one-out on a single training point is E_DATA, not NaN', () => {
  for (const run of [
    () => density({ bandwidth: 1 }).fit([1]).leaveOneOut(),
    () => regression({ bandwidth: 1 }).fit([1], [2]).leaveOneOut(),
    () => classifier({ bandwidth: 1 }).fit([1], ['a']).leaveOneOut(),
    () => regression({ bandwidth: 1 }).fit([1], [2]).attention(null, { leaveOneOut: true }),
  ]) expectError(run, 'E_DATA', ['leave-one-out needs at least 2 training points']);
});

test('options another similarity ignores are E_PARAM, not silently dropped; a density takes no y accessor', () => {
  for (const [options, argument] of [
    [{ similarity: 'dot', kernel: 'epanechnikov' }, 'kernel'], [{ similarity: 'dot', bandwidth: 0.5 }, 'bandwidth'],
    [{ similarity: 'dot', shape: 'product' }, 'shape'], [{ similarity: 'dot', local: { method: 'knn', k: 3 } }, 'local'],
    [{ temperature: 2 }, 'temperature'], [{ normalize: true }, 'normalize'],
  ] as const) {
    const e = expectError(() => regression(options as never), 'E_PARAM', [argument]);
    assert.equal(e.argument, argument, JSON.stringify(options));
  }
  // what each similarity does take still works
  assert.equal(regression({ similarity: 'dot', temperature: 2, normalize: true }).fit([[1, 0], [0, 1]], [1, 2]).predict([[1, 1]]).length, 1);
  expectError(() => density({ bandwidth: 1 }).fit([{ a: 1, y: 2 }, { a: 2, y: 3 }], { x: 'a', y: 'y' }), 'E_PARAM', ['accessors.y', 'no values']);
});

describe('typed-array inputs', () => {
  test('Float64Array, Float32Array and Int32Array columns give the plain-array answer, and the model keeps its own copy', () => {
    const x = [0, 1, 2, 3, 5, 8], y = [1, 3, 2, 5, 4, 6];
    const q = [0.5, 2.5, 6];
    const plain = regression({ bandwidth: 1.3 }).fit(x, y).predict(q);
    for (const X of [Float64Array.from(x), Float32Array.from(x), Int32Array.from(x), Uint8Array.from(x)]) {
      const Y = Float64Array.from(y);
      const model = regression({ bandwidth: 1.3 }).fit(X, Y);
      assertClose(model.predict(q), plain, 0, X.constructor.name);
      // changing the caller's arrays afterwards changes nothing
      X[0] = 100; Y[0] = -100;
      assertClose(model.predict(q), plain, 0, `${X.constructor.name} after the caller's change`);
    }
    // a NaN in a typed array is still the named error
    const bad = Float64Array.from(x);
    bad[4] = NaN;
    const e = expectError(() => regression({ bandwidth: 1 }).fit(bad, y), 'E_DATA', ['x[row 4', 'finite']);
    assert.equal(e.row, 4);
    // BigInt64Array is read element by element
    assertClose(regression({ bandwidth: 1.3 }).fit(BigInt64Array.from(x.map(BigInt)) as never, y).predict(q), plain, 0, 'BigInt64Array');
  });
});
