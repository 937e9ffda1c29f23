/**
 * isjBandwidth: parity with the independent NumPy/SciPy implementation in test/fixtures/isj/make_isj.py
 * (isj.json), then properties of the width (normal reference on normal data, below Silverman on a
 * bimodal sample, shift invariance, scale equivariance, weights as repeated points) and bad input.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isjBandwidth } from '../../src/bandwidth/isj.js';
import { ruleOfThumb } from '../../src/bandwidth/rules.js';
import { NadarayaError } from '../../src/errors.js';
import { seededRandom } from '../../src/data/random.js';
import { repoRoot } from '../helpers/parity.js';


interface IsjCase {
  name: string; note: string; gridSize: number; x: number[]; weights?: number[];
  bandwidth: number | null; t: number | null; range: number; N: number;
}
const fixture = JSON.parse(readFileSync(join(repoRoot(), 'test', 'fixtures', 'isj', 'isj.json'), 'utf8')) as { cases: IsjCase[] };
const byName = (name: string) => fixture.cases.find((c) => c.name === name)!;

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
const h = (x: ArrayLike<number>, weights?: ArrayLike<number>) => isjBandwidth(x, { weights: weights ?? null }).bandwidth;
const isDataError = (pattern: RegExp) => (e: unknown) => e instanceof NadarayaError && e.code === 'E_DATA' && pattern.test(e.message);
const normals = (n: number, seed: number) => { const r = seededRandom(seed); return Float64Array.from({ length: n }, () => r.normal()); };

describe('isjBandwidth: parity with make_isj.py (NumPy/SciPy)', () => {
  let worst = 0, worstName = '';
  after(() => console.log(`isj parity: largest relative difference ${worst.toExponential(2)} (${worstName})`));
  for (const c of fixture.cases) {
    test(`${c.name} (${c.note})`, () => {
      const options = { weights: c.weights ?? null, gridSize: c.gridSize };
      if (c.bandwidth === null) {
        assert.throws(() => isjBandwidth(c.x, options), isDataError(/^x: has no ISJ fixed point/));
        return;
      }
      const got = isjBandwidth(c.x, options);
      const d = rel(got.bandwidth, c.bandwidth);
      if (d > worst) { worst = d; worstName = c.name; }
      assert.ok(d <= 1e-10, `${c.name}: got ${got.bandwidth}, want ${c.bandwidth} (relative ${d})`);
      assert.ok(Number.isInteger(got.evaluations) && got.evaluations >= 3 && got.evaluations < 200, `evaluations ${got.evaluations}`);
    });
  }
});

describe('isjBandwidth: properties', () => {
  for (const n of [1e4, 1e5]) {
    test(`normal data, n = ${n}: within 15% of the normal reference 1.06 σ n^(−1/5)`, () => {
      const x = normals(n, 42 + n);
      const ratio = h(x) / ruleOfThumb(x, 'normal-reference');
      assert.ok(Math.abs(ratio - 1) < 0.15, `ratio ${ratio}`);
    });
  }

  test('bimodal samples: narrower than Silverman\'s rule', () => {
    for (const name of ['bimodal dens1d_train.csv', 'bimodal n=2000']) {
      const x = byName(name).x;
      const isj = h(x), silverman = ruleOfThumb(x, 'silverman');
      assert.ok(isj < 0.8 * silverman, `${name}: ISJ ${isj}, Silverman ${silverman}`);
    }
  });

  test('invariant to shifting and reordering the data, equivariant to scaling and reflecting it', () => {
    const x = byName('bimodal n=2000').x, base = h(x);
    assert.ok(rel(h(x.map((v) => v + 12.5)), base) < 1e-9, 'shift by 12.5');
    assert.ok(rel(h(x.map((v) => v - 1000)), base) < 1e-7, 'shift by −1000');
    assert.ok(rel(h([...x].reverse()), base) < 1e-12, 'reversed order');
    assert.equal(h(x.map((v) => 2 * v)), 2 * base, 'scale by 2 (exact in binary)');
    assert.ok(rel(h(x.map((v) => 3.7 * v)), 3.7 * base) < 1e-9, 'scale by 3.7');
    assert.ok(rel(h(x.map((v) => -v)), base) < 1e-9, 'reflection');
  });

  test('integer weights equal repeated points; scaling the weights changes nothing', () => {
    const r = seededRandom(5);
    const x = Array.from({ length: 300 }, (_, i) => (i % 3 ? r.normal() : 4 + 0.5 * r.normal()));
    const w = x.map(() => Math.floor(4 * r.uniform())); // 0…3, zeros drop the point
    const repeated = x.flatMap((v, i) => Array.from({ length: w[i]! }, () => v));
    const weighted = h(x, w);
    assert.ok(rel(weighted, h(repeated)) < 1e-9, `weighted ${weighted}, repeated ${h(repeated)}`);
    assert.ok(rel(h(x, w.map((v) => 0.37 * v)), weighted) < 1e-12, 'weights × 0.37');
    assert.ok(rel(h(x, w.map(() => 2.5)), h(x)) < 1e-12, 'equal weights = no weights');
  });

  test('every value repeated twice: the same width (ties count once, as in Botev\'s kde.m)', () => {
    const x = byName('normal n=1000').x;
    assert.ok(rel(h([...x, ...x]), h(x)) < 1e-9);
  });

  test('a finer grid changes the width little', () => {
    const x = byName('normal n=1000').x;
    const fine = h(x), coarse = isjBandwidth(x, { gridSize: 2 ** 12 }).bandwidth;
    assert.ok(rel(coarse, fine) < 1e-4, `2^12: ${coarse}, 2^14: ${fine}`);
  });
});

describe('isjBandwidth: bad input', () => {
  test('too few points, NaN, ±Inf and constant data: E_DATA naming x and the value', () => {
    assert.throws(() => isjBandwidth([1]), isDataError(/^x: the ISJ bandwidth needs at least 2 points; got 1\.$/));
    assert.throws(() => isjBandwidth([]), isDataError(/got 0\.$/));
    assert.throws(() => isjBandwidth([0, 1, 2, NaN]), isDataError(/^x\[row 3\]: must be a finite number; got NaN\.$/));
    assert.throws(() => isjBandwidth([0, Infinity]), isDataError(/^x\[row 1\]: .*got Infinity\.$/));
    assert.throws(() => isjBandwidth([0, -Infinity, 1]), isDataError(/got -Infinity\.$/));
    assert.throws(() => isjBandwidth([2, 2, 2]), isDataError(/^x: is constant .*; got 2\.$/));
    assert.throws(() => isjBandwidth([1, 2, 3], { weights: [0, 5, 0] }), isDataError(/^x: is constant .*; got 2\.$/));
  });

  test('bad weights: E_DATA naming weights', () => {
    assert.throws(() => isjBandwidth([1, 2, 3], { weights: [1, 1] }), isDataError(/^weights: must have one weight per point of x \(3\); got 2\.$/));
    assert.throws(() => isjBandwidth([1, 2, 3], { weights: [1, -1, 1] }), isDataError(/^weights\[row 1\]: must be a finite number ≥ 0; got -1\.$/));
    assert.throws(() => isjBandwidth([1, 2, 3], { weights: [1, NaN, 1] }), isDataError(/^weights\[row 1\]: .*got NaN\.$/));
    assert.throws(() => isjBandwidth([1, 2, 3], { weights: [0, 0, 0] }), isDataError(/^weights: must not all be 0; got 0\.$/));
  });

  test('bad options: E_PARAM', () => {
    const isParam = (pattern: RegExp) => (e: unknown) => e instanceof NadarayaError && e.code === 'E_PARAM' && pattern.test(e.message);
    assert.throws(() => isjBandwidth([1, 2, 3], { gridSize: 1000 }), isParam(/^gridSize: must be a power of two from 16 to 2\^24; got 1000\.$/));
    assert.throws(() => isjBandwidth([1, 2, 3], { gridSize: 8 }), isParam(/got 8\.$/));
    assert.throws(() => isjBandwidth([1, 2, 3], { gridsize: 1024 } as never), isParam(/did you mean "gridSize"/));
  });

  test('no fixed point (a handful of points): E_DATA suggesting a rule of thumb', () => {
    assert.throws(() => isjBandwidth([0.3, -1.2, 0.8, 2.0, -0.4]), isDataError(/no ISJ fixed point .*rule of thumb/));
  });
});

test("density({ bandwidth: 'isj' }).selection: the fixed point's residual as the objective, every evaluation on the curve", async () => {
  const { density } = await import('../../src/index.js');
  const r = seededRandom(1);
  const x = Array.from({ length: 1000 }, (_, i) => (i % 2 ? -1 + 0.5 * r.normal() : 2 + r.normal()));
  const model = density({ bandwidth: 'isj' }).fit(x);
  const s = model.selection!;
  assert.equal(s.method, 'isj');
  assert.ok(Math.abs(s.objective) < 1e-15, `residual ${s.objective}`);
  assert.equal(s.curve.length, s.evaluations);
  // the root finder ends at the chosen width, and brackets it: residuals of both signs were seen
  assert.ok(Math.abs(s.curve.at(-1)!.bandwidth[0]! - model.bandwidth[0]!) <= 1e-12 * model.bandwidth[0]!);
  assert.ok(s.curve.some((e) => e.objective < 0) && s.curve.some((e) => e.objective > 0));
  assert.equal(model.bandwidth[0], isjBandwidth(x).bandwidth);
});
