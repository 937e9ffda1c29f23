/**
 * The chapter's exercises as assertions, with the report's own settings and seeds (CHAPTER_SEED = 2024).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CHAPTER_SEED, chapterData } from '../../src/index.js';
import { computeReport, parzenIdentity, sphereIdentity } from '../../src/report/index.js';

const { results, sphere } = computeReport(CHAPTER_SEED);

test('exercise 1: Parzen p̂(x,+1) − p̂(x,−1) has the sign of the NW classifier everywhere (maximum disagreement exactly 0)', () => {
  const p = results.parzen;
  assert.ok(p.grid.length >= 500);
  assert.ok(p.labels.includes(1) && p.labels.includes(-1), 'both classes present');
  assert.equal(p.maxSignDisagreement, 0);
  assert.equal(p.disagreements, 0);
  // the values agree too, up to rounding
  assert.ok(p.maxValueDifference < 1e-12, `value difference ${p.maxValueDifference}`);
  // and the classifier's predicted label is the sign wherever the gap is not a tie
  p.grid.forEach((_, i) => {
    if (p.probabilityGap[i] !== 0) assert.equal(p.predicted[i], Math.sign(p.positive[i]! - p.negative[i]!), `point ${i}`);
  });
});

test('exercise 1 holds for other seeds and widths as well', () => {
  for (const seed of [1, 7, 99]) {
    for (const h of [0.2, 1]) {
      assert.equal(parzenIdentity(chapterData(seed), h).maxSignDisagreement, 0, `seed ${seed}, σ = ${h}`);
    }
  }
});

test('exercise 2: in-sample σ shrinks below 0.01; leave-one-out σ is finite and matches the cv-ls optimum', () => {
  const l = results.learning;
  const ws = l.inSample.widths;
  assert.ok(l.inSample.finalWidth < 0.01, `in-sample σ = ${l.inSample.finalWidth}`);
  // still shrinking at the end: every 50 steps narrower than the 50 before
  for (let i = 100; i < ws.length; i += 50) assert.ok(ws[i]! < ws[i - 50]!, `in-sample σ grew between steps ${i - 50} and ${i}`);
  assert.ok(l.inSample.finalLoss < 0.01, `in-sample loss ${l.inSample.finalLoss}`);
  assert.ok(Number.isFinite(l.loo.finalWidth) && l.loo.finalWidth > 0.1 && l.loo.finalWidth < 1, `LOO σ = ${l.loo.finalWidth}`);
  // full-batch descent on the same objective lands on the selector's optimum
  assert.ok(Math.abs(Math.log(l.loo.finalWidth / l.cvWidth)) < 0.02, `LOO σ ${l.loo.finalWidth} vs cv-ls ${l.cvWidth}`);
  // the LOO curve has its minimum inside the scanned range, near σ*, and the in-sample curve only falls with σ → 0
  const iMin = l.looMse.indexOf(Math.min(...l.looMse));
  assert.ok(iMin > 0 && iMin < l.widths.length - 1);
  assert.ok(Math.abs(Math.log(l.widths[iMin]! / l.cvWidth)) < 0.1);
  assert.ok(l.inSampleMse[0]! < l.inSampleMse[iMin]!);
});

test('exercise 3: on the unit sphere Gaussian weights equal softmax(q·k/σ²) to ≤ 1e-12', () => {
  assert.ok(sphere.maxWeightDifference <= 1e-12, `max weight difference ${sphere.maxWeightDifference}`);
  assert.ok(sphere.maxEstimateDifference <= 1e-12, `max estimate difference ${sphere.maxEstimateDifference}`);
  const other = sphereIdentity(12345, 3, 16, 50, [0.1, 3]);
  assert.ok(other.maxWeightDifference <= 1e-12, `d = 3: ${other.maxWeightDifference}`);
});

/*
 * Exercise 4's tolerance. Theory: with σ ∝ n^(−1/5), squared bias (∝ σ⁴) and variance (∝ 1/(nσ)) both fall
 * like n^(−4/5), so the log-log slope is −0.8. Each point is an average over a few fresh data sets, so the
 * fitted slope is itself random: over 8 independent seeds of the same plan it had mean −0.82 and standard
 * deviation 0.046. ±0.15 is more than 3 standard deviations, and still far from the fixed width's slope
 * (about −0.2), so the test tells the two apart and does not flake when the library's numbers move in the
 * last bits.
 */
const SLOPE_TOLERANCE = 0.15;

test(`exercise 4: log MSE vs log n has slope −4/5 ± ${SLOPE_TOLERANCE} for σ ∝ n^(−1/5); a fixed σ stalls`, () => {
  const c = results.consistency;
  assert.deepEqual(c.n, [40, 100, 400, 1000, 4000, 10000, 40000]);
  assert.ok(Math.abs(c.scheduledFit.slope - -0.8) <= SLOPE_TOLERANCE, `slope ${c.scheduledFit.slope}`);
  assert.ok(c.fixedFit.slope > -0.45, `fixed σ slope ${c.fixedFit.slope}`);
  // at n = 40 000 the scheduled width wins by an order of magnitude
  assert.ok(c.scheduledMse.at(-1)! * 10 < c.fixedMse.at(-1)!);
  // the schedule is the library's widthSchedule: 0.5 at n₀ = 40, 0.5 · 1000^(−1/5) at 40 000
  assert.ok(Math.abs(c.scheduledWidths[0]! - 0.5) < 1e-15);
  assert.ok(Math.abs(c.scheduledWidths.at(-1)! - 0.5 * 1000 ** -0.2) < 1e-12);
});
