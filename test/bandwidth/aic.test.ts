/**
 * `aic`: the AIC_c of Hurvich, Simonoff and Tsai (1998) for the Nadaraya–Watson smoother, as statsmodels'
 * KernelReg.aic_hurvich: AIC_c = log σ̂² + (1 + tr H/n) / (1 − (tr H + 2)/n), σ̂² = (1/n) Σ (yᵢ − (Hy)ᵢ)².
 * Checked against the full smoother matrix H built here with plain loops.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { aicc, gaussian, makeProblem, regression } from '../../src/index.js';
import { assertRel, gauss, parityRows, scaledDist2 } from './brute.js';
import type { Rows } from './brute.js';

/** AIC_c from the dense smoother matrix H (Gaussian kernel); +Infinity where 1 − (tr H + 2)/n ≤ 0. */
function aiccBrute(x: Rows, y: readonly number[], h: readonly number[]): { aicc: number; trace: number; sigma2: number } {
  const n = x.length;
  const H: number[][] = x.map((xi) => {
    const row = x.map((xj) => gauss(scaledDist2(xi, xj, h)));
    const s = row.reduce((a, b) => a + b, 0);
    return row.map((v) => v / s);
  });
  let trace = 0;
  let rss = 0;
  for (let i = 0; i < n; i++) {
    trace += H[i]![i]!;
    let yhat = 0;
    for (let j = 0; j < n; j++) yhat += H[i]![j]! * y[j]!;
    rss += (y[i]! - yhat) ** 2;
  }
  const sigma2 = rss / n;
  const denom = 1 - (trace + 2) / n;
  return { aicc: denom > 0 ? Math.log(sigma2) + (1 + trace / n) / denom : Infinity, trace, sigma2 };
}

const matrixOf = (r: Rows) => ({ data: Float64Array.from(r.flat()), rows: r.length, cols: r[0]!.length });

describe("bandwidth: 'aic' (AIC_c, Hurvich, Simonoff & Tsai 1998)", () => {
  const t1 = parityRows('reg1d_train.csv', ['x', 'y']);
  const x1 = t1.map((r) => [r[0]!]);
  const y1 = t1.map((r) => r[1]!);

  test('the objective equals a brute-force smoother-matrix AIC_c at several widths (1-D), to 1e-12', () => {
    const objective = aicc(makeProblem('regression', matrixOf(x1), matrixOf(y1.map((v) => [v])), null, gaussian, 'radial'));
    for (const h of [1e-4, 0.03, 0.1, 0.27, 0.6, 2, 10]) {
      const want = aiccBrute(x1, y1, [h]);
      assert.ok(Number.isFinite(want.aicc), `brute force finite at ${h}`);
      assertRel(objective(Float64Array.of(h)), want.aicc, 1e-12, `AIC_c at h = ${h} (tr H = ${want.trace.toFixed(3)})`);
    }
    // a width so narrow that tr H + 2 ≥ n: the criterion is undefined, reported as +Infinity
    const narrow = aiccBrute(x1, y1, [1e-6]);
    assert.ok(narrow.trace + 2 >= x1.length, `tr H = ${narrow.trace} at h = 1e-6`);
    assert.equal(objective(Float64Array.of(1e-6)), Infinity);
  });

  test('the objective equals brute force with one width per coordinate (2-D)', () => {
    const t2 = parityRows('reg2d_train.csv', ['a', 'b', 'y']).slice(0, 200);
    const x2 = t2.map((r) => [r[0]!, r[1]!]);
    const y2 = t2.map((r) => r[2]!);
    const objective = aicc(makeProblem('regression', matrixOf(x2), matrixOf(y2.map((v) => [v])), null, gaussian, 'radial'));
    for (const h of [[0.3, 0.9], [0.2, 2], [1, 0.5]]) {
      assertRel(objective(Float64Array.from(h)), aiccBrute(x2, y2, h).aicc, 1e-12, `AIC_c at h = ${h}`);
    }
  });

  test('a row of weight 0 changes nothing: the same AIC_c and the same chosen width', () => {
    // elsewhere (cv-ls, cv-ml, leaveOneOut().mse) a zero weight means the row is absent
    const xz = [...x1, [2.5]];
    const yz = [...y1, 100];
    const wz = Float64Array.from(xz, (_, i) => (i < x1.length ? 1 : 0));
    const plain = aicc(makeProblem('regression', matrixOf(x1), matrixOf(y1.map((v) => [v])), null, gaussian, 'radial'));
    const zero = aicc(makeProblem('regression', matrixOf(xz), matrixOf(yz.map((v) => [v])), wz, gaussian, 'radial'));
    const at = (f: (h: Float64Array) => number) => [0.1, 0.27, 1].map((h) => f(Float64Array.of(h)));
    const [a, b] = [at(plain), at(zero)];
    const fitPlain = regression({ bandwidth: 'aic' }).fit(x1, y1).bandwidth[0]!;
    const fitZero = regression({ bandwidth: 'aic' }).fit(xz, yz, { weights: wz }).bandwidth[0]!;
    assert.ok(a.every((v, i) => Math.abs(v - b[i]!) <= 1e-12 * Math.abs(v)) && Math.abs(fitZero / fitPlain - 1) < 1e-3,
      `adding the row (x = 2.5, y = 100) with weight 0 changes AIC_c at h = 0.1, 0.27, 1 from ${a} to ${b}, and the aic width ` +
      `from ${fitPlain} to ${fitZero}: src/bandwidth/objectives.ts aicc weights the smoother but not σ̂² = rss/(n·p) (every row's ` +
      'residual, unweighted) nor n')
  });

  test("regression({ bandwidth: 'aic' }): objective = brute force at the chosen width, locally optimal", () => {
    const fitted = regression({ bandwidth: 'aic' }).fit(x1, y1);
    const s = fitted.selection!;
    const h = fitted.bandwidth[0]!;
    assert.equal(s.method, 'aic');
    assert.equal(fitted.bandwidthSource, 'aic');
    assert.equal(s.bracketed, true);
    assertRel(s.objective, aiccBrute(x1, y1, [h]).aicc, 1e-12, 'selection.objective vs brute force');
    for (const f of [0.9, 1.1]) {
      const v = aiccBrute(x1, y1, [h * f]).aicc;
      assert.ok(v >= s.objective, `AIC_c at ${f} × h (${v}) is below the chosen one (${s.objective})`);
    }
    assert.equal(s.evaluations, s.curve.length);
    assert.ok(s.curve.some((e) => e.bandwidth[0] === h && e.objective === s.objective), 'the curve holds the chosen width');
  });
});
