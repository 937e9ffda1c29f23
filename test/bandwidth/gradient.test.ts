/**
 * Learned widths (`learn`): the analytic gradient of the loss with respect to log h (lossAndGradient)
 * and of the estimates (estimateGradient) against central finite differences, for every differentiable
 * kernel, radial and product shapes, d = 1 and 2, regression (MSE) and classification (cross-entropy),
 * leave-one-out and in-sample; then the chapter's exercise 2 as assertions.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  chapterData, density, estimateGradient, estimates, kernels, lossAndGradient, makeKeySet, makeProblem, pool, regression,
  seededRandom,
} from '../../src/index.js';
import type { Kernel, SelectionProblem, Similarity } from '../../src/index.js';
import { assertRel, isNadaraya, looMseBrute, nwGauss } from './brute.js';

const EPS = 1e-5;
const differentiable = kernels.filter((k) => k.differentiable);
type Shape = 'radial' | 'product';
const configs: { d: number; shape: Shape }[] = [{ d: 1, shape: 'radial' }, { d: 2, shape: 'radial' }, { d: 2, shape: 'product' }];

let worst = { rel: 0, label: '' };
after(() => console.log(`gradient vs finite differences: largest relative difference ${worst.rel.toExponential(2)} (${worst.label})`));

/**
 * |analytic − finite difference| ≤ 1e-6 · max(|fd|, floor). The floor (a thousandth of the loss; a
 * hundredth of the values' O(1) scale for estimates) keeps a near-zero derivative from being judged
 * relative to itself: the central difference's own error is about 1e-16 · scale / 1e-5 (rounding) plus
 * 1e-10 · |third derivative| (truncation), which is what the largest differences seen here are.
 */
function assertGradClose(got: number, fd: number, floor: number, label: string): void {
  const scale = Math.max(Math.abs(fd), floor);
  const rel = Math.abs(got - fd) / scale;
  if (rel > worst.rel) worst = { rel, label };
  assert.ok(rel <= 1e-6, `${label}: analytic ${got}, finite difference ${fd} (relative ${rel.toExponential(2)})`);
}

/** Scaled distances that enter the kernel: ‖Δ ⊘ h‖ (radial) or each |Δ_c| / h_c (product). */
function scaledDistances(a: Float64Array, ia: number, b: Float64Array, ib: number, d: number, h: ArrayLike<number>, shape: Shape): number[] {
  const t = Array.from({ length: d }, (_, c) => Math.abs(a[ia * d + c]! - b[ib * d + c]!) / h[c]!);
  return shape === 'product' && d > 1 ? t : [Math.hypot(...t)];
}

/**
 * A compact kernel's loss has a kink where a pair crosses the edge of the support (u = 1): the derivative
 * jumps there (triangular, cosine, epanechnikov), so a central difference straddling it is meaningless.
 * True when some pair is within 1e-3 (relative) of the edge — far more than the step 1e-5.
 */
function nearSupportEdge(kernel: Kernel, a: Float64Array, m: number, b: Float64Array, n: number, d: number, h: ArrayLike<number>, shape: Shape): boolean {
  if (!Number.isFinite(kernel.support)) return false;
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
    for (const u of scaledDistances(a, i, b, j, d, h, shape)) if (Math.abs(u / kernel.support - 1) < 1e-3) return true;
  }
  return false;
}

function makeData(seed: number, n: number, d: number, task: 'regression' | 'classification') {
  const rng = seededRandom(seed);
  const x = Float64Array.from({ length: n * d }, () => rng.uniform());
  if (task === 'regression') {
    const y = Float64Array.from({ length: n }, (_, i) => Math.sin(3 * x[i * d]!) + (d > 1 ? 0.5 * x[i * d + 1]! : 0) + 0.3 * rng.normal());
    return { x, values: y, p: 1 };
  }
  // three classes by region along the first coordinate, a fifth of them relabelled at random
  const values = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) {
    const k = rng.uniform() < 0.2 ? Math.floor(3 * rng.uniform()) : Math.min(2, Math.floor(3 * x[i * d]!));
    values[i * 3 + k] = 1;
  }
  return { x, values, p: 3 };
}

const shifted = (h: Float64Array, c: number, t: number) => { const v = h.slice(); v[c]! *= Math.exp(t); return v; };

/**
 * Widths for the check: start at `base` per coordinate and widen by 4% until every loss involved is
 * finite (each point has some neighbour in reach — for the cross-entropy, one of its own class — and the
 * Silverman kernel keeps every probability positive) and no pair sits on the edge of a compact support.
 */
function chooseWidths(problem: SelectionProblem, kernel: Kernel, shape: Shape, loo: boolean, base: number): Float64Array {
  const { d, n, points } = problem;
  let h = Float64Array.from({ length: d }, (_, c) => base * (1 + 0.3 * c));
  for (let attempt = 0; attempt < 60; attempt++, h = h.map((v) => v * 1.04)) {
    if (nearSupportEdge(kernel, points, n, points, n, d, h, shape)) continue;
    const { loss, gradient } = lossAndGradient(problem, h, loo, null);
    if (!Number.isFinite(loss) || !gradient.every(Number.isFinite)) continue;
    let ok = true;
    for (let c = 0; c < d && ok; c++) for (const t of [EPS, -EPS]) ok &&= Number.isFinite(lossAndGradient(problem, shifted(h, c, t), loo, null).loss);
    if (ok) return h;
  }
  throw new Error(`no usable widths for ${kernel.name} ${shape}`);
}

describe('lossAndGradient: analytic gradient in log h vs central finite differences (step 1e-5)', () => {
  for (const kernel of differentiable) {
    for (const { d, shape } of configs) {
      for (const task of ['regression', 'classification'] as const) {
        test(`${kernel.name}, d = ${d} ${shape}, ${task}: leave-one-out and in-sample`, () => {
          const seed = 100 + d * 10 + (shape === 'product' ? 5 : 0) + (task === 'classification' ? 1 : 0);
          const n = 30;
          const { x, values, p } = makeData(seed, n, d, task);
          const problem = makeProblem(task, { data: x, rows: n, cols: d }, { data: values, rows: n, cols: p }, null, kernel, shape);
          for (const loo of [true, false]) {
            const base = Number.isFinite(kernel.support) ? 0.45 : 0.25;
            const h = chooseWidths(problem, kernel, shape, loo, base);
            const { loss, gradient } = lossAndGradient(problem, h, loo, null);
            assert.equal(gradient.length, d);
            for (let c = 0; c < d; c++) {
              const fp = lossAndGradient(problem, shifted(h, c, EPS), loo, null).loss;
              const fm = lossAndGradient(problem, shifted(h, c, -EPS), loo, null).loss;
              const fd = (fp - fm) / (2 * EPS);
              assertGradClose(gradient[c]!, fd, 1e-3 * Math.abs(loss),
                `${kernel.name} d=${d} ${shape} ${task} ${loo ? 'LOO' : 'in-sample'} ∂/∂log h[${c}] at h = ${Array.from(h).map((v) => v.toFixed(4))}`);
            }
          }
        });
      }
    }
  }

  test('a mini-batch: the batch rows\' leave-one-out loss against all keys (brute force) and its gradient (Gaussian, d = 2)', () => {
    const n = 30;
    const { x, values } = makeData(7, n, 2, 'regression');
    const problem = makeProblem('regression', { data: x, rows: n, cols: 2 }, { data: values, rows: n, cols: 1 }, null, kernels[0]!, 'radial');
    const h = Float64Array.of(0.2, 0.3);
    const rows = Int32Array.of(1, 4, 9, 16, 25);
    const batch = lossAndGradient(problem, h, true, rows);
    // brute force: the loss over the batch rows, each left out of its own estimate, against all keys
    const pts = Array.from({ length: n }, (_, i) => [x[2 * i]!, x[2 * i + 1]!]);
    const y = Array.from(values);
    const lossAt = (hh: ArrayLike<number>) => {
      let s = 0;
      for (const i of rows) s += (y[i]! - nwGauss(pts, y, Array.from(hh), pts[i]!, i)) ** 2;
      return s / rows.length;
    };
    assertRel(batch.loss, lossAt(h), 1e-12, 'batch loss vs brute force');
    for (let c = 0; c < 2; c++) {
      const fd = (lossAt(shifted(h, c, EPS)) - lossAt(shifted(h, c, -EPS))) / (2 * EPS);
      assertGradClose(batch.gradient[c]!, fd, 1e-3 * batch.loss, `mini-batch ∂/∂log h[${c}]`);
    }
  });
});

describe('estimateGradient: ∂ŷ/∂log h vs finite differences of the estimates', () => {
  const variants = [
    { name: 'plain', local: false, loo: false },
    { name: 'local widths λᵢ and weights', local: true, loo: false },
    { name: 'leave-one-out (exclude)', local: false, loo: true },
  ];
  for (const kernel of differentiable) {
    test(`${kernel.name}: d = 1, 2; radial and product; plain, local widths, leave-one-out`, () => {
      for (const { d, shape } of configs) for (const v of variants) {
        const rng = seededRandom(500 + d);
        const n = 25;
        const p = 2;
        const keysX = Float64Array.from({ length: n * d }, () => rng.uniform());
        const vals = Float64Array.from({ length: n * p }, () => rng.normal());
        const weights = v.local ? Float64Array.from({ length: n }, () => 0.5 + rng.uniform()) : null;
        const lambda = v.local ? Float64Array.from({ length: n }, () => 0.6 + 0.8 * rng.uniform()) : null;
        const keys = makeKeySet(keysX, d, vals, p, weights, lambda);
        const m = v.loo ? n : 12;
        const queries = v.loo ? keysX : Float64Array.from({ length: m * d }, () => rng.uniform());
        const exclude = v.loo ? Int32Array.from({ length: n }, (_, i) => i) : null;
        const sim = (h: Float64Array): Extract<Similarity, { kind: 'kernel' }> =>
          ({ kind: 'kernel', kernel, shape, invWidth: h.map((w) => 1 / w) });
        let h = Float64Array.from({ length: d }, (_, c) => (Number.isFinite(kernel.support) ? 0.5 : 0.25) * (1 + 0.3 * c));
        // every query needs a key in reach, and no query–key pair on a compact kernel's edge (λⱼ scales key j's reach)
        const unusable = (hh: Float64Array) => {
          if (Number.isFinite(kernel.support)) {
            for (let j = 0; j < n; j++) {
              const hj = hh.map((w) => w * (lambda ? lambda[j]! : 1));
              if (nearSupportEdge(kernel, queries, m, keysX.subarray(j * d, (j + 1) * d), 1, d, hj, shape)) return true;
            }
          }
          const s = pool(keys, sim(hh), queries, m, { exclude });
          return !Array.from(s.sum).every((x) => x !== 0 && Number.isFinite(x));
        };
        for (let a = 0; a < 60 && unusable(h); a++) h = h.map((w) => w * 1.04);
        assert.ok(!unusable(h), 'usable widths found');
        const sums = pool(keys, sim(h), queries, m, { exclude });
        const est = estimates(sums);
        const G = estimateGradient(keys, sim(h), queries, m, sums, est, exclude);
        assert.equal(G.length, m * d * p);
        for (let c = 0; c < d; c++) {
          const ep = estimates(pool(keys, sim(shifted(h, c, EPS)), queries, m, { exclude }));
          const em = estimates(pool(keys, sim(shifted(h, c, -EPS)), queries, m, { exclude }));
          for (let i = 0; i < m; i++) for (let k = 0; k < p; k++) {
            const fd = (ep[i * p + k]! - em[i * p + k]!) / (2 * EPS);
            assertGradClose(G[(i * d + c) * p + k]!, fd, 1e-2,
              `${kernel.name} d=${d} ${shape} ${v.name}: ∂ŷ[${i}][${k}]/∂log h[${c}]`);
          }
        }
      }
    });
  }
});

describe("exercise 2: learning the width (bandwidth: 'learn')", () => {
  const data = chapterData();
  const x = Array.from(data.xTrain);
  const y = Array.from(data.yTrain);
  const xr = x.map((v) => [v]);
  /** In-sample MSE: each point predicts itself too. */
  const inSampleMse = (h: number) => y.reduce((s, yi, i) => s + (yi - nwGauss(xr, y, [h], [x[i]!])) ** 2, 0) / y.length;

  test('in-sample objective: σ collapses below 0.01 and the in-sample loss goes to 0', () => {
    const fitted = regression({ bandwidth: 'learn', selector: { objective: 'in-sample', iterations: 300 } }).fit(x, y);
    const s = fitted.selection!;
    assert.equal(s.method, 'learn');
    assert.equal(fitted.bandwidthSource, 'learn');
    assert.ok(fitted.kernelSd[0]! < 0.01, `σ = ${fitted.kernelSd[0]} should collapse below 0.01`);
    assert.equal(fitted.kernelSd[0], fitted.bandwidth[0], 'σ of the Gaussian is h');
    assertRel(s.objective, inSampleMse(fitted.bandwidth[0]!), 1e-12, 'objective = brute-force in-sample MSE at the final width');
    const history = s.curve.map((e) => e.objective);
    assert.equal(history.length, 301, '300 iterations and the final widths');
    assert.deepEqual(s.curve.at(-1)!.bandwidth, Array.from(fitted.bandwidth), 'the last curve entry is the chosen width');
    assert.ok(s.objective < 0.01 * history[0]!, `final in-sample loss ${s.objective} vs initial ${history[0]}`);
    // decreasing overall: the mean over each block of 30 iterations falls
    const blocks = Array.from({ length: 10 }, (_, b) => history.slice(30 * b, 30 * (b + 1)).reduce((a, v) => a + v, 0) / 30);
    for (let b = 1; b < blocks.length; b++) assert.ok(blocks[b]! < blocks[b - 1]!, `block means ${blocks.map((v) => v.toExponential(2))}`);
    // each history entry is the in-sample loss at its width
    for (const k of [0, 100, 299]) assertRel(history[k]!, inSampleMse(s.curve[k]!.bandwidth[0]!), 1e-12, `history[${k}]`);
  });

  test('leave-one-out objective: σ converges, to the cv-ls width (within 5%)', () => {
    const fitted = regression({ bandwidth: 'learn', selector: { objective: 'loo', iterations: 300 } }).fit(x, y);
    const s = fitted.selection!;
    const tail = s.curve.slice(-20).map((e) => e.bandwidth[0]!);
    const spread = (Math.max(...tail) - Math.min(...tail)) / Math.min(...tail);
    assert.ok(spread < 0.01, `the last 20 widths vary by ${(100 * spread).toFixed(3)}% (${tail[0]} … ${tail[19]})`);
    const cv = regression({ bandwidth: 'cv-ls' }).fit(x, y);
    const h = fitted.bandwidth[0]!;
    assertRel(h, cv.bandwidth[0]!, 0.05, 'learned LOO width vs cv-ls width');
    assertRel(s.objective, looMseBrute(xr, y, [h]), 1e-12, 'objective = brute-force LOO MSE at the learned width');
    assert.ok(s.objective <= cv.selection!.objective * (1 + 1e-4), `learned ${s.objective} vs cv-ls ${cv.selection!.objective}`);
    // the default objective is 'loo'
    const byDefault = regression({ bandwidth: 'learn', selector: { iterations: 300 } }).fit(x, y);
    assert.equal(byDefault.bandwidth[0], h);
  });

  test('mini-batches (batchSize 10, seed 3) end within 25% of the full-batch width; the seed fixes the path', () => {
    const full = regression({ bandwidth: 'learn' }).fit(x, y).bandwidth[0]!;
    const mini = regression({ bandwidth: 'learn', selector: { batchSize: 10, seed: 3 } }).fit(x, y);
    assertRel(mini.bandwidth[0]!, full, 0.25, 'mini-batch width vs full-batch width');
    const again = regression({ bandwidth: 'learn', selector: { batchSize: 10, seed: 3 } }).fit(x, y);
    assert.equal(again.bandwidth[0], mini.bandwidth[0], 'same seed, same width');
    const other = regression({ bandwidth: 'learn', selector: { batchSize: 10, seed: 4 } }).fit(x, y);
    assert.notEqual(other.bandwidth[0], mini.bandwidth[0], 'another seed, another path');
    // the reported objective is the full-data LOO MSE at the final width, not a batch's
    assertRel(mini.selection!.objective, looMseBrute(xr, y, [mini.bandwidth[0]!]), 1e-12, 'mini-batch objective');
  });

  test('the curve of learn holds every evaluation: evaluations === curve.length, ending at the chosen width', () => {
    const fitted = regression({ bandwidth: 'learn', selector: { iterations: 50 } }).fit(x, y);
    const s = fitted.selection!;
    const last = s.curve[s.curve.length - 1]!;
    assert.ok(s.evaluations === s.curve.length && last.bandwidth[0] === fitted.bandwidth[0] && last.objective === s.objective,
      `BandwidthSelection documents curve as "every evaluation", but learn reports evaluations = ${s.evaluations} with ` +
      `curve.length = ${s.curve.length}; the final evaluation at the chosen width ${fitted.bandwidth[0]} ` +
      `(objective ${s.objective}) is missing from the curve, whose last entry is h = ${last.bandwidth[0]} (objective ${last.objective}) ` +
      '(src/bandwidth/learn.ts learnWidths: the closing lossAndGradient is counted but not pushed to history)');
  });

  test('learn refuses a kernel without a derivative (boxcar) and a density (E_PARAM)', () => {
    assert.throws(() => regression({ bandwidth: 'learn', kernel: 'boxcar' }).fit(x, y), isNadaraya('E_PARAM', /boxcar|derivative/));
    assert.throws(() => density({ bandwidth: 'learn' }).fit(x), isNadaraya('E_PARAM', /cv-ml/));
  });
});
