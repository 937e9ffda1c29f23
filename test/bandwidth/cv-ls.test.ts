/**
 * Leave-one-out least-squares cross-validation (`cv-ls`) for regression and classification:
 * parity of the objective curve with ../shared/parity/cv_ls.json (statsmodels), the selector's optimum
 * against statsmodels' and against a brute-force objective, a 2-D search against statsmodels' widths and
 * a coarse grid, and the classification cross-entropy / error rate against brute force.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classifier, density, gaussian, looLoss, makeProblem, regression, seededRandom } from '../../src/index.js';
import { loadJson, repoRoot } from '../helpers/parity.js';
import {
  assertRel, logspace, looCrossEntropyBrute, looErrorRateBrute, looMseBrute, looMseBruteStable, parityLabels, parityRows, sd,
} from './brute.js';

interface CvLsFile {
  train: string; x: string[]; y: string; kernel: string;
  statsmodels_bandwidth: number[]; statsmodels_objective: number;
  objective_curve: { bandwidth: number; loo_mse: number }[];
}
const cv = loadJson<CvLsFile>('cv_ls.json');
const train1 = parityRows(cv.train, [...cv.x, cv.y]);
const x1 = train1.map((r) => [r[0]!]);
const y1 = train1.map((r) => r[1]!);
const matrixOf = (rowsIn: readonly (readonly number[])[]) =>
  ({ data: Float64Array.from(rowsIn.flat()), rows: rowsIn.length, cols: rowsIn[0]!.length });

describe('cv-ls regression: parity with statsmodels (cv_ls.json)', () => {
  const problem = makeProblem('regression', matrixOf(x1), matrixOf(y1.map((v) => [v])), null, gaussian, 'radial');
  const objective = looLoss(problem);
  const model = regression({ bandwidth: 1 }).fit(x1, y1);

  test('the objective curve: looLoss(makeProblem(...)) and leaveOneOut().mse at every listed width, to 1e-10', () => {
    assert.equal(cv.kernel, 'gaussian');
    assert.ok(cv.objective_curve.length >= 5);
    for (const { bandwidth, loo_mse } of cv.objective_curve) {
      assertRel(objective(Float64Array.of(bandwidth)), loo_mse, 1e-10, `looLoss at h = ${bandwidth}`);
      assertRel(model.withBandwidth(bandwidth).leaveOneOut().mse, loo_mse, 1e-10, `leaveOneOut().mse at h = ${bandwidth}`);
    }
    assertRel(objective(Float64Array.from(cv.statsmodels_bandwidth)), cv.statsmodels_objective, 1e-10, "looLoss at statsmodels' optimum");
  });

  test("bandwidth: 'cv-ls' finds statsmodels' minimum (objective ≤ statsmodels', width within 1e-3)", () => {
    const fitted = regression({ bandwidth: 'cv-ls' }).fit(x1, y1);
    const s = fitted.selection!;
    assert.ok(s, 'a selector fit reports its selection');
    assert.equal(fitted.bandwidthSource, 'cv-ls');
    assert.equal(s.method, 'cv-ls');
    assert.equal(s.bracketed, true);
    assert.equal(s.errorRate, undefined, 'no error rate for regression');
    assert.ok(s.objective <= cv.statsmodels_objective,
      `our objective ${s.objective} must not exceed statsmodels' ${cv.statsmodels_objective} (at h = ${cv.statsmodels_bandwidth})`);
    const h = fitted.bandwidth[0]!;
    assertRel(h, cv.statsmodels_bandwidth[0]!, 1e-3, "cv-ls width against statsmodels' cv_ls width");
    assert.equal(fitted.kernelSd[0], h, 'the Gaussian width is its standard deviation');
    // the parity curve brackets the optimum: every listed width is not better
    for (const { bandwidth, loo_mse } of cv.objective_curve) assert.ok(s.objective <= loo_mse, `objective above the curve at ${bandwidth}`);
  });

  test('selection.objective equals a brute-force LOO MSE at the chosen width; the curve holds every evaluation', () => {
    const fitted = regression({ bandwidth: 'cv-ls' }).fit(x1, y1);
    const s = fitted.selection!;
    const h = Array.from(fitted.bandwidth);
    assertRel(s.objective, looMseBrute(x1, y1, h), 1e-12, 'selection.objective vs brute force');
    assertRel(fitted.leaveOneOut().mse, s.objective, 1e-12, 'the fitted model\'s leaveOneOut().mse');
    assert.equal(s.evaluations, s.curve.length, 'evaluations === curve.length');
    const hit = s.curve.filter((e) => e.bandwidth.length === 1 && e.bandwidth[0] === h[0]);
    assert.ok(hit.length >= 1, `the curve contains the chosen width ${h[0]}`);
    assert.equal(hit[0]!.objective, s.objective, 'the curve entry of the chosen width has its objective');
    // no evaluation of the curve is better than the choice, and the choice is not repeated needlessly
    for (const e of s.curve) assert.ok(e.objective >= s.objective, `curve entry at ${e.bandwidth} (${e.objective}) beats the choice`);
    assert.equal(new Set(s.curve.map((e) => e.bandwidth.join(','))).size, s.curve.length, 'each width is evaluated once');
    // the curve is real: a few of its entries against brute force
    for (const k of [0, Math.floor(s.curve.length / 3), Math.floor((2 * s.curve.length) / 3), s.curve.length - 1]) {
      const e = s.curve[k]!;
      assertRel(e.objective, looMseBrute(x1, y1, e.bandwidth), 1e-10, `curve[${k}] at h = ${e.bandwidth}`);
    }
  });

  test('every entry of the curve is the exact objective at its width (the one-pass scan included), to 1e-9', () => {
    const s = regression({ bandwidth: 'cv-ls' }).fit(x1, y1).selection!;
    for (const e of s.curve) assertRel(e.objective, objective(Float64Array.from(e.bandwidth)), 1e-9, `curve entry at h = ${e.bandwidth}`);
  });

  test('a wider scan (selector.decades: 4) still reports the exact objective on its whole curve (1e-9)', () => {
    const s = regression({ bandwidth: 'cv-ls', selector: { decades: 4 } }).fit(x1, y1).selection!;
    let worst = { rel: 0, h: NaN, got: NaN, want: NaN };
    for (const e of s.curve) {
      const want = objective(Float64Array.from(e.bandwidth));
      const rel = Math.abs(e.objective - want) / Math.abs(want);
      if (rel > worst.rel) worst = { rel, h: e.bandwidth[0]!, got: e.objective, want };
    }
    // the engine's value is the exact one: a brute force that cannot underflow agrees with it
    assertRel(worst.want, looMseBruteStable(x1, y1, [worst.h]), 1e-12, `engine vs stable brute force at h = ${worst.h}`);
    assert.ok(worst.rel <= 1e-9,
      `curve entry at h = ${worst.h}: ${worst.got}, exact LOO MSE ${worst.want} (relative error ${worst.rel.toExponential(2)}, ` +
      `${s.evaluations} evaluations). The one-pass Gaussian scan squares each pair's term once per √2 step ` +
      '(src/bandwidth/gaussian-scan.ts gaussianLooScan, e *= e), so its rounding error grows like 2^g · 1e-16 down a scan of ' +
      'g widths: 1.6e-10 at the narrow end of the default scan of reg1d, 3e-4 here')
  });

  test('a compact kernel (epanechnikov, 1 − u²): objective = brute-force LOO MSE, locally optimal', () => {
    const fitted = regression({ bandwidth: 'cv-ls', kernel: 'epanechnikov' }).fit(x1, y1);
    const h = fitted.bandwidth[0]!;
    const brute = (w: number) => {
      let s = 0;
      for (let i = 0; i < x1.length; i++) {
        let num = 0, den = 0;
        for (let j = 0; j < x1.length; j++) {
          if (j === i) continue;
          const a = Math.max(0, 1 - ((x1[i]![0]! - x1[j]![0]!) / w) ** 2);
          num += a * y1[j]!;
          den += a;
        }
        s += (y1[i]! - num / den) ** 2;
      }
      return s / x1.length;
    };
    const s = fitted.selection!;
    assertRel(s.objective, brute(h), 1e-12, 'objective vs brute force');
    for (const f of [0.9, 1.1]) assert.ok(brute(h * f) >= s.objective, `objective lower at ${f} × h`);
    assert.ok(fitted.kernelSd[0]! < h, 'the epanechnikov SD is h/√5');
    assertRel(fitted.kernelSd[0]!, h / Math.sqrt(5), 1e-14, 'kernelSd');
  });

  test('observation weights (some of them 0): the objective is the weighted LOO MSE with weighted estimates', () => {
    const rng = seededRandom(11);
    const weights = y1.map((_, i) => (i % 17 === 3 ? 0 : 0.2 + 2 * rng.uniform()));
    const fitted = regression({ bandwidth: 'cv-ls' }).fit(x1, y1, { weights });
    const s = fitted.selection!;
    const h = Array.from(fitted.bandwidth);
    assertRel(s.objective, looMseBrute(x1, y1, h, weights), 1e-12, 'weighted objective vs brute force');
    assertRel(fitted.leaveOneOut().mse, s.objective, 1e-12, 'leaveOneOut().mse of the weighted fit');
    for (const f of [0.9, 1.1]) {
      assert.ok(looMseBrute(x1, y1, [h[0]! * f], weights) >= s.objective, `weighted objective lower at ${f} × h`);
    }
    for (const k of [0, 5, 10, 15, 20, s.curve.length - 1]) {
      const e = s.curve[k]!;
      assertRel(e.objective, looMseBrute(x1, y1, e.bandwidth, weights), 1e-9, `weighted curve[${k}] at h = ${e.bandwidth}`);
    }
  });
});

/** statsmodels' widths for a task, from test/fixtures/statsmodels/cv_2d.json. */
function statsmodelsCase(task: 'regression' | 'density'): { bandwidth: number[] } {
  const file = JSON.parse(readFileSync(join(repoRoot(), 'test', 'fixtures', 'statsmodels', 'cv_2d.json'), 'utf8')) as { cases: { task: string; bandwidth: number[] }[] };
  return file.cases.find((c) => c.task === task)!;
}

describe('cv-ls regression in 2-D (reg2d_train.csv)', () => {
  const train = parityRows('reg2d_train.csv', ['a', 'b', 'y']);
  const x = train.map((r) => [r[0]!, r[1]!]);
  const y = train.map((r) => r[2]!);
  // statsmodels KernelReg(bw='cv_ls') on the same file (test/fixtures/statsmodels/make_cv_2d.py)
  const statsmodelsWidths = statsmodelsCase('regression').bandwidth;

  test("the multi-start search is no worse than statsmodels' own cv_ls widths nor a 12 × 12 log grid", () => {
    const fitted = regression({ bandwidth: 'cv-ls' }).fit(x, y);
    const s = fitted.selection!;
    const h = Array.from(fitted.bandwidth);
    assert.equal(h.length, 2, 'one width per coordinate');
    assertRel(s.objective, looMseBrute(x, y, h), 1e-12, 'selection.objective vs brute force');
    assert.equal(s.evaluations, s.curve.length);
    assert.ok(s.curve.some((e) => e.bandwidth[0] === h[0] && e.bandwidth[1] === h[1] && e.objective === s.objective),
      'the curve contains the chosen widths');
    assert.equal(statsmodelsWidths.length, 2);
    const atStatsmodels = looMseBrute(x, y, statsmodelsWidths);
    assert.ok(s.objective <= atStatsmodels, `objective ${s.objective} above the one at statsmodels' widths ${statsmodelsWidths} (${atStatsmodels})`);

    const problem = makeProblem('regression', matrixOf(x), matrixOf(y.map((v) => [v])), null, gaussian, 'radial');
    const objective = looLoss(problem);
    const sds = [0, 1].map((c) => sd(x.map((r) => r[c]!)));
    const grids = sds.map((v) => logspace(0.02 * v, 2 * v, 12));
    let best = Infinity;
    let bestAt: number[] = [];
    for (const a of grids[0]!) for (const b of grids[1]!) {
      const v = objective(Float64Array.of(a, b));
      if (v < best) { best = v; bestAt = [a, b]; }
    }
    assert.ok(s.objective <= best, `objective ${s.objective} at ${h} is worse than the grid's best ${best} at ${bestAt}`);
    // and the grid's best is a real LOO MSE
    assertRel(best, looMseBrute(x, y, bestAt), 1e-10, 'grid best vs brute force');
  });
});

describe("cv-ml density in 2-D (dens2d_train.csv) against statsmodels' KDEMultivariate(bw='cv_ml')", () => {
  test("ours is no worse than statsmodels' widths, scored by the same exact leave-one-out likelihood", () => {
    const x = parityRows('dens2d_train.csv', ['a', 'b']);
    const fitted = density({ bandwidth: 'cv-ml' }).fit(x);
    const s = fitted.selection!;
    assertRel(s.objective, -fitted.leaveOneOut().meanLogLikelihood, 1e-12, 'objective = −mean LOO log-likelihood');
    const sm = statsmodelsCase('density').bandwidth;
    const atStatsmodels = -density({ bandwidth: sm }).fit(x).leaveOneOut().meanLogLikelihood;
    assert.ok(s.objective <= atStatsmodels + 1e-12, `ours ${s.objective} at ${Array.from(fitted.bandwidth)}, statsmodels' ${atStatsmodels} at ${sm}`);
    // the two optima are the same optimum (statsmodels' Nelder–Mead stops at its own tolerance)
    fitted.bandwidth.forEach((h, c) => assert.ok(Math.abs(h - sm[c]!) <= 0.02 * h, `column ${c}: ${h} vs statsmodels ${sm[c]}`));
  });
});

describe('cv-ls classification (cls2d_train.csv): leave-one-out cross-entropy', () => {
  test('1-D (first coordinate only): objective, curve and error rate against brute force; locally optimal', () => {
    const x = parityRows('cls2d_train.csv', ['a']);
    const names = parityLabels('cls2d_train.csv', 'label');
    const fitted = classifier({ bandwidth: 'cv-ls' }).fit(x, names);
    const classes = [...fitted.classes] as string[];
    const labels = names.map((l) => classes.indexOf(l));
    const s = fitted.selection!;
    const h = fitted.bandwidth[0]!;
    assertRel(s.objective, looCrossEntropyBrute(x, labels, 3, [h]), 1e-12, 'objective vs brute force');
    assertRel(s.errorRate!, looErrorRateBrute(x, labels, 3, [h]), 1e-15, 'errorRate vs brute force');
    assert.equal(s.bracketed, true);
    for (const f of [0.9, 1.1]) assert.ok(looCrossEntropyBrute(x, labels, 3, [h * f]) >= s.objective, `lower at ${f} × h`);
    for (const k of [0, 4, 8, 12, 16, 20, 24, s.curve.length - 1]) {
      const e = s.curve[k]!;
      assertRel(e.objective, looCrossEntropyBrute(x, labels, 3, e.bandwidth), 1e-9, `curve[${k}] at h = ${e.bandwidth}`);
    }
  });

  const x = parityRows('cls2d_train.csv', ['a', 'b']);
  const names = parityLabels('cls2d_train.csv', 'label');
  const file = loadJson<{ bandwidth: number[]; classes: string[]; loo_probabilities: number[][] }>('cls2d.json');

  test('selection.objective equals the brute-force LOO cross-entropy and is ≤ the one at [0.5, 0.5]; errorRate = 1 − accuracy', () => {
    const fitted = classifier({ bandwidth: 'cv-ls' }).fit(x, names);
    const classes = [...fitted.classes] as string[];
    const labels = names.map((l) => classes.indexOf(l));
    const C = classes.length;
    const s = fitted.selection!;
    const h = Array.from(fitted.bandwidth);
    assert.equal(s.method, 'cv-ls');
    assert.equal(fitted.bandwidthSource, 'cv-ls');
    assertRel(s.objective, looCrossEntropyBrute(x, labels, C, h), 1e-12, 'selection.objective vs brute-force cross-entropy');
    const loo = fitted.leaveOneOut();
    assertRel(loo.crossEntropy, s.objective, 1e-12, 'leaveOneOut().crossEntropy at the chosen widths');

    // the peer's LOO probabilities at [0.5, 0.5] give the cross-entropy there independently of this library
    assert.deepEqual(file.bandwidth, [0.5, 0.5]);
    assert.deepEqual(file.classes, classes);
    let peer = 0;
    labels.forEach((l, i) => { peer -= Math.log(file.loo_probabilities[i]![l]!); });
    peer /= labels.length;
    assertRel(looCrossEntropyBrute(x, labels, C, [0.5, 0.5]), peer, 1e-9, 'brute-force cross-entropy at [0.5, 0.5] vs the peer');
    assert.ok(s.objective <= peer, `objective ${s.objective} above the cross-entropy at [0.5, 0.5] (${peer})`);

    assert.equal(typeof s.errorRate, 'number');
    assertRel(s.errorRate!, 1 - loo.accuracy, 1e-15, 'errorRate vs 1 − leaveOneOut().accuracy');
    assertRel(s.errorRate!, looErrorRateBrute(x, labels, C, h), 1e-15, 'errorRate vs brute force');
    assert.equal(s.evaluations, s.curve.length);
    assert.ok(s.curve.some((e) => e.bandwidth[0] === h[0] && e.bandwidth[1] === h[1] && e.objective === s.objective),
      'the curve contains the chosen widths');
    for (const f of [0.9, 1.1]) for (const c of [0, 1]) {
      const hh = h.slice();
      hh[c]! *= f;
      assert.ok(looCrossEntropyBrute(x, labels, C, hh) >= s.objective, `cross-entropy lower with h[${c}] × ${f}`);
    }
  });
});
