/**
 * The 1-D fast path: keys stored sorted and walked outward from each query, stopping where every further
 * term is exactly 0 (or outside a compact support). Results must equal the reference loop on the keys in
 * the caller's order, and attention and leave-one-out must speak of the caller's order.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  density, gaussian, kernels, makeKeySet, normalisingConstant, referencePool, regression, seededRandom,
} from '../../src/index.js';
import type { DenseAttention, Kernel, TopKAttention } from '../../src/index.js';
import { sortKeySet1d } from '../../src/engine/keyset.js';
import { assertAllClose, compareWithReference, kernelSim, uniformRows } from '../helpers/engine.js';

const N = 203; // not a multiple of either tile size
const M = 23;

describe('sorted 1-D keys = reference loop on the unsorted keys', () => {
  let seed = 500;
  for (const kernel of kernels) {
    const s = seed++;
    test(`${kernel.name}, h = 0.3, keys on [0, 100], weights in [e⁻²⁰, e²⁰] with one 0 (seed ${s})`, () => {
      const rng = seededRandom(s);
      const x = uniformRows(rng, N, 1, 0, 100);
      const values = Float64Array.from({ length: N }, () => rng.normal());
      const w = Float64Array.from({ length: N }, () => Math.exp(40 * rng.uniform() - 20));
      w[7] = 0;
      const q = uniformRows(rng, M, 1, -5, 105);
      const sim = kernelSim(kernel, 'radial', [0.3]);
      for (const weights of [null, w]) {
        const keys = makeKeySet(x, 1, values, 1, weights);
        const sorted = sortKeySet1d(keys);
        assert.ok(sorted.order !== null && sorted.rank !== null, 'stored sorted');
        for (let j = 1; j < N; j++) assert.ok(sorted.keys[j - 1]! <= sorted.keys[j]!, 'keys sorted');
        const label = weights ? 'weighted' : 'unweighted';
        compareWithReference(keys, sorted, sim, q, M, false, label);
        compareWithReference(keys, sorted, sim, x, N, true, `${label}, leave-one-out`);
      }
    });
  }
});

test('the walk stops early: a narrow Gaussian evaluates far fewer than m·n terms, exactly (seed 600)', () => {
  const rng = seededRandom(600);
  const x = Array.from(uniformRows(rng, N, 1, 0, 100));
  const y = x.map((v) => Math.sin(v) + 0.1 * rng.normal());
  const q = Array.from(uniformRows(rng, M, 1, 0, 100));
  let calls = 0;
  const counting: Kernel = { ...gaussian, logAbsSq: (u2) => { calls++; return gaussian.logAbsSq(u2); } };
  const got = regression({ kernel: counting, bandwidth: 0.05, tileSize: 8 }).fit(x, y).predict(q);
  assert.ok(calls > 0 && calls < (M * N) / 4, `${calls} kernel evaluations for ${M} × ${N} pairs`);
  const ref = referencePool(makeKeySet(Float64Array.from(x), 1, Float64Array.from(y), 1, null), kernelSim(gaussian, 'radial', [0.05]), Float64Array.from(q), M);
  assertAllClose(got, ref.estimates, 1e-12, 'estimates', 1);
});

describe('estimators on unsorted 1-D data speak of the caller\'s order', () => {
  const rng = seededRandom(700);
  const x = Array.from(uniformRows(rng, 61, 1, 0, 10));
  const y = x.map((v) => Math.cos(v) + 0.2 * rng.normal());
  const w = x.map(() => 0.5 + rng.uniform());
  const q = Array.from(uniformRows(rng, M, 1, -0.5, 10.5));
  const n = x.length;
  const keys = makeKeySet(Float64Array.from(x), 1, Float64Array.from(y), 1, Float64Array.from(w));
  for (const [name, h] of [['gaussian', 0.3], ['epanechnikov', 0.25]] as const) {
    const kernel = kernels.find((k) => k.name === name)!;
    const sim = kernelSim(kernel, 'radial', [h]);
    test(`${name}, h = ${h}, weighted (seed 700): predict, attention, leave-one-out`, () => {
      const model = regression({ kernel: name, bandwidth: h, onWarning: () => {} }).fit(x, y, { weights: w });
      const ref = referencePool(keys, sim, Float64Array.from(q), M);
      assertAllClose(model.predict(q), ref.estimates, 1e-12, 'predict', 1);
      assertAllClose((model.attention(q) as DenseAttention).weights, ref.weights, 1e-12, 'dense attention', 1e-3);
      const top = model.attention(q, { topK: 2 }) as TopKAttention;
      for (let i = 0; i < M; i++) {
        if (ref.denominators[i] === 0) continue;
        for (let r = 0; r < 2; r++) assertAllClose([ref.weights[i * n + top.indices[i * 2 + r]!]!], [top.weights[i * 2 + r]!], 1e-12, `top-2 index of query ${i}`, 1e-3);
      }
      const loo = model.leaveOneOut();
      const refLoo = referencePool(keys, sim, Float64Array.from(x), n, true);
      assertAllClose(loo.predictions, refLoo.estimates, 1e-12, 'leave-one-out predictions', 1);
      let s = 0, total = 0;
      x.forEach((_, i) => { if (!Number.isNaN(refLoo.estimates[i]!)) { s += w[i]! * (y[i]! - refLoo.estimates[i]!) ** 2; total += w[i]!; } });
      assertAllClose([loo.mse], [s / total], 1e-12, 'leave-one-out MSE');
    });
  }
  test('gaussian density, h = 0.4, weighted (seed 700): leave-one-out log-densities', () => {
    const h = 0.4;
    const loo = density({ bandwidth: h }).fit(x, { weights: w }).leaveOneOut();
    const ref = referencePool(keys, kernelSim(gaussian, 'radial', [h]), Float64Array.from(x), n, true);
    const W = w.reduce((a, b) => a + b, 0);
    const want = x.map((_, i) => Math.log(ref.denominators[i]! / ((W - w[i]!) * h * normalisingConstant(gaussian, 1))));
    assertAllClose(loo.logDensity, want, 1e-12, 'log-densities', 1);
    assertAllClose([loo.meanLogLikelihood], [want.reduce((a, v, i) => a + w[i]! * v, 0) / W], 1e-12, 'mean log-likelihood', 1);
  });
});
