/**
 * Local (adaptive) widths: Abramson's (1982) sample-point widths λᵢ = (f̃(xᵢ)/g)^(−α) and k-nearest-
 * neighbour widths, against brute force: the factors themselves, the sample-point density
 * (1/(n ∏h C)) Σ λⱼ⁻ᵈ K(‖(x − xⱼ) ⊘ h‖/λⱼ) (which must still integrate to 1) and the sample-point
 * regression Σ yⱼ λⱼ⁻ᵈ K(…) / Σ λⱼ⁻ᵈ K(…), with its leave-one-out and diagnostics.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { density, gaussian, localWidthFactors, regression, seededRandom } from '../../src/index.js';
import type { LocalWidths } from '../../src/index.js';
import { assertRel, gauss, isNadaraya, linspace, parityRows, scaledDist2, simpson } from './brute.js';
import type { Rows } from './brute.js';

const matrixOf = (r: Rows) => ({ data: Float64Array.from(r.flat()), rows: r.length, cols: r[0]!.length });

/** A dense cluster (200 points, N(0, 0.3²)) and a sparse tail (40 points, 2 + Exp(mean 3)). */
function clusterAndTail(): { x: number[]; dense: number } {
  const rng = seededRandom(31);
  const dense = 200;
  const x = Array.from({ length: dense }, () => 0.3 * rng.normal());
  for (let i = 0; i < 40; i++) x.push(2 - 3 * Math.log(1 - rng.uniform()));
  return { x, dense };
}

/** Abramson factors by brute force: Gaussian pilot at widths `pilot` (self included), weighted geometric mean. */
function abramsonBrute(x: Rows, pilot: readonly number[], alpha: number, weights: readonly number[] | null = null):
  { lambda: number[]; pilotDensity: number[] } {
  const f = x.map((xi) => x.reduce((s, xj, j) => s + (weights ? weights[j]! : 1) * gauss(scaledDist2(xi, xj, pilot)), 0));
  let logG = 0;
  let total = 0;
  f.forEach((v, i) => { const w = weights ? weights[i]! : 1; logG += w * Math.log(v); total += w; });
  logG /= total;
  return { lambda: f.map((v) => Math.exp(-alpha * (Math.log(v) - logG))), pilotDensity: f };
}

/** Distance from each point to its k-th nearest other point, in the metric scaled by h. */
function knnBrute(x: Rows, h: readonly number[], k: number): number[] {
  return x.map((xi, i) => {
    const d = x.filter((_, j) => j !== i).map((xj) => Math.sqrt(scaledDist2(xi, xj, h))).sort((a, b) => a - b);
    return d[k - 1]!;
  });
}

/** The sample-point terms aⱼ = wⱼ λⱼ⁻ᵈ K(‖(q − xⱼ) ⊘ h‖/λⱼ) (Gaussian), with j = skip left out. */
function terms(x: Rows, lambda: readonly number[], h: readonly number[], q: readonly number[], skip = -1): number[] {
  const d = h.length;
  return x.map((xj, j) => (j === skip ? 0 : lambda[j]! ** -d * gauss(scaledDist2(q, xj, h) / lambda[j]! ** 2)));
}

function densityBrute(x: Rows, lambda: readonly number[], h: readonly number[], q: readonly number[]): number {
  const norm = (2 * Math.PI) ** (h.length / 2) * h.reduce((a, b) => a * b, 1) * x.length;
  return terms(x, lambda, h, q).reduce((a, b) => a + b, 0) / norm;
}

function regressionBrute(x: Rows, y: readonly number[], lambda: readonly number[], h: readonly number[], q: readonly number[], skip = -1) {
  const a = terms(x, lambda, h, q, skip);
  const S = a.reduce((s, v) => s + v, 0);
  return {
    estimate: a.reduce((s, v, j) => s + v * y[j]!, 0) / S,
    logDenominator: Math.log(S),
    nEff: S * S / a.reduce((s, v) => s + v * v, 0),
    maxWeight: Math.max(...a) / S,
  };
}

/** Spearman's rank correlation (no ties expected). */
function spearman(a: readonly number[], b: readonly number[]): number {
  const rank = (v: readonly number[]) => {
    const order = v.map((_, i) => i).sort((i, j) => v[i]! - v[j]!);
    const r = new Array<number>(v.length);
    order.forEach((i, k) => { r[i] = k; });
    return r;
  };
  const ra = rank(a), rb = rank(b);
  const n = a.length;
  const d2 = ra.reduce((s, v, i) => s + (v - rb[i]!) ** 2, 0);
  return 1 - (6 * d2) / (n * (n * n - 1));
}

describe("local: { method: 'abramson' } — sample-point widths", () => {
  const { x, dense } = clusterAndTail();
  const xr = x.map((v) => [v]);
  const h = 0.25;

  test('the factors: brute-force (f̃/g)^(−1/2), geometric mean 1, smaller where the data are dense', () => {
    const lambda = localWidthFactors(matrixOf(xr), Float64Array.of(h), { method: 'abramson' }, gaussian, 'radial', null);
    const want = abramsonBrute(xr, [h], 0.5);
    assert.equal(lambda.length, x.length);
    want.lambda.forEach((w, i) => assertRel(lambda[i]!, w, 1e-12, `λ[${i}]`));
    const logMean = Array.from(lambda).reduce((s, v) => s + Math.log(v), 0) / lambda.length;
    assert.ok(Math.abs(logMean) <= 1e-12, `geometric mean of the factors is exp(${logMean}), not 1`);
    const rho = spearman(Array.from(lambda), want.pilotDensity);
    assert.ok(rho < -0.999, `rank correlation of the factors with the pilot density is ${rho}, should be −1`);
    const mean = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v, 0) / a.length;
    const inCluster = mean(lambda.subarray(0, dense));
    const inTail = mean(lambda.subarray(dense));
    assert.ok(inCluster < 1 && inTail > 1 && inTail > 3 * inCluster, `mean factor in the cluster ${inCluster}, in the tail ${inTail}`);
  });

  test('alpha, pilot widths and observation weights enter the factors as in the brute force', () => {
    const rng = seededRandom(5);
    const weights = x.map(() => 0.5 + rng.uniform());
    const spec: LocalWidths = { method: 'abramson', alpha: 0.3, pilot: 0.6 };
    const lambda = localWidthFactors(matrixOf(xr), Float64Array.of(h), spec, gaussian, 'radial', Float64Array.from(weights));
    const want = abramsonBrute(xr, [0.6], 0.3, weights);
    want.lambda.forEach((w, i) => assertRel(lambda[i]!, w, 1e-12, `λ[${i}] (alpha 0.3, pilot 0.6, weighted)`));
  });

  test('the fitted density is the brute-force sample-point density and still integrates to 1 (1-D, 1e-4)', () => {
    const fitted = density({ bandwidth: h, local: { method: 'abramson' } }).fit(x);
    const lambda = abramsonBrute(xr, [h], 0.5).lambda;
    const queries = linspace(-2, 12, 57);
    const pdf = fitted.pdf(queries);
    queries.forEach((q, i) => assertRel(pdf[i]!, densityBrute(xr, lambda, [h], [q]), 1e-12, `pdf at ${q}`));
    const lmin = Math.min(...lambda), lmax = Math.max(...lambda);
    const lo = Math.min(...x) - 12 * h * lmax, hi = Math.max(...x) + 12 * h * lmax;
    const m = 2 * Math.ceil((hi - lo) / ((h * lmin) / 10) / 2) + 1;
    const grid = linspace(lo, hi, m);
    const integral = simpson(fitted.pdf(grid), grid[1]! - grid[0]!);
    assert.ok(Math.abs(integral - 1) <= 1e-4, `∫ f̂ = ${integral}`);
    // the leave-one-out log density is the same sample-point estimator without the point (and its own λ)
    const loo = fitted.leaveOneOut().logDensity;
    for (const i of [0, 57, 199, 200, 239]) {
      const a = terms(xr, lambda, [h], xr[i]!, i).reduce((s, v) => s + v, 0);
      assertRel(loo[i]!, Math.log(a / ((x.length - 1) * h * Math.sqrt(2 * Math.PI))), 1e-12, `LOO log density ${i}`);
    }
  });

  test('alpha 0: every factor is 1 and the fit equals the fixed-width fit', () => {
    const lambda = localWidthFactors(matrixOf(xr), Float64Array.of(h), { method: 'abramson', alpha: 0 }, gaussian, 'radial', null);
    assert.ok(lambda.every((v) => v === 1), 'all factors exactly 1');
    const adaptive = density({ bandwidth: h, local: { method: 'abramson', alpha: 0 } }).fit(x);
    const fixed = density({ bandwidth: h }).fit(x);
    const queries = linspace(-2, 12, 29);
    const a = adaptive.pdf(queries), f = fixed.pdf(queries);
    queries.forEach((q, i) => assertRel(a[i]!, f[i]!, 1e-14, `pdf at ${q}`));
    assertRel(adaptive.leaveOneOut().meanLogLikelihood, fixed.leaveOneOut().meanLogLikelihood, 1e-14, 'LOO log-likelihood');
    const ra = regression({ bandwidth: h, local: { method: 'abramson', alpha: 0 } }).fit(x, x.map(Math.sin));
    const rf = regression({ bandwidth: h }).fit(x, x.map(Math.sin));
    const pa = ra.predict(queries), pf = rf.predict(queries);
    queries.forEach((q, i) => assertRel(pa[i]!, pf[i]!, 1e-14, `regression at ${q}`));
  });

  test('2-D (dens2d_train.csv): the adaptive density integrates to 1 on a grid (1e-3)', () => {
    const x2 = parityRows('dens2d_train.csv', ['a', 'b']);
    const hw = [0.4, 0.35];
    const fitted = density({ bandwidth: hw, local: { method: 'abramson' } }).fit(x2);
    const lambda = abramsonBrute(x2, hw, 0.5).lambda;
    for (const q of [[0, 0], [1, 2], [4, 4], [-2, 3]]) assertRel(fitted.pdf([q])[0]!, densityBrute(x2, lambda, hw, q), 1e-12, `pdf at ${q}`);
    const lmin = Math.min(...lambda), lmax = Math.max(...lambda);
    const axes = [0, 1].map((c) => {
      const col = x2.map((r) => r[c]!);
      // ±6 of the widest key's widths beyond the data; spacing ≤ the narrowest key's width (Simpson on
      // Gaussian bumps is then accurate to ~1e-11)
      const lo = Math.min(...col) - 6 * hw[c]! * lmax, hi = Math.max(...col) + 6 * hw[c]! * lmax;
      return linspace(lo, hi, 2 * Math.ceil((hi - lo) / (hw[c]! * lmin) / 2) + 1);
    });
    const [ax, ay] = axes as [number[], number[]];
    const queries: number[][] = [];
    for (const a of ax) for (const b of ay) queries.push([a, b]);
    const pdf = fitted.pdf(queries);
    const inner = ax.map((_, i) => simpson(pdf.subarray(i * ay.length, (i + 1) * ay.length), ay[1]! - ay[0]!));
    const integral = simpson(inner, ax[1]! - ax[0]!);
    assert.ok(Math.abs(integral - 1) <= 1e-3, `∬ f̂ = ${integral} (grid ${ax.length} × ${ay.length})`);
  });
});

describe('local widths in regression: the brute-force sample-point estimator', () => {
  const rng = seededRandom(77);
  const n1 = 120;
  const x1 = Array.from({ length: n1 }, (_, i) => (i < 90 ? rng.uniform() : 1 + 4 * rng.uniform()));
  const y1 = x1.map((v) => Math.sin(2 * v) + 0.2 * rng.normal());
  const n2 = 150;
  const x2 = Array.from({ length: n2 }, () => [rng.normal(), 3 * rng.normal()]);
  const y2 = x2.map(([a, b]) => a! * b! / 3 + 0.1 * rng.normal());

  const cases: { name: string; x: Rows; y: number[]; h: number[]; local: LocalWidths; lambda: () => number[] }[] = [
    { name: 'abramson, 1-D', x: x1.map((v) => [v]), y: y1, h: [0.2], local: { method: 'abramson' },
      lambda: () => abramsonBrute(x1.map((v) => [v]), [0.2], 0.5).lambda },
    { name: 'knn k = 7, 1-D', x: x1.map((v) => [v]), y: y1, h: [0.2], local: { method: 'knn', k: 7 },
      lambda: () => knnBrute(x1.map((v) => [v]), [0.2], 7) },
    { name: 'abramson, 2-D, h = [0.5, 1.2]', x: x2, y: y2, h: [0.5, 1.2], local: { method: 'abramson', alpha: 0.7 },
      lambda: () => abramsonBrute(x2, [0.5, 1.2], 0.7).lambda },
    { name: 'knn k = 5, 2-D, h = [0.5, 1.2]', x: x2, y: y2, h: [0.5, 1.2], local: { method: 'knn', k: 5 },
      lambda: () => knnBrute(x2, [0.5, 1.2], 5) },
  ];
  for (const c of cases) {
    test(`${c.name}: predict, predictDetailed diagnostics and leaveOneOut, to 1e-12`, () => {
      const lambda = c.lambda();
      const fitted = regression({ bandwidth: c.h, local: c.local }).fit(c.x as number[][], c.y);
      const d = c.h.length;
      const lo = c.x.reduce((m, r) => r.map((v, k) => Math.min(m[k]!, v)), c.x[0]!.slice());
      const hi = c.x.reduce((m, r) => r.map((v, k) => Math.max(m[k]!, v)), c.x[0]!.slice());
      const qrng = seededRandom(3);
      const queries = Array.from({ length: 25 }, () => Array.from({ length: d }, (_, k) => lo[k]! + (hi[k]! - lo[k]!) * qrng.uniform()));
      const detail = fitted.predictDetailed(queries);
      assert.equal(detail.emptyCount, 0);
      queries.forEach((q, i) => {
        const want = regressionBrute(c.x, c.y, lambda, c.h, q);
        assertRel(detail.estimates[i]!, want.estimate, 1e-12, `estimate at ${q}`);
        assertRel(detail.logDenominator[i]!, want.logDenominator, 1e-12, `logDenominator at ${q}`);
        assertRel(detail.nEff[i]!, want.nEff, 1e-12, `nEff at ${q}`);
        assertRel(detail.maxWeight[i]!, want.maxWeight, 1e-12, `maxWeight at ${q}`);
      });
      const loo = fitted.leaveOneOut();
      let mse = 0;
      c.x.forEach((xi, i) => {
        const want = regressionBrute(c.x, c.y, lambda, c.h, xi, i).estimate;
        assertRel(loo.predictions[i]!, want, 1e-12, `LOO prediction ${i}`);
        mse += (c.y[i]! - want) ** 2;
      });
      assertRel(loo.mse, mse / c.x.length, 1e-12, 'LOO MSE');
    });
  }
});

describe("local: { method: 'knn', k } — nearest-neighbour widths", () => {
  test('λᵢ is the distance to the k-th nearest other point (1-D; 2-D in the metric scaled by h)', () => {
    const rng = seededRandom(9);
    const x1 = Array.from({ length: 60 }, () => [rng.normal()]);
    for (const k of [1, 3, 10]) {
      const got = localWidthFactors(matrixOf(x1), Float64Array.of(0.7), { method: 'knn', k }, gaussian, 'radial', null);
      knnBrute(x1, [0.7], k).forEach((w, i) => assertRel(got[i]!, w, 1e-14, `1-D k = ${k}, λ[${i}]`));
    }
    const x2 = Array.from({ length: 60 }, () => [rng.normal(), 10 * rng.normal()]);
    for (const k of [1, 4]) {
      const got = localWidthFactors(matrixOf(x2), Float64Array.of(0.5, 4), { method: 'knn', k }, gaussian, 'radial', null);
      knnBrute(x2, [0.5, 4], k).forEach((w, i) => assertRel(got[i]!, w, 1e-14, `2-D k = ${k}, λ[${i}]`));
    }
  });

  test('the key widths h ⊙ λᵢ do not depend on the scale of h (λᵢ is measured in units of h)', () => {
    const rng = seededRandom(12);
    const x = Array.from({ length: 80 }, () => [rng.normal(), 2 * rng.normal()]);
    const y = x.map(([a, b]) => Math.sin(a!) + b!);
    const q = [[0.1, 0.2], [1, -1], [-2, 3]];
    const small = regression({ bandwidth: [0.1, 0.3], local: { method: 'knn', k: 6 } }).fit(x, y).predict(q);
    const large = regression({ bandwidth: [10, 30], local: { method: 'knn', k: 6 } }).fit(x, y).predict(q);
    q.forEach((_, i) => assertRel(large[i]!, small[i]!, 1e-12, `prediction ${i} at h and 100 h`));
  });

  test('repeated points with k = 1 → E_DATA; k = 2 is fine there', () => {
    const x = [0, 1, 1, 2.5, 4, 4.2];
    assert.throws(() => density({ bandwidth: 1, local: { method: 'knn', k: 1 } }).fit(x), isNadaraya('E_DATA', /repeated|distance 0/));
    const fitted = density({ bandwidth: 1, local: { method: 'knn', k: 2 } }).fit(x);
    assert.ok(fitted.pdf([1])[0]! > 0);
  });

  test('k ≥ n → E_PARAM (at fit); bad k, unknown keys and unknown methods → E_PARAM (at construction)', () => {
    const x = [0, 1, 2, 3.5, 5];
    assert.throws(() => regression({ bandwidth: 1, local: { method: 'knn', k: x.length } }).fit(x, x), isNadaraya('E_PARAM', /local\.k/));
    assert.throws(() => density({ local: { method: 'knn', k: 0 } }), isNadaraya('E_PARAM', /local\.k/));
    assert.throws(() => density({ local: { method: 'knn', k: 2.5 } }), isNadaraya('E_PARAM', /local\.k/));
    assert.throws(() => density({ local: { method: 'knn', k: 3, alpha: 0.5 } as unknown as LocalWidths }), isNadaraya('E_PARAM', /local\.alpha/));
    assert.throws(() => density({ local: { method: 'abramson', k: 3 } as unknown as LocalWidths }), isNadaraya('E_PARAM', /local\.k/));
    assert.throws(() => density({ local: { method: 'abramson', alpah: 0.5 } as unknown as LocalWidths }), isNadaraya('E_PARAM', /local\.alpah/));
    assert.throws(() => density({ local: { method: 'abramson', alpha: 2 } }), isNadaraya('E_PARAM', /local\.alpha/));
    assert.throws(() => density({ local: { method: 'silverman' } as unknown as LocalWidths }), isNadaraya('E_PARAM', /abramson/));
  });
});

describe('selectors with local widths: the objective is the fitted model\'s', () => {
  const rng = seededRandom(4711);
  const n = 240;
  const x = Array.from({ length: n }, () => (rng.uniform() < 0.7 ? rng.normal() : 4 + 0.3 * rng.normal()));
  const y = x.map((v) => Math.sin(v) + 0.3 * rng.normal());

  test("cv-ls with Abramson widths: the selection's objective equals the fitted model's LOO MSE, and beats its neighbours", () => {
    const model = regression({ bandwidth: 'cv-ls', local: { method: 'abramson' } }).fit(x, y);
    const h = model.bandwidth[0]!;
    assertRel(model.selection!.objective, model.leaveOneOut().mse, 1e-12, 'objective = LOO MSE of the fitted model');
    for (const f of [0.9, 1.1]) {
      const other = regression({ bandwidth: h * f, local: { method: 'abramson' } }).fit(x, y).leaveOneOut().mse;
      assert.ok(model.selection!.objective <= other, `h·${f}: ${other} < ${model.selection!.objective}`);
    }
    // the fixed-width optimum is a different width: the factors were taken into account
    const fixed = regression({ bandwidth: 'cv-ls' }).fit(x, y).bandwidth[0]!;
    assert.ok(Math.abs(fixed - h) > 1e-3 * h, `${fixed} vs ${h}`);
  });

  test("cv-ml (density) with Abramson widths: the objective is −mean LOO log-likelihood of the fitted model", () => {
    const kde = density({ bandwidth: 'cv-ml', local: { method: 'abramson' } }).fit(x);
    assertRel(kde.selection!.objective, -kde.leaveOneOut().meanLogLikelihood, 1e-12, 'cv-ml objective');
  });

  test('nothing to select: knn widths (any selector but isj) and learn with local widths are E_PARAM', () => {
    for (const bandwidth of ['cv-ls', 'aic'] as const) {
      assert.throws(() => regression({ bandwidth, local: { method: 'knn', k: 10 } }).fit(x, y),
        (e: Error & { code?: string }) => e.code === 'E_PARAM' && /nothing to select/.test(e.message), bandwidth);
    }
    assert.throws(() => regression({ bandwidth: 'learn', local: { method: 'abramson' } }).fit(x, y),
      (e: Error & { code?: string }) => e.code === 'E_PARAM' && /cannot learn widths with local widths/.test(e.message));
    // isj picks the global (pilot) width as a rule would
    assert.ok(density({ bandwidth: 'isj', local: { method: 'abramson' } }).fit(x).bandwidth[0]! > 0);
  });
});
