/**
 * The compiled Gaussian leave-one-out scan (the native addon's looScan, src/bandwidth/compiled-scan.ts)
 * against the JS scan, its oracle: regression (1 and 3 value columns), classification and density, with and
 * without weights (some 0), ties and duplicate x, odd sizes, data far from 0, on every instruction set this
 * processor runs and on 1 or 2 threads, to 1e-10 relative per objective. Then the one-width objective of the
 * refinement against the engine, the selectors' optimum against the JS path, and malformed jobs.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import '../../src/node.js';
import {
  gaussian, looLoss, makeProblem, minimiseWidths, negLooLogLikelihood, seededRandom, selectBandwidth,
} from '../../src/index.js';
import type { SelectionProblem, Task } from '../../src/index.js';
import { scanReference } from '../../src/bandwidth/rules.js';
import { compiledLooObjective, compiledScanAvailable, gaussianLooScan } from '../../src/bandwidth/gaussian-scan.js';
import { nativeBackend, nativeIsas, setNativeIsa, setNativeThreads } from '../../src/backends/native.js';

const SEED = 20261127;
const why = nativeBackend.unavailable();
const required = (process.env.NADARAYA_REQUIRE_BACKENDS ?? '').split(',').includes('native');

interface Shape { task: Task; p: number; n: number; weighted: boolean; grid: boolean; offset?: number }

/** x ~ U(0, 5) (on a grid of 0.05 when `grid`: ties and duplicates), plus an offset; weights with every 13th 0. */
function problemOf(s: Shape, seed: number): SelectionProblem {
  const rng = seededRandom(seed);
  const x = Float64Array.from({ length: s.n }, () => {
    const u = 5 * rng.uniform();
    return (s.grid ? Math.round(u * 20) / 20 : u) + (s.offset ?? 0);
  });
  let values = null;
  if (s.task === 'regression') {
    const data = new Float64Array(s.n * s.p);
    // values of the size of the noise: far from 0 only the keys are (else (y − ŷ)² itself loses the digits)
    x.forEach((v, i) => { const u = v - (s.offset ?? 0); for (let k = 0; k < s.p; k++) data[i * s.p + k] = 2 * Math.sin(u + k) + u + rng.normal(); });
    values = { data, rows: s.n, cols: s.p };
  } else if (s.task === 'classification') {
    const data = new Float64Array(s.n * s.p);
    x.forEach((v, i) => { data[i * s.p + Math.max(0, Math.min(s.p - 1, Math.floor((v - (s.offset ?? 0)) / 1.8 + 0.4 * rng.normal() + 0.2)))] = 1; });
    values = { data, rows: s.n, cols: s.p };
  }
  const weights = s.weighted ? Float64Array.from({ length: s.n }, (_, i) => (i % 13 === 5 ? 0 : 0.2 + 2 * rng.uniform())) : null;
  return makeProblem(s.task, { data: x, rows: s.n, cols: 1 }, values, weights, gaussian, 'radial');
}

const label = (s: Shape) => `${s.task}${s.p > 1 && s.task === 'regression' ? ` p=${s.p}` : ''}, n=${s.n}, ` +
  `${s.weighted ? 'weighted (some 0)' : 'unweighted'}${s.grid ? ', ties' : ''}${s.offset ? `, x + ${s.offset}` : ''}`;

function shapes(): Shape[] {
  const out: Shape[] = [];
  for (const [task, p] of [['regression', 1], ['regression', 3], ['classification', 3], ['density', 0]] as const) {
    for (const weighted of [false, true]) {
      out.push({ task, p, n: 157, weighted, grid: false });
      out.push({ task, p, n: 401, weighted, grid: true });
    }
  }
  out.push({ task: 'regression', p: 1, n: 203, weighted: true, grid: false, offset: 1e6 });
  out.push({ task: 'density', p: 0, n: 99, weighted: false, grid: true, offset: -3e4 });
  return out;
}

/** Widths h₀ · 2^(−g/2): the default scan's 23 from 8, and a deep one (45 widths from 60: long squaring chains). */
const SCANS = [
  Float64Array.from({ length: 23 }, (_, g) => 8 * 2 ** (-g / 2)),
  Float64Array.from({ length: 45 }, (_, g) => 60 * 2 ** (-g / 2)),
];

function assertClose(got: Float64Array, want: Float64Array, tol: number, what: string): void {
  assert.equal(got.length, want.length);
  want.forEach((w, g) => {
    if (!Number.isFinite(w)) { assert.equal(got[g], w, `${what}, width ${g}: ${got[g]} for ${w}`); return; }
    assert.ok(Math.abs(got[g]! - w) <= tol * Math.abs(w), `${what}, width ${g}: compiled ${got[g]}, JS ${w} (relative ${(Math.abs(got[g]! - w) / Math.abs(w)).toExponential(2)})`);
  });
}

if (why !== null) {
  test(`compiled scan skipped: ${why}`, { skip: required ? false : why }, () => {
    assert.fail(`native is required here (NADARAYA_REQUIRE_BACKENDS) but cannot load: ${why}`);
  });
} else {
  after(() => { setNativeIsa(null); setNativeThreads(null); });

  test('the compiled scan is what auto runs here (the addon loads)', () => {
    assert.equal(compiledScanAvailable(), true);
  });

  const cases = shapes().map((s, c) => ({ s, problem: problemOf(s, SEED + c) }));
  for (const { s, problem } of cases) {
    describe(`compiled scan = JS scan: ${label(s)}`, () => {
      const oracle = SCANS.map((widths) => gaussianLooScan(problem, widths, 'js'));
      for (const isa of nativeIsas()) {
        test(`${isa}, 1 and 2 threads (bit for bit between them), ≤ 1e-10 relative`, () => {
          setNativeIsa(isa);
          SCANS.forEach((widths, k) => {
            setNativeThreads(1);
            const one = gaussianLooScan(problem, widths, 'compiled');
            setNativeThreads(2);
            const two = gaussianLooScan(problem, widths, 'compiled');
            assert.deepEqual(two, one, 'threads split queries, not sums');
            assertClose(one, oracle[k]!, 1e-10, `${widths.length} widths from ${widths[0]}`);
          });
          setNativeIsa(null);
          setNativeThreads(null);
        });
      }
    });
  }

  test('tiny and degenerate problems: n = 2, 3, 5, all x equal, one positive weight (every objective +Infinity)', () => {
    const widths = SCANS[0]!;
    const reg = (x: number[], w: number[] | null = null) => makeProblem('regression', { data: Float64Array.from(x), rows: x.length, cols: 1 },
      { data: Float64Array.from(x, (v, i) => Math.cos(v) + i), rows: x.length, cols: 1 }, w && Float64Array.from(w), gaussian, 'radial');
    const problems = [reg([0, 1]), reg([0, 0.5, 3]), reg([2, 2, 2, 2, 2]), reg([0, 1, 1, 2, 9]), reg([0, 1, 2, 3, 4], [0, 0, 1, 0, 0])];
    for (const problem of problems) assertClose(gaussianLooScan(problem, widths, 'compiled'), gaussianLooScan(problem, widths, 'js'), 1e-10, `n = ${problem.n}`);
    assert.ok(gaussianLooScan(problems[4]!, widths, 'compiled').every((v) => v === Infinity), 'a lone positive weight has no estimate');
  });

  test('the refinement\'s one-width objective equals the engine\'s (looLoss, negLooLogLikelihood) to 1e-12', () => {
    for (const { s, problem } of cases.filter(({ s }) => s.n === 401)) {
      const objective = compiledLooObjective(problem);
      assert.ok(objective, `a compiled objective for ${label(s)}`);
      const engine = s.task === 'density' ? negLooLogLikelihood(problem) : looLoss(problem);
      for (const h of [0.02, 0.1, 0.4, 2, 30]) {
        const want = engine(Float64Array.of(h));
        const got = objective(Float64Array.of(h));
        if (!Number.isFinite(want)) { assert.equal(got, want, `${label(s)}, h = ${h}`); continue; }
        assert.ok(Math.abs(got - want) <= 1e-12 * Math.abs(want), `${label(s)}, h = ${h}: compiled ${got}, engine ${want}`);
      }
    }
  });

  test('cv-ls (regression, classification) and cv-ml (density): the same optimum as the JS scan with the engine\'s refinement', () => {
    for (const { s, problem } of cases.filter(({ s }) => s.n === 401)) {
      const method = s.task === 'density' ? 'cv-ml' : 'cv-ls';
      const x = { data: problem.points, rows: problem.n, cols: 1 };
      const values = problem.targets && { data: problem.targets, rows: problem.n, cols: problem.p };
      const compiled = selectBandwidth(s.task, method, x, values, problem.weights, gaussian, 'radial');
      const reference = Float64Array.of(scanReference(problem.points, 1, 0));
      const engine = s.task === 'density' ? negLooLogLikelihood(problem) : looLoss(problem);
      const js = minimiseWidths(engine, reference, {}, (widths) => gaussianLooScan(problem, widths, 'js'));
      const h = compiled.bandwidth[0]!;
      const want = js.bandwidth[0]!;
      assert.ok(Math.abs(h - want) <= 1e-6 * want, `${label(s)}: compiled path h = ${h}, JS path h = ${want}`);
      const objective = compiled.selection!.objective;
      assert.ok(Math.abs(objective - js.objective) <= 1e-10 * Math.abs(js.objective), `${label(s)}: objective ${objective} vs ${js.objective}`);
      assert.equal(compiled.selection!.evaluations, js.evaluations, 'the same search path');
    }
  });

  test('malformed jobs throw E_NATIVE instead of reading out of bounds', () => {
    const keys = Float64Array.of(0, 1, 2, 3);
    const job = {
      n: 4, p: 1, keys, weights: null, values: Float64Array.of(1, 2, 3, 4), anchor: Float64Array.of(1, 1, 1, 1),
      c0: 0.5, widths: 3, reanchor: 8, floor: 1e-300, exactAbove: 0, from: 0, to: 4,
    };
    const out = () => ({ sum: new Float64Array(12), weighted: new Float64Array(12) });
    nativeBackend.looScan(job, out());
    const bad: [object, RegExp][] = [
      [{ keys: Float64Array.of(0, 2, 1, 3) }, /ascending/],
      [{ anchor: Float64Array.of(1, 1) }, /shorter/],
      [{ values: null }, /missing/],
      [{ to: 5 }, /outside/],
      [{ c0: -1 }, /c0/],
      [{ floor: 0 }, /floor/],
      [{ widths: 0 }, /widths/],
      [{ exactAbove: 1 }, /exactAbove/],
    ];
    for (const [change, message] of bad) {
      assert.throws(() => nativeBackend.looScan({ ...job, ...change }, out()), (e: Error & { code?: string }) => e.code === 'E_NATIVE' && message.test(e.message), JSON.stringify(Object.keys(change)));
    }
    assert.throws(() => nativeBackend.looScan(job, { sum: new Float64Array(11), weighted: new Float64Array(12) }), /out\.sum/);
  });
}
