/**
 * `truncated`: kernels of unbounded support summed over the keys that matter, with a bound per query on
 * what was skipped. The bound must hold against a direct double loop, stay within the tolerance, and be
 * close to the error it bounds (at most 100× it where the error is measurable) — for narrow and wide
 * widths, queries inside and far outside the data, weights, local widths, both shapes and leave-one-out.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { regression, seededRandom } from '../../src/index.js';
import { checkBound, kernel, kernelSim, randomData } from './helpers.js';

const KERNELS = ['gaussian', 'exponential', 'logistic', 'sigmoid', 'silverman'];

describe('truncated: error within the bound, bound within 100× the error', () => {
  let seed = 8200;
  for (const name of KERNELS) {
    for (const d of [1, 2]) {
      const s = seed++;
      test(`${name}, d = ${d} (seed ${s}): widths 0.05, 0.4, 3; tolerances 1e-3 and 1e-8; weights, local widths, leave-one-out`, () => {
        const rng = seededRandom(s);
        // the Silverman kernel's terms change sign, so the skipped terms partly cancel: its bound is on
        // Σ|wα| of them, which the signed error can undercut by any factor; only the bound is checked
        const slack = kernel(name).signed ? Infinity : 100;
        let measured = 0;
        for (const h of [0.05, 0.4, 3]) {
          for (const tolerance of [1e-3, 1e-8]) {
            const widths = d === 1 ? [h] : [h, 1.3 * h];
            const plain = randomData(rng, { n: 500, m: 80, d, p: 2, qlo: -3, qhi: 8 });
            const rich = randomData(rng, { n: 500, m: 80, d, weights: true, local: true, qlo: -3, qhi: 8 });
            const at = `h = ${h}, τ = ${tolerance}`;
            const runs = [
              checkBound(plain, kernelSim(kernel(name), widths), { method: 'truncated', tolerance }, `${at}, plain`, slack),
              checkBound(rich, kernelSim(kernel(name), widths), { method: 'truncated', tolerance }, `${at}, weights and local widths`, slack),
              checkBound(rich, kernelSim(kernel(name), widths), { method: 'truncated', tolerance, leaveOneOut: true }, `${at}, leave-one-out`, slack),
            ];
            if (d === 2) runs.push(checkBound(plain, kernelSim(kernel(name), widths, 'product'), { method: 'truncated', tolerance }, `${at}, product`, slack));
            for (const { report, error } of runs) {
              assert.equal(report.method, 'truncated', `${at}: ${report.detail}`);
              assert.deepEqual(report.fallback, [], `${at}: no query falls back`);
              measured = Math.max(measured, error);
            }
          }
        }
        // the cases are not all exact: something was skipped somewhere, and measured
        assert.ok(measured > 1e-10, `largest error ${measured}`);
      });
    }
  }
});

describe('truncated in d = 3 … 6 (the k-d tree\'s reach): error within the bound, bound within 100× the error', () => {
  let seed = 8300;
  for (const d of [3, 4, 6]) {
    for (const name of ['gaussian', 'exponential', 'logistic']) {
      const s = seed++;
      test(`${name}, d = ${d} (seed ${s}): widths 0.3 and 1.2; τ = 1e-3 and 1e-8; weights, local widths, leave-one-out, product`, () => {
        const rng = seededRandom(s);
        let measured = 0;
        for (const h of [0.3, 1.2]) {
          for (const tolerance of [1e-3, 1e-8]) {
            const widths = Array.from({ length: d }, (_, c) => h * (1 + 0.2 * c));
            const plain = randomData(rng, { n: 400, m: 50, d, p: 1, qlo: -2, qhi: 7 });
            const rich = randomData(rng, { n: 400, m: 50, d, weights: true, local: true, qlo: -2, qhi: 7 });
            const at = `d = ${d}, h = ${h}, τ = ${tolerance}`;
            const runs = [
              checkBound(plain, kernelSim(kernel(name), widths), { method: 'truncated', tolerance }, `${at}, plain`, 100),
              checkBound(rich, kernelSim(kernel(name), widths), { method: 'truncated', tolerance, leaveOneOut: true }, `${at}, weights, local widths, leave-one-out`, 100),
              checkBound(plain, kernelSim(kernel(name), widths, 'product'), { method: 'truncated', tolerance }, `${at}, product`, 100),
            ];
            for (const { report, error } of runs) {
              assert.equal(report.method, 'truncated', `${at}: ${report.detail}`);
              measured = Math.max(measured, error);
            }
          }
        }
        assert.ok(measured > 1e-12, `largest error ${measured}: nothing was skipped anywhere`);
      });
    }
  }
});

test('truncated skips most keys at a narrow width: far fewer kernel evaluations than n·m (seed 8290)', () => {
  const rng = seededRandom(8290);
  const x = Array.from({ length: 4000 }, () => 10 * rng.uniform());
  const y = x.map((v) => Math.sin(v));
  const q = Array.from({ length: 200 }, () => 10 * rng.uniform());
  let calls = 0;
  const g = kernel('gaussian');
  const counting = { ...g, logAbsSq: (u2: number) => { calls++; return g.logAbsSq(u2); } };
  const model = regression({ kernel: counting, bandwidth: 0.05, method: 'truncated', tolerance: 1e-6 }).fit(x, y);
  const got = model.predictDetailed(q);
  assert.equal(got.method.method, 'truncated');
  assert.ok(calls < (4000 * 200) / 10, `${calls} kernel evaluations for 4000 × 200 pairs`);
  const exact = regression({ kernel: 'gaussian', bandwidth: 0.05 }).fit(x, y).predict(q);
  const vmax = Math.max(...y.map(Math.abs));
  // |f̂ − f| ≤ 2ρ·max|v| / (1 − ρ)
  for (let i = 0; i < q.length; i++) assert.ok(Math.abs(got.estimates[i]! - exact[i]!) <= (2 * got.method.bound * vmax) / (1 - got.method.bound) + 1e-12, `query ${i}`);
});
