/**
 * `binned` (Gaussian, d = 1 and 2): linear binning, FFT convolution and interpolation at any query, with
 * a bound per query. The bound must hold against a direct double loop and be close to the error (100×);
 * queries outside the data (and the grid) go to truncation and the report says how many; widths too narrow
 * for any allowed grid make the method refuse and fall back, with a W_FALLBACK warning; and the estimators
 * built on it (regression with several value columns, classification, density, leave-one-out) stay within
 * the bound's consequences: |f̂ − f| ≤ 2ρ·max|v|/(1 − ρ), |p̂ − p| ≤ 2ρ/(1 − ρ), |f̂ − f| ≤ ρ·f.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { classifier, density, makeKeySet, regression, seededRandom } from '../../src/index.js';
import type { WarningInfo } from '../../src/index.js';
import { sortKeySet1d } from '../../src/engine/keyset.js';
import { checkBound, kernel, kernelSim, randomData } from './helpers.js';
import type { DataSet } from './helpers.js';

const gaussian = kernel('gaussian');

describe('binned: error within the bound, bound within 100× the error', () => {
  const cases: [number, number[], number[]][] = [
    [1, [0.05, 0.3, 2], [1e-2, 1e-4, 1e-6]],
    [2, [0.15, 0.6, 2], [1e-2, 3e-3]],
  ];
  let seed = 8300;
  for (const [d, widths, tolerances] of cases) {
    for (const h of widths) {
      const s = seed++;
      test(`d = ${d}, h = ${h} (seed ${s}): τ = ${tolerances.join(', ')}; 3 value columns, weights, leave-one-out`, () => {
        const rng = seededRandom(s);
        const sim = kernelSim(gaussian, d === 1 ? [h] : [h, 0.8 * h]);
        // queries within the data's range: every one is interpolated on the grid (no fallback)
        const inside = randomData(rng, { n: 600, m: 100, d, p: 3, weights: true, qlo: 0, qhi: 5 });
        for (const tolerance of tolerances) {
          const cache = new Map<string, unknown>();
          for (const leaveOneOut of [false, true]) {
            const at = `τ = ${tolerance}${leaveOneOut ? ', leave-one-out' : ''}`;
            const { report } = checkBound(inside, sim, { method: 'binned', tolerance, leaveOneOut, cache }, at);
            assert.equal(report.method, 'binned', `${at}: ${report.detail}`);
            assert.match(report.detail, /^binned: \d+( × \d+)? nodes/);
            // a query in a hole of sparse data (or a left-out key far from the others) can miss a relative
            // tolerance on the grid and go to truncation: a few may, most may not
            const fellBack = report.fallback.reduce((t, f) => t + f.count, 0);
            assert.ok(fellBack <= (leaveOneOut ? 60 : 10), `${at}: ${JSON.stringify(report.fallback)}`);
            for (const f of report.fallback) assert.equal(f.method, 'truncated');
          }
        }
      });
    }
  }
});

test('binned: queries far outside the data go to truncation, the report counts them, the bound holds (seed 8320)', () => {
  const rng = seededRandom(8320);
  for (const d of [1, 2]) {
    // keys on [0, 5]^d; queries on [−4, 9]^d: many beyond the grid's 3-width margin
    const data = randomData(rng, { n: 500, m: 150, d, qlo: -4, qhi: 9 });
    const { report } = checkBound(data, kernelSim(gaussian, new Array(d).fill(0.4)), { method: 'binned', tolerance: 1e-3 }, `d = ${d}`);
    assert.equal(report.method, 'binned');
    assert.equal(report.fallback.length, 1);
    assert.equal(report.fallback[0]!.method, 'truncated');
    assert.ok(report.fallback[0]!.count > 10 && report.fallback[0]!.count < 150, `${report.fallback[0]!.count} of 150 fell back`);
    assert.match(report.fallback[0]!.reason, /outside the grid/);
  }
});

test('binned: keys at the ends of the data and queries exactly at the grid\'s first and last nodes', () => {
  for (const d of [1, 2]) {
    const h = 0.25;
    // keys on a lattice 0, 0.5, …, 4 per axis (so min and max are keys), each twice
    const axis = Array.from({ length: 9 }, (_, i) => 0.5 * i);
    const pts: number[] = [];
    for (let r = 0; r < 2; r++) {
      if (d === 1) pts.push(...axis);
      else for (const a of axis) for (const b of axis) pts.push(a, b);
    }
    const n = pts.length / d;
    const keys = makeKeySet(Float64Array.from(pts), d, Float64Array.from({ length: n }, (_, j) => Math.cos(j)), 1, null);
    // the grid runs from min − 3h to max + 3h: queries at its ends, at the data's ends, and just beyond the grid
    const ends = [-3 * h, 0, 4, 4 + 3 * h, -3 * h - 1e-9, 4 + 3 * h + 1e-9, 2];
    const q: number[] = [];
    for (const a of ends) for (const b of d === 1 ? [0] : ends) q.push(...(d === 1 ? [a] : [a, b]));
    const data: DataSet = { keys, stored: sortKeySet1d(keys), lambda: null, queries: Float64Array.from(q), m: q.length / d };
    const { report } = checkBound(data, kernelSim(gaussian, new Array(d).fill(h)), { method: 'binned', tolerance: d === 1 ? 1e-5 : 1e-2 }, `d = ${d}`);
    assert.equal(report.method, 'binned', report.detail);
  }
});

test('binned refuses a width narrower than the largest grid allows: truncation runs, the report and a W_FALLBACK warning say so', () => {
  const rng = seededRandom(8330);
  const x = Array.from({ length: 300 }, () => 1000 * rng.uniform());
  const y = x.map((v) => Math.sin(v));
  const warnings: [string, WarningInfo | undefined][] = [];
  // cells of ~0.0014 widths for τ = 1e-6: 1000 / (1e-4 · 0.0014) cells are far beyond the largest grid
  const model = regression({ bandwidth: 1e-4, method: 'binned', tolerance: 1e-6, onWarning: (m, info) => warnings.push([m, info]) }).fit(x, y);
  const got = model.predictDetailed(x.slice(0, 20));
  assert.equal(got.method.requested, 'binned');
  assert.equal(got.method.method, 'truncated');
  assert.match(got.method.detail, /^binned refused: .*cells.*; truncated ran instead/);
  assert.equal(warnings.length, 1);
  assert.equal(warnings[0]![1]?.code, 'W_FALLBACK');
  assert.match(warnings[0]![0], /binned refused/);
  const exact = regression({ bandwidth: 1e-4 }).fit(x, y).predict(x.slice(0, 20));
  for (let i = 0; i < 20; i++) assert.ok(Math.abs(got.estimates[i]! - exact[i]!) <= 2 * got.method.bound + 1e-12);
  // the same in 2-D
  const x2 = x.map((v, i) => [v, 1000 * ((i * 0.618) % 1)]);
  const d2 = density({ bandwidth: 1e-3, method: 'binned', tolerance: 1e-3, onWarning: (m, info) => warnings.push([m, info]) }).fit(x2);
  assert.equal(d2.densityDetailed(x2.slice(0, 5)).method.method, 'truncated');
  assert.equal(warnings.length, 2);
});

describe('binned through the estimators', () => {
  const rng = seededRandom(8340);
  const n = 800;
  const x1 = Array.from({ length: n }, () => 4 * rng.normal());
  const x2 = x1.map((v) => [v, 0.5 * v + rng.normal()]);
  const w = x1.map(() => 0.5 + rng.uniform());
  const q1 = Array.from({ length: 120 }, (_, i) => -10 + (20 * i) / 119);
  const q2 = q1.map((v, i) => [v, 5 * Math.sin(i)]);

  // a tolerance per dimension: in 2-D the grid for 1e-5 over these data would pass the largest allowed
  const TOL = { 1: 1e-6, 2: 3e-3 } as const;

  test('regression, 1-D and 2-D, two value columns, weighted: |f̂ − f| ≤ 2ρ·max|v| / (1 − ρ)', () => {
    const y = x1.map((v) => [Math.sin(v), 3 + v]);
    for (const [x, q, h, tolerance] of [[x1, q1, 0.3, TOL[1]], [x2, q2, [0.5, 0.7], TOL[2]]] as const) {
      const opts = { bandwidth: h as number | number[] };
      const fast = regression({ ...opts, method: 'binned', tolerance }).fit(x as number[][], y, { weights: w }).predictDetailed(q as number[][]);
      const exact = regression(opts).fit(x as number[][], y, { weights: w }).predict(q as number[][]);
      assert.equal(fast.method.method, 'binned');
      const rho = fast.method.bound;
      assert.ok(rho > 0 && rho <= tolerance);
      const vmax = [1, 3 + Math.max(...x1.map(Math.abs))];
      for (let i = 0; i < q.length; i++) for (let c = 0; c < 2; c++) {
        assert.ok(Math.abs(fast.estimates[i * 2 + c]! - exact[i * 2 + c]!) <= (2 * rho * vmax[c]!) / (1 - rho), `query ${i}, column ${c}`);
      }
    }
  });

  test('classification: |p̂ − p| ≤ 2ρ / (1 − ρ), the same predictions where p is not close to a tie', () => {
    const labels = x2.map(([a, b]) => (a! + b! > 1 ? 'up' : a! < -2 ? 'left' : 'down'));
    const fast = classifier({ bandwidth: [0.8, 0.8], method: 'binned', tolerance: TOL[2] }).fit(x2, labels).predictDetailed(q2);
    const exact = classifier({ bandwidth: [0.8, 0.8] }).fit(x2, labels).predictDetailed(q2);
    assert.equal(fast.method.method, 'binned');
    const rho = fast.method.bound;
    for (let t = 0; t < exact.probabilities.length; t++) {
      assert.ok(Math.abs(fast.probabilities[t]! - exact.probabilities[t]!) <= (2 * rho) / (1 - rho), `entry ${t}`);
    }
    let compared = 0;
    for (let i = 0; i < q2.length; i++) {
      const p = Array.from(exact.probabilities.subarray(i * 3, i * 3 + 3)).sort((a, b) => b - a);
      if (p[0]! - p[1]! > 1e-3) { assert.equal(fast.predictions[i], exact.predictions[i]); compared++; }
    }
    assert.ok(compared > 60);
  });

  test('density, 1-D and 2-D: |f̂ − f| ≤ ρ·f; densityDetailed reports the method', () => {
    for (const [x, q, h, tolerance] of [[x1, q1, 0.3, TOL[1]], [x2, q2, [0.5, 0.7], TOL[2]]] as const) {
      const fast = density({ bandwidth: h as number | number[], method: 'binned', tolerance }).fit(x as number[][]).densityDetailed(q as number[][]);
      const exact = density({ bandwidth: h as number | number[] }).fit(x as number[][]).pdf(q as number[][]);
      assert.equal(fast.method.method, 'binned');
      for (let i = 0; i < q.length; i++) {
        assert.ok(Math.abs(fast.density[i]! - exact[i]!) <= fast.method.bound * exact[i]! * (1 + 1e-9) + 1e-300, `query ${i}: ${fast.density[i]} vs ${exact[i]}`);
        assert.ok(Math.abs(fast.logDensity[i]! - Math.log(exact[i]!)) <= 2 * fast.method.bound, `query ${i}: log`);
      }
    }
  });

  test('leave-one-out: regression and density against the exact leave-one-out', () => {
    const y = x1.map((v) => Math.sin(v));
    const fast = regression({ bandwidth: 0.3, method: 'binned', tolerance: 1e-6 }).fit(x1, y, { weights: w });
    const loo = fast.leaveOneOut();
    const rho = fast.lastMethod!.bound;
    assert.equal(fast.lastMethod!.method, 'binned');
    const exact = regression({ bandwidth: 0.3 }).fit(x1, y, { weights: w }).leaveOneOut();
    for (let i = 0; i < n; i++) assert.ok(Math.abs(loo.predictions[i]! - exact.predictions[i]!) <= (2 * rho) / (1 - rho), `point ${i}`);
    assert.ok(Math.abs(loo.mse - exact.mse) <= 8 * rho * (1 + exact.mse));
    const kde = density({ bandwidth: [0.5, 0.7], method: 'binned', tolerance: TOL[2] }).fit(x2);
    const lf = kde.leaveOneOut();
    const rho2 = kde.lastMethod!.bound;
    const le = density({ bandwidth: [0.5, 0.7] }).fit(x2).leaveOneOut();
    for (let i = 0; i < n; i++) assert.ok(Math.abs(lf.logDensity[i]! - le.logDensity[i]!) <= 2 * rho2, `point ${i}`);
  });
});
