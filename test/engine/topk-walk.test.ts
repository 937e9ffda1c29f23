/**
 * Top-k attention over sorted 1-D keys walks outward from each query and stops on a side once no key
 * there can reach the k-th weight: the result must be the full scan's, key for key (ties to the key stored
 * first). The oracle is the dense matrix, ranked by weight and then by the keys' stored (sorted) order.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { regression, seededRandom } from '../../src/index.js';
import type { DenseAttention, TopKAttention } from '../../src/index.js';

/** The k largest of each dense row: by weight, ties by position in x's stable sort (the visiting order). */
function oracleTopK(dense: DenseAttention, x: number[], k: number): { indices: number[]; weights: number[] } {
  const position = new Array<number>(x.length);
  x.map((v, j) => ({ v, j })).sort((a, b) => a.v - b.v || a.j - b.j).forEach((e, p) => { position[e.j] = p; });
  const indices: number[] = [], weights: number[] = [];
  for (let i = 0; i < dense.m; i++) {
    const row = Array.from({ length: dense.n }, (_, j) => ({ j, w: dense.weights[i * dense.n + j]! }));
    if (row.some((e) => Number.isNaN(e.w))) { for (let r = 0; r < k; r++) { indices.push(-1); weights.push(NaN); } continue; }
    row.sort((a, b) => b.w - a.w || position[a.j]! - position[b.j]!);
    for (let r = 0; r < k; r++) { indices.push(row[r]!.j); weights.push(row[r]!.w); }
  }
  return { indices, weights };
}

test('the top-k walk equals the full scan: kernels, narrow and wide widths, weights, local widths, leave-one-out, k up to n (seed 7401)', () => {
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
      for (const { label, model } of variants) {
        for (const k of [1, 4, 37, n]) {
          for (const loo of [false, true]) {
            const got = (loo ? model.attention(null, { topK: k, leaveOneOut: true }) : model.attention(q, { topK: k })) as TopKAttention;
            const dense = (loo ? model.attention(null, { leaveOneOut: true }) : model.attention(q)) as DenseAttention;
            const want = oracleTopK(dense, x, k);
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
