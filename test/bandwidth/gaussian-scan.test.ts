/**
 * The one-pass Gaussian scan must give the same leave-one-out objectives as evaluating the engine at
 * each width (it is the fast path; `looLoss` / `negLooLogLikelihood` are its oracle).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gaussian, gaussianLooScan, looLoss, makeProblem, negLooLogLikelihood, seededRandom } from '../../src/index.js';
import type { Task } from '../../src/index.js';

const SEED = 20261125;

function data(n: number, task: Task, weighted: boolean) {
  const rng = seededRandom(SEED + n);
  const x = Float64Array.from({ length: n }, () => 5 * rng.uniform());
  let values = null;
  if (task === 'regression') values = { data: x.map((v) => 2 * Math.sin(v) + v + rng.normal()), rows: n, cols: 1 };
  if (task === 'classification') {
    const data = new Float64Array(n * 3);
    x.forEach((v, i) => { data[i * 3 + Math.max(0, Math.min(2, Math.floor(v / 1.8 + 0.4 * rng.normal() + 0.2)))] = 1; });
    values = { data, rows: n, cols: 3 };
  }
  const weights = weighted ? Float64Array.from({ length: n }, () => 0.2 + 2 * rng.uniform()) : null;
  return makeProblem(task, { data: x, rows: n, cols: 1 }, values, weights, gaussian, 'radial');
}

for (const task of ['regression', 'classification', 'density'] as const) {
  for (const weighted of [false, true]) {
    test(`gaussian scan = engine at every width: ${task}, ${weighted ? 'weighted' : 'unweighted'} (seed ${SEED})`, () => {
      const problem = data(157, task, weighted);
      const widths = Float64Array.from({ length: 23 }, (_, g) => 8 * 2 ** (-g / 2));
      const fast = gaussianLooScan(problem, widths);
      const oracle = task === 'density' ? negLooLogLikelihood(problem) : looLoss(problem);
      widths.forEach((h, g) => {
        const want = oracle(Float64Array.of(h));
        const got = fast[g]!;
        if (!Number.isFinite(want)) { assert.equal(got, want, `h = ${h}`); return; }
        assert.ok(Math.abs(got - want) <= 1e-10 * Math.abs(want), `h = ${h}: scan ${got}, engine ${want}`);
      });
    });
  }
}
