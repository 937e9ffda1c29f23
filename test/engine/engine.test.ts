/**
 * The streaming engine (tiles, online log-sum-exp merge) against the slow reference loop, for every kernel,
 * shape, dimension, weighting, leave-one-out and tile size; dot-product attention; the Gaussian/softmax
 * identity on the unit sphere; narrow widths; and the diagnostics.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  chapterData, denseAttention, estimates, kernels, makeKeySet, pool, referencePool, referenceSimilarity, regression,
  seededRandom, topKAttention,
} from '../../src/index.js';
import type { DenseAttention, Similarity } from '../../src/index.js';
import { sortKeySet1d } from '../../src/engine/keyset.js';
import { TILES, assertAllClose, compareWithReference, kernelSim, uniformRows } from '../helpers/engine.js';

const N = 37; // keys: not a multiple of either tile size
const M = 11; // queries
const P = 2; // value columns

describe('streaming engine = reference loop', () => {
  let seed = 100;
  for (const kernel of kernels) {
    for (const shape of ['radial', 'product'] as const) {
      for (const d of [1, 2, 3]) {
        const s = seed++;
        test(`${kernel.name}, ${shape}, d = ${d} (seed ${s}, n = ${N}, m = ${M}, tiles ${TILES.join(' and ')})`, () => {
          const rng = seededRandom(s);
          const keyData = uniformRows(rng, N, d, 0, 1);
          const values = Float64Array.from({ length: N * P }, (_, t) => (t % P === 0 ? 1 + rng.uniform() : rng.normal()));
          const w = Float64Array.from({ length: N }, () => 0.25 + 1.5 * rng.uniform());
          w[5] = 0;
          const queries = uniformRows(rng, M, d, -0.1, 1.1);
          const sim = kernelSim(kernel, shape, [0.35, 0.45, 0.4].slice(0, d));
          for (const weighted of [false, true]) {
            const keys = makeKeySet(keyData, d, values, P, weighted ? w : null);
            const label = `${weighted ? 'weighted' : 'unweighted'}`;
            compareWithReference(keys, keys, sim, queries, M, false, label);
            compareWithReference(keys, keys, sim, keyData, N, true, `${label}, leave-one-out`);
            if (d === 1) {
              // the same keys stored sorted, walked outward from each query (what the estimators use in 1-D)
              const sorted = sortKeySet1d(keys);
              compareWithReference(keys, sorted, sim, queries, M, false, `${label}, sorted`);
              compareWithReference(keys, sorted, sim, keyData, N, true, `${label}, sorted, leave-one-out`);
            }
          }
        });
      }
    }
  }
});

test('leave-one-out: a row whose only key in reach is left out has no weights at all, like the reference', () => {
  // keys 0 and 10, boxcar of width 1: with its own key left out, each query has no key in reach
  const keys = makeKeySet(Float64Array.of(0, 10), 1, Float64Array.of(1, 2), 1, null);
  const sim = kernelSim(kernels.find((k) => k.name === 'boxcar')!, 'radial', [1]);
  const ref = referencePool(keys, sim, keys.keys, 2, true);
  assert.deepEqual(Array.from(ref.weights), [NaN, NaN, NaN, NaN]);
  assert.deepEqual(Array.from(estimates(pool(keys, sim, keys.keys, 2, { leaveOneOut: true }))), [NaN, NaN]);
  assert.deepEqual(Array.from(denseAttention(keys, sim, keys.keys, 2, { leaveOneOut: true }).weights), Array.from(ref.weights), 'dense rows');
  assert.deepEqual(Array.from(topKAttention(keys, sim, keys.keys, 2, 1, { leaveOneOut: true }).indices), [-1, -1], 'top-1 lists no key');
});

describe('dot-product (softmax) attention', () => {
  for (const [temperature, normalize, s] of [[0.7, false, 11], [2, false, 12], [0.3, true, 13], [1, true, 14]] as const) {
    test(`τ = ${temperature}, normalize ${normalize} (seed ${s})`, () => {
      const rng = seededRandom(s);
      const d = 5;
      const K = Array.from({ length: N }, () => Array.from({ length: d }, () => 0.5 * rng.normal()));
      const Q = Array.from({ length: M }, () => Array.from({ length: d }, () => 0.5 * rng.normal()));
      const y = K.map(() => rng.normal());
      const sim: Similarity = { kind: 'dot', temperature, normalize };
      // the oracle's similarity against the formula written out here
      const dot = (a: number[], b: number[]) => a.reduce((t, v, c) => t + v * b[c]!, 0);
      for (const q of Q) for (const k of K) {
        const cos = dot(q, k) / Math.sqrt(dot(q, q) * dot(k, k));
        const want = Math.exp((normalize ? cos : dot(q, k)) / temperature);
        assert.ok(Math.abs(referenceSimilarity(sim, q, k) - want) <= 1e-14 * want);
      }
      const ref = referencePool(makeKeySet(Float64Array.from(K.flat()), d, Float64Array.from(y), 1, null), sim, Float64Array.from(Q.flat()), M);
      const model = regression({ similarity: 'dot', temperature, normalize, tileSize: 8 }).fit(K, y);
      assertAllClose(model.predict(Q), ref.estimates, 1e-12, 'estimates', 1);
      assertAllClose((model.attention(Q) as DenseAttention).weights, ref.weights, 1e-12, 'weights');
    });
  }

  test('exercise 3: on unit vectors, Gaussian weights of width σ = softmax(q·k/σ²) (seed 21)', () => {
    const rng = seededRandom(21);
    const unit = () => { const v = Array.from({ length: 5 }, () => rng.normal()); const r = Math.hypot(...v); return v.map((x) => x / r); };
    const K = Array.from({ length: N }, unit);
    const Q = Array.from({ length: M }, unit);
    const y = K.map(() => rng.uniform());
    for (const sigma of [0.3, 0.7, 1.5]) {
      const gauss = (regression({ kernel: 'gaussian', bandwidth: sigma }).fit(K, y).attention(Q) as DenseAttention).weights;
      const soft = (regression({ similarity: 'dot', temperature: sigma * sigma, normalize: true }).fit(K, y).attention(Q) as DenseAttention).weights;
      const want: number[] = [];
      for (const q of Q) {
        const s = K.map((k) => q.reduce((t, v, c) => t + v * k[c]!, 0) / (sigma * sigma));
        const mx = Math.max(...s);
        const e = s.map((v) => Math.exp(v - mx));
        const z = e.reduce((a, b) => a + b, 0);
        want.push(...e.map((v) => v / z));
      }
      assertAllClose(gauss, want, 1e-12, `gaussian σ = ${sigma}`, 1e-300);
      assertAllClose(soft, want, 1e-12, `softmax τ = ${sigma * sigma}`, 1e-300);
    }
  });
});

describe('a narrow width never gives 0/0', () => {
  const data = chapterData();
  for (const h of [0.01, 0.001]) {
    test(`chapter data (seed ${data.seed}), gaussian width ${h}`, () => {
      const x = Array.from(data.xTrain), y = Array.from(data.yTrain);
      // a naive Σ exp(−u²/2) underflows to 0 for some query, so a naive engine would give 0/0 = NaN there
      const naive = Array.from(data.xQuery, (q) => x.reduce((s, k) => s + Math.exp(-(((q - k) / h) ** 2) / 2), 0));
      assert.ok(naive.some((s) => s === 0), 'the naive sum underflows somewhere');
      const got = regression({ bandwidth: h }).fit(x, y).predict(Array.from(data.xQuery));
      assert.ok(got.every(Number.isFinite), 'finite everywhere');
      // independent: shift by the nearest key's squared distance before exponentiating
      const want = Array.from(data.xQuery, (q) => {
        const d2 = x.map((k) => ((q - k) / h) ** 2);
        const lo = Math.min(...d2);
        const e = d2.map((v) => Math.exp(-(v - lo) / 2));
        return e.reduce((s, v, j) => s + v * y[j]!, 0) / e.reduce((s, v) => s + v, 0);
      });
      assertAllClose(got, want, 1e-12, 'estimates', 1);
    });
  }
});

describe('predictDetailed diagnostics = reference weights', () => {
  let seed = 300;
  for (const kernel of kernels) {
    const s = seed++;
    test(`${kernel.name}, radial, d = 2, weighted (seed ${s}, tileSize 8 through the options)`, () => {
      const rng = seededRandom(s);
      const x = uniformRows(rng, N, 2, 0, 1);
      const y = Float64Array.from({ length: N }, () => rng.normal());
      const w = Float64Array.from({ length: N }, () => 0.25 + 1.5 * rng.uniform());
      const q = uniformRows(rng, M, 2, 0, 1);
      const rows = (a: Float64Array, r: number) => Array.from({ length: r }, (_, i) => [a[2 * i]!, a[2 * i + 1]!]);
      const got = regression({ kernel, bandwidth: 0.6, tileSize: 8 }).fit(rows(x, N), y, { weights: w }).predictDetailed(rows(q, M));
      const ref = referencePool(makeKeySet(x, 2, y, 1, w), kernelSim(kernel, 'radial', [0.6, 0.6]), q, M);
      assertAllClose(got.estimates, ref.estimates, 1e-12, 'estimates', 1);
      for (let i = 0; i < M; i++) {
        const row = Array.from(ref.weights.subarray(i * N, (i + 1) * N));
        const sum = row.reduce((a, b) => a + b, 0);
        const sumSq = row.reduce((a, b) => a + b * b, 0);
        assertAllClose([got.nEff[i]!], [(sum * sum) / sumSq], 1e-12, `nEff ${i}`);
        assertAllClose([got.maxWeight[i]!], [Math.max(...row)], 1e-12, `maxWeight ${i}`);
        assertAllClose([got.logDenominator[i]!], [Math.log(ref.denominators[i]!)], 1e-12, `logDenominator ${i}`, 1);
      }
    });
  }
});
