/**
 * Density selectors: likelihood cross-validation (`cv-ml`, Habbema et al. 1974) and least-squares
 * cross-validation (`cv-ls`, Rudemo 1982 / Bowman 1984, Gaussian closed form), against brute force on the
 * parity sample dens1d_train.csv (and dens2d_train.csv for cv-ml with one width per coordinate).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { density, densityLscv, gaussian, makeProblem, negLooLogLikelihood } from '../../src/index.js';
import {
  assertRel, gauss, isNadaraya, linspace, looLogDensityBrute, negLooLogLikBrute, parityColumn, parityRows, simpson,
} from './brute.js';

const x = parityColumn('dens1d_train.csv', 'x');
const xr = x.map((v) => [v]);
const n = x.length;

/** The Gaussian LSCV objective by brute force: ∫f̂² by Simpson on a fine grid of the fitted pdf, minus 2/n Σ f̂₋ᵢ(xᵢ). */
function lscvBrute(h: number): number {
  const fitted = density({ bandwidth: h }).fit(x);
  const lo = Math.min(...x) - 10 * h;
  const hi = Math.max(...x) + 10 * h;
  const m = 2 * Math.ceil((hi - lo) / (h / 40) / 2) + 1; // odd, spacing ≤ h/40
  const grid = linspace(lo, hi, m);
  const f = fitted.pdf(grid);
  const integral = simpson(f.map((v) => v * v), grid[1]! - grid[0]!);
  let cross = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) if (j !== i) s += gauss(((x[i]! - x[j]!) / h) ** 2);
    cross += s / ((n - 1) * h * Math.sqrt(2 * Math.PI));
  }
  return integral - (2 * cross) / n;
}

describe("density bandwidth: 'cv-ml' (leave-one-out likelihood)", () => {
  test('1-D: objective = −mean LOO log-likelihood = −leaveOneOut().meanLogLikelihood = brute force; locally optimal', () => {
    const fitted = density({ bandwidth: 'cv-ml' }).fit(x);
    const s = fitted.selection!;
    const h = fitted.bandwidth[0]!;
    assert.equal(s.method, 'cv-ml');
    assert.equal(fitted.bandwidthSource, 'cv-ml');
    assert.equal(s.bracketed, true);
    assertRel(s.objective, -fitted.leaveOneOut().meanLogLikelihood, 1e-12, 'objective vs −leaveOneOut().meanLogLikelihood');
    assertRel(s.objective, negLooLogLikBrute(xr, [h]), 1e-12, 'objective vs brute force');
    // the per-point LOO log densities too
    const want = looLogDensityBrute(xr, [h]);
    const got = fitted.leaveOneOut().logDensity;
    want.forEach((w, i) => assertRel(got[i]!, w, 1e-12, `log f̂₋ᵢ(xᵢ), i = ${i}`));
    for (const f of [0.9, 1.1]) {
      const v = negLooLogLikBrute(xr, [h * f]);
      assert.ok(v >= s.objective, `objective at ${f} × h (${v}) is below the chosen one (${s.objective})`);
    }
    assert.equal(s.evaluations, s.curve.length);
    assert.ok(s.curve.some((e) => e.bandwidth[0] === h && e.objective === s.objective), 'the curve holds the chosen width');
    // every curve entry (the one-pass scan included) is the exact objective at its width
    const problem = makeProblem('density', { data: Float64Array.from(x), rows: n, cols: 1 }, null, null, gaussian, 'radial');
    const exact = negLooLogLikelihood(problem);
    for (const e of s.curve) assertRel(e.objective, exact(Float64Array.from(e.bandwidth)), 1e-9, `curve entry at h = ${e.bandwidth}`);
    for (const k of [0, 10, 20]) assertRel(s.curve[k]!.objective, negLooLogLikBrute(xr, s.curve[k]!.bandwidth), 1e-9, `curve[${k}] vs brute force`);
  });

  test('a compact kernel (epanechnikov, 3/4 (1 − u²) per unit width): objective = brute force, locally optimal', () => {
    const fitted = density({ bandwidth: 'cv-ml', kernel: 'epanechnikov' }).fit(x);
    const h = fitted.bandwidth[0]!;
    const brute = (w: number) => {
      let s = 0;
      for (let i = 0; i < n; i++) {
        let f = 0;
        for (let j = 0; j < n; j++) if (j !== i) f += Math.max(0, 1 - ((x[i]! - x[j]!) / w) ** 2) * 0.75;
        s += Math.log(f / ((n - 1) * w));
      }
      return -s / n;
    };
    const s = fitted.selection!;
    assertRel(s.objective, brute(h), 1e-12, 'objective vs brute force');
    for (const f of [0.9, 1.1]) assert.ok(brute(h * f) >= s.objective, `objective lower at ${f} × h`);
    // narrow widths leave points without a neighbour: an infinite objective, never chosen
    assert.ok(s.curve.some((e) => e.objective === Infinity), 'some narrow width has no neighbour for some point');
  });

  test('2-D (dens2d_train.csv): one width per coordinate, brute-force objective, locally optimal per coordinate', () => {
    const x2 = parityRows('dens2d_train.csv', ['a', 'b']);
    const fitted = density({ bandwidth: 'cv-ml' }).fit(x2);
    const s = fitted.selection!;
    const h = Array.from(fitted.bandwidth);
    assert.equal(h.length, 2);
    assertRel(s.objective, negLooLogLikBrute(x2, h), 1e-12, 'objective vs brute force');
    assertRel(s.objective, -fitted.leaveOneOut().meanLogLikelihood, 1e-12, 'objective vs −leaveOneOut().meanLogLikelihood');
    for (const f of [0.9, 1.1]) for (const c of [0, 1]) {
      const hh = h.slice();
      hh[c]! *= f;
      assert.ok(negLooLogLikBrute(x2, hh) >= s.objective, `objective lower with h[${c}] × ${f}`);
    }
  });
});

describe("density bandwidth: 'cv-ls' (least-squares cross-validation, Gaussian)", () => {
  test('the objective equals ∫f̂² (numerical) − 2/n Σ f̂₋ᵢ(xᵢ) at the chosen width and at other widths; locally optimal', () => {
    const fitted = density({ bandwidth: 'cv-ls' }).fit(x);
    const s = fitted.selection!;
    const h = fitted.bandwidth[0]!;
    assert.equal(s.method, 'cv-ls');
    assert.equal(s.bracketed, true);
    const atH = lscvBrute(h);
    assertRel(s.objective, atH, 1e-6, 'objective vs brute force');
    assert.ok(s.objective < 0, 'an LSCV objective at a sensible width is negative (−∫f² + o(1))');
    // the closed form at other widths
    const problem = makeProblem('density', { data: Float64Array.from(x), rows: n, cols: 1 }, null, null, gaussian, 'radial');
    const objective = densityLscv(problem);
    for (const w of [0.05, 0.5, 2]) assertRel(objective(Float64Array.of(w)), lscvBrute(w), 1e-6, `closed form at h = ${w}`);
    for (const f of [0.9, 1.1]) {
      const v = lscvBrute(h * f);
      assert.ok(v >= atH, `objective at ${f} × h (${v}) is below the one at h (${atH})`);
    }
    assert.equal(s.evaluations, s.curve.length);
    assert.ok(s.curve.some((e) => e.bandwidth[0] === h && e.objective === s.objective), 'the curve holds the chosen width');
  });

  test('2-D, one width per coordinate: the objective equals the closed-form double sum written out here; locally optimal', () => {
    const x2 = parityRows('dens2d_train.csv', ['a', 'b']).slice(0, 120);
    const m = x2.length;
    // ∫f̂² = (1/n²) Σᵢⱼ φ_{√2h}(xᵢ − xⱼ) (a Gaussian convolved with itself), minus 2/n Σᵢ f̂₋ᵢ(xᵢ)
    const lscv2 = (h: number[]) => {
      let integral = 0;
      let cross = 0;
      for (let i = 0; i < m; i++) {
        let s = 0;
        for (let j = 0; j < m; j++) {
          const u2 = ((x2[i]![0]! - x2[j]![0]!) / h[0]!) ** 2 + ((x2[i]![1]! - x2[j]![1]!) / h[1]!) ** 2;
          integral += Math.exp(-u2 / 4) / (4 * Math.PI * h[0]! * h[1]!);
          if (j !== i) s += Math.exp(-u2 / 2) / (2 * Math.PI * h[0]! * h[1]!);
        }
        cross += s / (m - 1);
      }
      return integral / (m * m) - (2 * cross) / m;
    };
    const fitted = density({ bandwidth: 'cv-ls' }).fit(x2);
    const h = Array.from(fitted.bandwidth);
    assert.equal(h.length, 2);
    const s = fitted.selection!;
    assertRel(s.objective, lscv2(h), 1e-12, 'objective vs brute force');
    for (const f of [0.9, 1.1]) for (const c of [0, 1]) {
      const hh = h.slice();
      hh[c]! *= f;
      assert.ok(lscv2(hh) >= s.objective, `objective lower with h[${c}] × ${f}`);
    }
  });

  test('cv-ls for a density with the epanechnikov kernel is refused (E_PARAM), pointing to cv-ml', () => {
    assert.throws(() => density({ bandwidth: 'cv-ls', kernel: 'epanechnikov' }).fit(x), isNadaraya('E_PARAM', /cv-ml/));
  });
});
