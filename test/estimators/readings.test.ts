/**
 * Every fitted model reads attention weights and diagnostics from the same engine, for new queries and
 * for leave-one-out; warnings carry a code; errors carry their problem without the location.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { density, regression, classifier, referencePool, makeKeySet, seededRandom, NadarayaError } from '../../src/index.js';
import type { DenseAttention, WarningInfo } from '../../src/index.js';

const SEED = 7;
const rng = seededRandom(SEED);
const x = Array.from({ length: 23 }, () => 4 * rng.uniform());
const y = x.map((v) => Math.sin(v) + 0.3 * rng.normal());
const q = [0.5, 1.7, 3.9];
const h = 0.4;
const sim = { kind: 'kernel' as const, kernel: regression().options.kernel, shape: 'radial' as const, invWidth: Float64Array.of(1 / h) };
const keys = makeKeySet(Float64Array.from(x), 1, Float64Array.from(y), 1, null);

function close(a: ArrayLike<number>, b: ArrayLike<number>, tol: number, what: string) {
  assert.equal(a.length, b.length, what);
  for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i]! - b[i]!) <= tol * Math.max(1, Math.abs(b[i]!)), `${what}[${i}]: ${a[i]} vs ${b[i]}`);
}

test(`leave-one-out attention rows equal the reference loop's (seed ${SEED})`, () => {
  const model = regression({ bandwidth: h }).fit(x, y);
  const got = model.attention(null, { leaveOneOut: true }) as DenseAttention;
  const ref = referencePool(keys, sim, Float64Array.from(x), x.length, true);
  close(got.weights, ref.weights, 1e-12, 'weights');
  for (let i = 0; i < x.length; i++) assert.equal(got.weights[i * x.length + i], 0, 'a point never attends to itself');
});

test('leave-one-out diagnostics come with the leave-one-out estimates', () => {
  const model = regression({ bandwidth: h }).fit(x, y);
  const loo = model.leaveOneOut();
  const ref = referencePool(keys, sim, Float64Array.from(x), x.length, true);
  close(loo.logDenominator, Array.from(ref.denominators, Math.log), 1e-12, 'logDenominator');
  const d = model.diagnostics(null, { leaveOneOut: true });
  close(d.nEff, loo.nEff, 0, 'nEff');
  const clf = classifier({ bandwidth: h }).fit(x, y.map((v) => (v > 0 ? 'up' : 'down')));
  close(clf.leaveOneOut().maxWeight, loo.maxWeight, 1e-12, 'classifier maxWeight');
});

test('a density reads the same attention and diagnostics as a regression on the same keys', () => {
  const kde = density({ bandwidth: h }).fit(x);
  const reg = regression({ bandwidth: h }).fit(x, y);
  close((kde.attention(q) as DenseAttention).weights, (reg.attention(q) as DenseAttention).weights, 0, 'weights');
  const dd = kde.diagnostics(q);
  close(dd.logDenominator, reg.predictDetailed(q).logDenominator, 0, 'logDenominator');
  // the density is the denominator, normalised: log f = log Σα − log n − log(√(2π) h)
  close(kde.logPdf(q), Array.from(dd.logDenominator, (l) => l - Math.log(x.length) - Math.log(Math.sqrt(2 * Math.PI) * h)), 1e-13, 'logPdf');
});

test('warnings carry a code and a count', () => {
  const seen: [string, WarningInfo | undefined][] = [];
  regression({ kernel: 'boxcar', bandwidth: 0.1, onWarning: (m, info) => seen.push([m, info]) }).fit([0, 1], [1, 2]).predict([0.5, 5, 0]);
  assert.equal(seen.length, 1);
  assert.deepEqual(seen[0]![1], { code: 'W_EMPTY', count: 2 });
});

test('errors carry the problem without the location', () => {
  try {
    regression({ bandwidth: 1 }).fit([[1], [NaN]], [1, 2]);
    assert.fail('no error');
  } catch (e) {
    assert.ok(e instanceof NadarayaError);
    assert.equal(e.problem, "must be a finite number (pass missing: 'drop' to drop such rows)");
    assert.ok(e.message.startsWith('x[row 1, column 0]: ' + e.problem));
    assert.equal(NadarayaError.fromJSON(JSON.parse(JSON.stringify(e))).problem, e.problem);
  }
});
