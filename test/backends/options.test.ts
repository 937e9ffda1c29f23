/**
 * The backend options of the estimators: every backend named gives the js engine's numbers through the
 * public API, `lastBackend` says which ran, `auto` leaves small jobs to JS, and bad values are E_PARAM.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import '../../src/node.js';
import { backendStatus, chapterData, density, regression, seededRandom } from '../../src/index.js';

const SEED = 77;

test(`regression and density on every available backend equal the js engine (seed ${SEED})`, () => {
  const rng = seededRandom(SEED);
  const n = 3000;
  const x = Array.from({ length: n }, () => 5 * rng.uniform());
  const y = x.map((v) => 2 * Math.sin(v) + v + rng.normal());
  const q = Array.from({ length: 500 }, (_, i) => i / 100);
  const js = regression({ bandwidth: 0.3, backend: 'js' }).fit(x, y);
  const want = js.predict(q);
  assert.equal(js.lastBackend, 'js');
  const wantDensity = density({ bandwidth: 0.3, backend: 'js' }).fit(x).pdf(q);
  for (const { name, unavailable } of backendStatus()) {
    if (unavailable !== null) continue;
    const model = regression({ bandwidth: 0.3, backend: name, threads: 2 }).fit(x, y);
    const got = model.predict(q);
    assert.equal(model.lastBackend, name, `${name} ran`);
    for (let i = 0; i < q.length; i++) assert.ok(Math.abs(got[i]! - want[i]!) <= 1e-12 * Math.max(1, Math.abs(want[i]!)), `${name}: query ${i}`);
    const f = density({ bandwidth: 0.3, backend: name }).fit(x).pdf(q);
    for (let i = 0; i < q.length; i++) assert.ok(Math.abs(f[i]! - wantDensity[i]!) <= 1e-12 * wantDensity[i]!, `${name}: density ${i}`);
    if (name !== 'js') {
      const f32 = regression({ bandwidth: 0.3, backend: name, precision: 'float32' }).fit(x, y).predict(q);
      for (let i = 0; i < q.length; i++) assert.ok(Math.abs(f32[i]! - want[i]!) <= 1e-5 * Math.max(1, Math.abs(want[i]!)), `${name} float32: query ${i}`);
    }
  }
});

test('auto leaves a small job to the js engine', () => {
  const { xTrain, yTrain } = chapterData(1);
  const model = regression({ bandwidth: 0.5 }).fit(xTrain, yTrain);
  model.predict([1, 2, 3]);
  assert.equal(model.lastBackend, 'js');
});

test('bad backend options are E_PARAM errors that name the option', () => {
  for (const [options, argument] of [
    [{ backend: 'gpu' }, 'backend'], [{ precision: 'float16' }, 'precision'], [{ threads: 0 }, 'threads'], [{ threads: 2.5 }, 'threads'],
  ] as const) {
    assert.throws(() => regression(options as never), (e: Error & { code?: string; argument?: string }) => e.code === 'E_PARAM' && e.argument === argument, JSON.stringify(options));
  }
});

test('lastBackend under the fast paths: exact work they hand on runs on the backend asked for, and says so', () => {
  const rng = seededRandom(SEED + 1);
  const n = 4000;
  const x = Array.from({ length: n }, () => 5 * rng.uniform());
  const y = x.map((v) => Math.sin(v) + 0.1 * rng.normal());
  const q = Array.from({ length: 300 }, (_, i) => i / 60);
  for (const { name, unavailable } of backendStatus()) {
    if (unavailable !== null) continue;
    // the cosine profile is no polynomial: 1-D neighbors runs the engine's window over the sorted keys
    const exact = regression({ kernel: 'cosine', bandwidth: 0.2, backend: 'js' }).fit(x, y).predict(q);
    const model = regression({ kernel: 'cosine', bandwidth: 0.2, method: 'neighbors', backend: name }).fit(x, y);
    const got = model.predict(q);
    assert.equal(model.lastMethod?.method, 'neighbors');
    assert.equal(model.lastBackend, name, `neighbors on ${name}`);
    for (let i = 0; i < q.length; i++) assert.ok(Math.abs(got[i]! - exact[i]!) <= 1e-12 * Math.max(1, Math.abs(exact[i]!)), `${name}: query ${i}`);
  }
  // binned runs in JS, and says so
  const binned = regression({ bandwidth: 0.2, method: 'binned', tolerance: 1e-3, backend: 'wasm' }).fit(x, y);
  binned.predict(q);
  assert.equal(binned.lastMethod?.method, 'binned');
  assert.equal(binned.lastBackend, 'js');
});
