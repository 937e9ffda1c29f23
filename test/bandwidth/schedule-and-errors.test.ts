/**
 * The width schedule h(n) = h₀ (n/n₀)^(−1/(d+4)) and consistency (the chapter's exercise 4), bad input
 * to the selectors, and a search that does not bracket its optimum.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CHAPTER_SEED, chapterData, chapterFunction, classifier, density, regression, widthSchedule,
} from '../../src/index.js';
import { assertRel, gauss, isNadaraya, looMseBrute } from './brute.js';

describe('widthSchedule', () => {
  test('equals h₀ · (n/n₀)^(−1/(d+4)), d = 1 by default', () => {
    for (const [h0, n0, n, d] of [[0.5, 40, 4000, 1], [0.5, 40, 400, 2], [1.3, 100, 50, 3], [0.2, 10, 10, 1], [2, 7, 7e6, 5]] as const) {
      assertRel(widthSchedule(h0, n0, n, d), h0 * (n / n0) ** (-1 / (d + 4)), 1e-15, `widthSchedule(${h0}, ${n0}, ${n}, ${d})`);
    }
    assertRel(widthSchedule(0.5, 40, 4000), 0.5 * 100 ** -0.2, 1e-15, 'default d = 1');
    assert.ok(Math.abs(widthSchedule(0.5, 40, 4000) - 0.199) < 5e-4, 'the documented example ≈ 0.199');
    assert.equal(widthSchedule(0.7, 123, 123, 2), 0.7);
  });

  test('consistency on the chapter function: the scheduled width keeps improving, a fixed σ = 1 hits its bias floor', () => {
    const f = chapterFunction;
    // the bias floor of σ = 1: the population smoother ∫f φ / ∫φ over x ~ U(0, 5) (Simpson), against f
    const population = (q: number) => {
      const m = 2001;
      let a = 0, b = 0;
      for (let i = 0; i < m; i++) {
        const x = (5 * i) / (m - 1);
        const w = i === 0 || i === m - 1 ? 1 : i % 2 ? 4 : 2;
        a += w * f(x) * gauss((q - x) ** 2);
        b += w * gauss((q - x) ** 2);
      }
      return a / b;
    };
    const queries = chapterData(CHAPTER_SEED, 40).xQuery;
    const floor = Array.from(queries).reduce((s, q) => s + (population(q) - f(q)) ** 2, 0) / queries.length;
    const mse = (n: number, h: number) => {
      const data = chapterData(CHAPTER_SEED, n);
      const p = regression({ bandwidth: h }).fit(data.xTrain, data.yTrain).predict(data.xQuery);
      return p.reduce((s, v, i) => s + (v - data.yTrue[i]!) ** 2, 0) / p.length;
    };
    const ns = [40, 400, 4000];
    const scheduled = ns.map((n) => mse(n, widthSchedule(0.5, 40, n)));
    const fixed = ns.map((n) => mse(n, 1));
    assert.ok(scheduled[1]! < scheduled[0]! && scheduled[2]! < scheduled[1]!, `scheduled-width MSE ${scheduled} must decrease with n`);
    assert.ok(scheduled[2]! < 0.1 * floor, `scheduled MSE at n = 4000 (${scheduled[2]}) far below σ = 1's bias floor (${floor})`);
    assert.ok(fixed[2]! > 0.9 * fixed[1]!, `σ = 1 stops improving: MSE ${fixed}`);
    assertRel(fixed[2]!, floor, 0.1, 'σ = 1 at n = 4000 sits on its bias floor');
  });
});

describe('selectors: bad input', () => {
  test('fewer than 2 points → E_DATA, for every selector and task', () => {
    for (const bandwidth of ['cv-ls', 'aic', 'learn'] as const) {
      assert.throws(() => regression({ bandwidth }).fit([1], [2]), isNadaraya('E_DATA', /at least 2 points/), `regression ${bandwidth}`);
    }
    assert.throws(() => classifier({ bandwidth: 'cv-ls' }).fit([[1, 2]], ['a']), isNadaraya('E_DATA', /at least 2 points/));
    for (const bandwidth of ['cv-ml', 'cv-ls'] as const) {
      assert.throws(() => density({ bandwidth }).fit([1]), isNadaraya('E_DATA', /at least 2 points/), `density ${bandwidth}`);
    }
  });

  test('a constant x column → E_DATA naming the column (never a zero width)', () => {
    const y = [1, 2, 3, 4, 6];
    assert.throws(() => regression({ bandwidth: 'cv-ls' }).fit([3, 3, 3, 3, 3], y), isNadaraya('E_DATA', /constant/));
    const x2 = [[0, 5], [1, 5], [2, 5], [3.5, 5], [4, 5]];
    for (const bandwidth of ['cv-ls', 'aic', 'learn'] as const) {
      assert.throws(() => regression({ bandwidth }).fit(x2, y), (e: unknown) => {
        isNadaraya('E_DATA', /constant/)(e);
        assert.equal((e as { column?: number }).column, 1, 'the constant column is named');
        return true;
      }, bandwidth);
    }
    assert.throws(() => density({ bandwidth: 'cv-ml' }).fit(x2), isNadaraya('E_DATA', /constant/));
    assert.throws(() => classifier({ bandwidth: 'cv-ls' }).fit(x2, ['a', 'b', 'a', 'b', 'a']), isNadaraya('E_DATA', /constant/));
  });

  test('a selector of another task → E_PARAM naming the selectors of this task', () => {
    const x = [0, 1, 2, 3.5, 4];
    assert.throws(() => regression({ bandwidth: 'cv-ml' }).fit(x, x), isNadaraya('E_PARAM', /use one of cv-ls, aic, learn\b/));
    assert.throws(() => regression({ bandwidth: 'isj' }).fit(x, x), isNadaraya('E_PARAM', /use one of cv-ls, aic, learn\b/));
    assert.throws(() => classifier({ bandwidth: 'aic' }).fit(x, ['a', 'b', 'a', 'b', 'a']), isNadaraya('E_PARAM', /use one of cv-ls, learn\b/));
    assert.throws(() => density({ bandwidth: 'aic' }).fit(x), isNadaraya('E_PARAM', /use one of cv-ml, cv-ls, isj\b/));
  });

  test('an unknown selector option → E_PARAM at construction, suggesting the known one', () => {
    assert.throws(() => regression({ bandwidth: 'cv-ls', selector: { iteration: 5 } as never }),
      isNadaraya('E_PARAM', /selector\.iteration.*did you mean "iterations"/));
    assert.throws(() => density({ bandwidth: 'cv-ml', selector: { tolerence: 1e-3 } as never }), isNadaraya('E_PARAM', /did you mean "tolerance"/));
  });
});

describe('a search that does not bracket its optimum', () => {
  // y alternates on equally spaced x: a neighbour always has the opposite sign, so every finite width
  // predicts worse than the mean of the others, and the LOO MSE falls all the way to h → ∞
  const n = 50;
  const x = Array.from({ length: n }, (_, i) => i);
  const y = x.map((i) => (i % 2 ? 1 : -1));
  const xr = x.map((v) => [v]);

  test('the alternating data: the brute-force LOO MSE falls monotonically with h toward (n/(n−1))²', () => {
    const hs = [0.5, 1, 2, 5, 20, 100, 1000, 1e4];
    const v = hs.map((h) => looMseBrute(xr, y, [h]));
    for (let k = 1; k < v.length; k++) assert.ok(v[k]! < v[k - 1]!, `LOO MSE ${v} at h = ${hs}`);
    assertRel(v[v.length - 1]!, (n / (n - 1)) ** 2, 1e-6, 'the limit: each point predicted by the mean of the others');
  });

  test('a scan that cannot widen (widen: 0): bracketed false, one warning, the widest width chosen', () => {
    const warnings: string[] = [];
    const fitted = regression({ bandwidth: 'cv-ls', selector: { widen: 0, decades: 1 }, onWarning: (m) => warnings.push(m) }).fit(x, y);
    const s = fitted.selection!;
    assert.equal(s.bracketed, false);
    assert.equal(warnings.length, 1, `one warning, got ${JSON.stringify(warnings)}`);
    assert.match(warnings[0]!, /cv-ls/);
    const h = fitted.bandwidth[0]!;
    const widest = Math.max(...s.curve.map((e) => e.bandwidth[0]!));
    assertRel(h, widest, 1e-12, 'the chosen width is the edge of the scan');
    assertRel(s.objective, looMseBrute(xr, y, [h]), 1e-12, 'objective at the edge vs brute force');
  });

  test('with the default scan, an optimum at h → ∞ is reported: bracketed false and one warning', () => {
    const warnings: string[] = [];
    const fitted = regression({ bandwidth: 'cv-ls', onWarning: (m) => warnings.push(m) }).fit(x, y);
    const s = fitted.selection!;
    const sorted = [...s.curve].sort((a, b) => a.bandwidth[0]! - b.bandwidth[0]!);
    const best = Math.min(...sorted.map((e) => e.objective));
    const flatFrom = sorted.find((e) => e.objective === best)!.bandwidth[0]!;
    const edge = sorted[sorted.length - 1]!;
    assert.ok(s.bracketed === false && warnings.length === 1,
      `the LOO MSE of this data falls all the way to h → ∞, yet cv-ls reports bracketed = ${s.bracketed} with ` +
      `${warnings.length} warnings and h = ${fitted.bandwidth[0]} (objective ${s.objective}, ${s.evaluations} evaluations). ` +
      `The objective falls like 1/h² and reaches its limit (n/(n−1))² to the last bit at h = ${flatFrom.toPrecision(4)}; from there ` +
      `it is exactly flat up to the widest scan edge h = ${edge.bandwidth[0]!.toPrecision(4)} (objective ${edge.objective}), and argmin ` +
      'in src/bandwidth/search.ts breaks ties toward the narrower width, so the flat tail counts as an interior minimum');
  });

  test('a plateau of optima toward h → 0 (y linear in equally spaced x): the widest width of the plateau, bracketed, no warning', () => {
    const warnings: string[] = [];
    const lin = x.map((v) => 2 * v + 1);
    const fitted = regression({ bandwidth: 'cv-ls', onWarning: (m) => warnings.push(m) }).fit(x, lin);
    const s = fitted.selection!;
    // interior points are predicted exactly by their two symmetric neighbours; the two end points by their
    // nearest neighbour only as h → 0: LOO MSE → 2 · 2² / n, flat from the narrowest width up to a knee
    assertRel(s.objective, (2 * 4) / n, 1e-9, 'objective on the plateau');
    assert.equal(s.bracketed, true);
    assert.equal(warnings.length, 0, warnings.join('; '));
    const h = fitted.bandwidth[0]!;
    // the plateau's widest scanned width (objective equal to the minimum to 1e-12) bounds the choice
    const plateau = s.curve.filter((e) => e.objective <= s.objective * (1 + 1e-12)).map((e) => e.bandwidth[0]!);
    const narrowest = Math.min(...s.curve.map((e) => e.bandwidth[0]!));
    assert.ok(h >= Math.max(...plateau) / Math.SQRT2, `the chosen width ${h} should be near the wide end of the plateau (${Math.max(...plateau)}), not its narrow edge ${narrowest}`);
    // wider than the chosen width, the objective rises
    const wider = regression({ bandwidth: h * 1.5 }).fit(x, lin).leaveOneOut().mse;
    assert.ok(wider > s.objective * (1 + 1e-9), `objective at 1.5 h = ${wider} should exceed ${s.objective}`);
  });
});
