/**
 * Top-k attention over sorted 1-D keys walks outward from each query and stops on a side once no key
 * there can reach the k-th weight: the result must be the full scan's, key for key (ties to the key stored
 * first). The oracle is the dense matrix, ranked by weight and then by the keys' stored (sorted) order.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { regression, seededRandom } from '../../src/index.js';
import type { DenseAttention, TopKAttention } from '../../src/index.js';

/** Each key's position in x's stable sort: the order a scan of the stored (sorted) keys visits them. */
function sortedPositions(x: number[]): number[] {
  const position = new Array<number>(x.length);
  x.map((v, j) => ({ v, j })).sort((a, b) => a.v - b.v || a.j - b.j).forEach((e, p) => { position[e.j] = p; });
  return position;
}

test('the top-k walk equals the full scan: kernels, narrow and wide widths, weights, local widths, leave-one-out, k up to half of n (seed 7401)', () => {
  const rng = seededRandom(7401);
  let checked = 0;
  for (const kernel of ['gaussian', 'epanechnikov', 'exponential', 'boxcar', 'silverman'] as const) {
    for (const h of [0.01, 0.2, 5]) {
      const n = 300;
      const x = Array.from({ length: n }, () => 5 * rng.uniform());
      const y = x.map((v) => Math.sin(v));
      const w = x.map(() => 0.1 + rng.uniform());
      const q = Array.from({ length: 40 }, () => -1 + 7 * rng.uniform());
      const variants = [
        { label: 'plain', model: regression({ kernel, bandwidth: h, empty: 'nan', onWarning: () => {} }).fit(x, y) },
        { label: 'weights', model: regression({ kernel, bandwidth: h, empty: 'nan', onWarning: () => {} }).fit(x, y, { weights: w }) },
        { label: 'local widths', model: regression({ kernel, bandwidth: h, empty: 'nan', onWarning: () => {}, local: { method: 'knn', k: 5 } }).fit(x, y) },
      ];
      const position = sortedPositions(x);
      for (const { label, model } of variants) {
        for (const loo of [false, true]) {
          const ranked = rankRows((loo ? model.attention(null, { leaveOneOut: true }) : model.attention(q)) as DenseAttention, position);
          for (const k of [1, 4, 37, 150]) {
            const got = (loo ? model.attention(null, { topK: k, leaveOneOut: true }) : model.attention(q, { topK: k })) as TopKAttention;
            const want = topOf(ranked, k);
            const at = `${kernel}, h = ${h}, ${label}, k = ${k}${loo ? ', leave-one-out' : ''}`;
            assert.deepEqual(Array.from(got.indices), want.indices, `${at}: indices`);
            got.weights.forEach((g, t) => assert.ok(Object.is(g, want.weights[t]) || g === want.weights[t], `${at}: weight ${t} ${g} vs ${want.weights[t]}`));
            checked++;
          }
        }
      }
    }
  }
  assert.equal(checked, 5 * 3 * 3 * 4 * 2);
});

test('in d = 2 and 3 the k-d tree search equals the full scan: radial and product kernels, weights, local widths, leave-one-out (seed 7402)', () => {
  const rng = seededRandom(7402);
  let checked = 0;
  for (const d of [2, 3]) {
    const n = 2500;
    const x = Array.from({ length: n }, () => Array.from({ length: d }, () => 4 * rng.uniform()));
    const y = x.map((r) => Math.sin(r[0]!));
    const w = x.map(() => 0.1 + rng.uniform());
    const q = Array.from({ length: 25 }, () => Array.from({ length: d }, () => -1 + 6 * rng.uniform()));
    const position = Array.from({ length: n }, (_, j) => j); // unsorted keys: stored in the caller's order
    for (const [kernel, shape, h] of [['gaussian', 'radial', 0.05], ['gaussian', 'product', 0.4], ['epanechnikov', 'radial', 0.3], ['exponential', 'radial', 0.2], ['triweight', 'product', 0.3], ['logistic', 'product', 0.2]] as const) {
      const base = { kernel, shape, bandwidth: Array.from({ length: d }, (_, c) => h * (1 + 0.3 * c)), empty: 'nan' as const, onWarning: () => {} };
      const variants = [
        regression(base).fit(x, y),
        regression(base).fit(x, y, { weights: w }),
        regression({ ...base, local: { method: 'knn', k: 8 } }).fit(x, y),
      ];
      variants.forEach((model, v) => {
        const ranked = rankRows(model.attention(q) as DenseAttention, position);
        for (const k of [1, 5, 40]) {
          const got = model.attention(q, { topK: k }) as TopKAttention;
          const want = topOf(ranked, k);
          const at = `d = ${d}, ${kernel} ${shape}, variant ${v}, k = ${k}`;
          assert.deepEqual(Array.from(got.indices), want.indices, `${at}: indices`);
          got.weights.forEach((g, t) => assert.ok(g === want.weights[t] || (Number.isNaN(g) && Number.isNaN(want.weights[t]!)), `${at}: weight ${t}`));
          checked++;
        }
      });
      // leave-one-out (once per d: the dense n × n oracle is slow), its first 40 rows
      if (kernel !== 'gaussian' || shape !== 'radial') continue;
      const model = variants[1]!;
      const got = model.attention(null, { topK: 5, leaveOneOut: true }) as TopKAttention;
      const dense = model.attention(null, { leaveOneOut: true }) as DenseAttention;
      const want = topOf(rankRows({ m: 40, n, weights: dense.weights.subarray(0, 40 * n) }, position), 5);
      assert.deepEqual(Array.from(got.indices.subarray(0, 200)), want.indices, `d = ${d}, ${kernel}: leave-one-out indices`);
      checked++;
    }
  }
  assert.equal(checked, 2 * (6 * 3 * 3 + 1));
});

/** Each dense row's keys by decreasing weight, ties by the given stored position (null: a row of NaN). */
function rankRows(dense: DenseAttention, position: readonly number[]): { order: Int32Array | null; w: Float64Array }[] {
  const out: { order: Int32Array | null; w: Float64Array }[] = [];
  for (let i = 0; i < dense.m; i++) {
    const w = dense.weights.subarray(i * dense.n, (i + 1) * dense.n);
    if (w.some(Number.isNaN)) { out.push({ order: null, w }); continue; }
    const order = Int32Array.from({ length: dense.n }, (_, j) => j).sort((a, b) => w[b]! - w[a]! || position[a]! - position[b]!);
    out.push({ order, w });
  }
  return out;
}

/** The first k of each ranked row, as topK gives them (−1 and NaN for a row with no weights). */
function topOf(rows: { order: Int32Array | null; w: Float64Array }[], k: number): { indices: number[]; weights: number[] } {
  const indices: number[] = [], weights: number[] = [];
  for (const { order, w } of rows) {
    for (let r = 0; r < k; r++) {
      indices.push(order ? order[r]! : -1);
      weights.push(order ? w[order[r]!]! : NaN);
    }
  }
  return { indices, weights };
}
