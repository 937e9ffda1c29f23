/**
 * The `total` error scale: τ bounds each sum's error relative to A = ᾱ·Σ wλ^(−d), the total the sum could
 * reach, not to the query's own sum. Every method must stay within the bound it reports against a direct
 * double loop (1-D and 2-D, density and regression, weights, local widths, leave-one-out), the bound must be
 * close to the error (100×), the tails of a grid must be served by `binned` (no fallback over the data's box
 * ± 3 widths), truncation must stop earlier than under the relative scale, and the estimators must read it:
 * a density within ρ·K_h(0) of exact, a regression estimate within 2ρ·A·max|v|/Ŝ.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { density, regression, seededRandom } from '../../src/index.js';
import type { MethodReport } from '../../src/index.js';
import { makeKeySet } from '../../src/index.js';
import { gaussianPeakShare } from '../../src/approx/binned-peak.js';
import { checkBound, directSums, kernel, kernelSim, logTotalMass, randomData, runMethod } from './helpers.js';
import type { DataSet } from './helpers.js';

const gaussian = kernel('gaussian');

/** The data with queries replaced by m uniform points of the keys' bounding box ± `pad` widths. */
function boxQueries(data: DataSet, widths: number[], pad: number, m: number, seed: number): DataSet {
  const rng = seededRandom(seed);
  const { n, d, keys: K } = data.keys;
  const lo = new Array<number>(d).fill(Infinity), hi = new Array<number>(d).fill(-Infinity);
  for (let j = 0; j < n; j++) for (let c = 0; c < d; c++) { lo[c] = Math.min(lo[c]!, K[j * d + c]!); hi[c] = Math.max(hi[c]!, K[j * d + c]!); }
  const queries = Float64Array.from({ length: m * d }, (_, t) => {
    const c = t % d;
    return lo[c]! - pad * widths[c]! + (hi[c]! - lo[c]! + 2 * pad * widths[c]!) * rng.uniform();
  });
  return { ...data, queries, m };
}

const fellBack = (r: MethodReport) => r.fallback.reduce((t, f) => t + f.count, 0);

describe('total scale, binned: error within the bound, bound within 100× the error, no fallback for a density over the box ± 3 widths', () => {
  const cases: [number, number[], number[]][] = [
    [1, [0.05, 0.3, 2], [1e-2, 1e-4, 1e-6]],
    [2, [0.15, 0.6, 2], [1e-2, 1e-3]],
  ];
  let seed = 8600;
  for (const [d, widths, tolerances] of cases) {
    for (const h of widths) {
      const s = seed++;
      test(`d = ${d}, h = ${h} (seed ${s}): τ = ${tolerances.join(', ')}; density and regression (3 value columns), weights, leave-one-out`, () => {
        const rng = seededRandom(s);
        const w = d === 1 ? [h] : [h, 0.8 * h];
        const sim = kernelSim(gaussian, w);
        const dens = boxQueries(randomData(rng, { n: 600, m: 1, d, p: 0, weights: true }), w, 3, 150, s + 50);
        const regr = randomData(rng, { n: 600, m: 100, d, p: 3, weights: true, qlo: 0, qhi: 5 });
        for (const tolerance of tolerances) {
          const cache = new Map<string, unknown>();
          for (const leaveOneOut of [false, true]) {
            const at = `τ = ${tolerance}${leaveOneOut ? ', leave-one-out' : ''}`;
            const run = { method: 'binned' as const, tolerance, errorScale: 'total' as const, leaveOneOut };
            const { report } = checkBound(dens, sim, { ...run, cache }, `${at}, density`);
            assert.equal(report.method, 'binned', `${at}: ${report.detail}`);
            assert.equal(report.errorScale, 'total');
            // the tails are on the grid, and the grid's bound is below τ of A at every node
            assert.deepEqual(report.fallback, [], `${at}, density: ${JSON.stringify(report.fallback)}`);
            const r = checkBound(regr, sim, run, `${at}, regression`).report;
            assert.equal(r.method, 'binned');
            // a regression query whose Ŝ does not exceed its error would give noise for T̂/Ŝ: a few at most
            // (in a hole of these sparse data at τ = 1e-2, where E is a few keys' weight; a left-out key far
            // from the others), sent to truncation
            assert.ok(fellBack(r) <= (leaveOneOut ? 60 : 10), `${at}, regression: ${JSON.stringify(r.fallback)}`);
            for (const f of r.fallback) assert.equal(f.method, 'truncated');
          }
        }
      });
    }
  }
});

test('the peak estimate that plans the total scale\'s grid: within 15 % of the largest sum, a lone key\'s share exactly (seed 8610)', () => {
  const rng = seededRandom(8610);
  for (const [d, n, h] of [[1, 3000, 0.05], [1, 300_000, 0.02], [2, 4000, 0.2], [2, 200_000, 0.1]] as const) {
    // a normal and a narrow cluster holding a tenth of the weight: the peak is the cluster's
    const x = Float64Array.from({ length: n * d }, (_, t) => (Math.floor(t / d) % 10 === 0 ? 3 + 0.1 * rng.normal() : rng.normal()));
    const w = Float64Array.from({ length: n }, () => 0.5 + rng.uniform());
    const keys = makeKeySet(x, d, null, 0, w);
    const widths = new Array<number>(d).fill(h);
    const share = gaussianPeakShare(keys, Float64Array.from(widths));
    // the largest sum, directly, on a fine grid over the cluster (3 ± 0.3 per axis)
    const side = d === 1 ? 241 : 41;
    const q = Float64Array.from({ length: side ** d * d }, (_, t) => 2.7 + (0.6 * (d === 1 ? t : t % 2 === 0 ? Math.floor(t / 2) % side : Math.floor(t / 2 / side))) / (side - 1));
    const sub = n > 20_000 ? 7 : 1; // the direct loop on every 7th key of the large sets (prime to the cluster's 10: the same share up to noise)
    const sample = sub === 1 ? keys : makeKeySet(x.filter((_, t) => Math.floor(t / d) % sub === 0), d, null, 0, w.filter((_, j) => j % sub === 0));
    const direct = directSums(sample, kernelSim(gaussian, widths), q, side ** d);
    let best = 0;
    for (let i = 0; i < side ** d; i++) best = Math.max(best, direct.S[i]! * Math.exp(direct.M[i]!));
    const exact = best / sample.totalWeight;
    assert.ok(Math.abs(share - exact) <= 0.15 * exact, `d = ${d}, n = ${n}: estimated ${share}, exact ${exact}`);
  }
  const lone = makeKeySet(Float64Array.of(1, 2), 2, null, 0, null);
  assert.equal(gaussianPeakShare(lone, Float64Array.of(0.1, 0.1)), 1);
  // two far keys of weights 3 and 1: the heavier holds 3/4 of the total at its own place
  const two = makeKeySet(Float64Array.of(0, 100), 1, null, 0, Float64Array.of(3, 1));
  assert.ok(Math.abs(gaussianPeakShare(two, Float64Array.of(0.1)) - 0.75) < 0.15 * 0.75);
});

test('total scale, binned: a coarser grid than the relative scale\'s at the same τ (seed 8620)', () => {
  const rng = seededRandom(8620);
  const data = randomData(rng, { n: 2000, m: 50, d: 2, p: 0, qlo: 0, qhi: 5 });
  const sim = kernelSim(gaussian, [0.1, 0.1]);
  const nodes = (r: MethodReport) => r.detail.match(/^binned: (\d+) × (\d+) nodes/)!.slice(1).reduce((a, b) => a * Number(b), 1);
  const rel = runMethod(data, sim, { method: 'binned', tolerance: 1e-3 }).report;
  const tot = runMethod(data, sim, { method: 'binned', tolerance: 1e-3, errorScale: 'total' }).report;
  // the keys spread over 50 × 50 widths: the peak sum holds ~1/200 of A, so the cells may be ~10× wider
  assert.ok(nodes(tot) * 20 < nodes(rel), `${nodes(tot)} nodes (total) vs ${nodes(rel)} (relative)`);
});

describe('total scale, truncated: error within the bound, bound within 100× the error', () => {
  let seed = 8630;
  for (const name of ['gaussian', 'exponential', 'logistic', 'silverman']) {
    for (const d of [1, 2]) {
      const s = seed++;
      test(`${name}, d = ${d} (seed ${s}): widths 0.05, 0.4, 3; τ = 1e-3 and 1e-8; weights, local widths, leave-one-out, product`, () => {
        const rng = seededRandom(s);
        const slack = kernel(name).signed ? Infinity : 100;
        let measured = 0;
        for (const h of [0.05, 0.4, 3]) {
          for (const tolerance of [1e-3, 1e-8]) {
            const widths = d === 1 ? [h] : [h, 1.3 * h];
            const plain = randomData(rng, { n: 500, m: 80, d, p: 2, qlo: -3, qhi: 8 });
            const rich = randomData(rng, { n: 500, m: 80, d, weights: true, local: true, qlo: -3, qhi: 8 });
            const at = `h = ${h}, τ = ${tolerance}`;
            const run = { method: 'truncated' as const, tolerance, errorScale: 'total' as const };
            const runs = [
              checkBound(plain, kernelSim(kernel(name), widths), run, `${at}, plain`, slack),
              checkBound(rich, kernelSim(kernel(name), widths), run, `${at}, weights and local widths`, slack),
              checkBound(rich, kernelSim(kernel(name), widths), { ...run, leaveOneOut: true }, `${at}, leave-one-out`, slack),
            ];
            if (d === 2) runs.push(checkBound(plain, kernelSim(kernel(name), widths, 'product'), run, `${at}, product`, slack));
            for (const { report, error } of runs) {
              assert.equal(report.method, 'truncated', `${at}: ${report.detail}`);
              assert.deepEqual(report.fallback, []);
              assert.match(report.detail, /below τ\/2 of the total weight/);
              measured = Math.max(measured, error);
            }
          }
        }
        assert.ok(measured > 1e-12, `largest error ${measured}`);
      });
    }
  }
});

test('total scale, truncated: every query still reads its nearest keys (Ŝ > 0), and fewer terms than under the relative scale (seed 8650)', () => {
  const rng = seededRandom(8650);
  // 4000 keys on [0, 10]², widths 0.2: a sum near the data holds ~1/400 of A, so the rest may be ~400× larger
  const x = Array.from({ length: 4000 }, () => [10 * rng.uniform(), 10 * rng.uniform()]);
  const y = x.map(([a]) => Math.sin(a!));
  const q = Array.from({ length: 300 }, () => [-3 + 16 * rng.uniform(), -3 + 16 * rng.uniform()]); // some far from the data
  const g = kernel('gaussian');
  const calls = { relative: 0, total: 0 };
  const [rel, tot] = (['relative', 'total'] as const).map((errorScale) => {
    const counting = { ...g, logAbsSq: (u2: number) => { calls[errorScale]++; return g.logAbsSq(u2); } };
    return regression({ kernel: counting, bandwidth: 0.2, method: 'truncated', tolerance: 1e-3, errorScale }).fit(x, y).predictDetailed(q);
  }) as [ReturnType<ReturnType<ReturnType<typeof regression>['fit']>['predictDetailed']>, ReturnType<ReturnType<ReturnType<typeof regression>['fit']>['predictDetailed']>];
  assert.equal(tot.method.errorScale, 'total');
  assert.ok(calls.total < 0.7 * calls.relative, `${calls.total} kernel terms (total) vs ${calls.relative} (relative)`);
  // every estimate is defined: the nearest leaf is read even where all of it is below τ of A
  for (let i = 0; i < q.length; i++) assert.ok(Number.isFinite(tot.estimates[i]!), `query ${i} at ${q[i]}`);
  assert.ok(rel.method.bound <= 1e-3 && tot.method.bound > 0 && tot.method.bound <= 1e-3);
});

test('total scale through the estimators: a 2-D density within ρ·K_h(0) of exact, served by binned over the box ± 3 widths (seed 8660)', () => {
  const rng = seededRandom(8660);
  const x = Array.from({ length: 3000 }, () => { const a = rng.normal(); return [a, 0.6 * a + 0.8 * rng.normal()]; });
  const h = [0.2, 0.25];
  const lo = [0, 1].map((c) => Math.min(...x.map((r) => r[c]!)) - 3 * h[c]!);
  const hi = [0, 1].map((c) => Math.max(...x.map((r) => r[c]!)) + 3 * h[c]!);
  const g = 40;
  const grid = Array.from({ length: g * g }, (_, k) => [lo[0]! + ((hi[0]! - lo[0]!) * (k % g)) / (g - 1), lo[1]! + ((hi[1]! - lo[1]!) * Math.floor(k / g)) / (g - 1)]);
  const fast = density({ bandwidth: h, method: 'binned', tolerance: 1e-3, errorScale: 'total' }).fit(x).densityDetailed(grid);
  const exact = density({ bandwidth: h }).fit(x).pdf(grid);
  assert.equal(fast.method.method, 'binned', fast.method.detail);
  assert.equal(fast.method.errorScale, 'total');
  assert.deepEqual(fast.method.fallback, []);
  const rho = fast.method.bound;
  assert.ok(rho > 0 && rho <= 1e-3);
  // K_h(0) = 1 / (2π h0 h1): the density all the mass would give at one point
  const peakBump = 1 / (2 * Math.PI * h[0]! * h[1]!);
  let worst = 0;
  for (let i = 0; i < grid.length; i++) {
    const e = Math.abs(fast.density[i]! - exact[i]!);
    assert.ok(e <= rho * peakBump * (1 + 1e-9), `query ${i}: ${fast.density[i]} vs ${exact[i]}`);
    assert.ok(fast.density[i]! >= 0);
    worst = Math.max(worst, e);
  }
  assert.ok(rho * peakBump <= 100 * worst, `bound ${rho * peakBump} vs the largest error ${worst}`);
});

test('total scale, regression: T̂/Ŝ within 2ρ·A·max|v|/Ŝ of T/S; queries whose Ŝ is below its error go to truncation and say so (seed 8670)', () => {
  const rng = seededRandom(8670);
  // 600 keys on [0, 5]², widths 0.15, τ = 1e-2: E is a few keys' weight, more than the sum in the data's holes
  const data = randomData(rng, { n: 600, m: 400, d: 2, p: 1, weights: true, qlo: -0.4, qhi: 5.4 });
  const sim = kernelSim(gaussian, [0.15, 0.15]);
  const { sums, report } = runMethod(data, sim, { method: 'binned', tolerance: 1e-2, errorScale: 'total' });
  assert.equal(report.method, 'binned');
  assert.equal(report.fallback.length, 1);
  assert.equal(report.fallback[0]!.method, 'truncated');
  assert.match(report.fallback[0]!.reason, /a sum below its error bound/);
  assert.ok(report.fallback[0]!.count >= 10 && report.fallback[0]!.count <= 150, JSON.stringify(report.fallback));
  const direct = directSums(data.keys, sim, data.queries, data.m);
  const logA = logTotalMass(data.keys, sim);
  let vmax = 0;
  for (const v of data.keys.values!) vmax = Math.max(vmax, Math.abs(v));
  let worst = 0;
  for (let i = 0; i < data.m; i++) {
    const est = sums.weighted[i]! / sums.sum[i]!, want = direct.T[i]! / direct.S[i]!;
    // A / Ŝ with Ŝ on its own scale e^{logScale}
    const allowed = (2 * report.bound * vmax * Math.exp(logA - sums.logScale[i]!)) / sums.sum[i]!;
    assert.ok(Math.abs(est - want) <= allowed * (1 + 1e-9) + 1e-12, `query ${i}: ${est} vs ${want} (allowed ${allowed})`);
    worst = Math.max(worst, Math.abs(est - want));
  }
  assert.ok(worst > 1e-6, `the estimates are not all exact: ${worst}`);
});

test('total scale, auto: binned for a 2-D grid, neighbors for a compact kernel (exact), and the report carries the scale', () => {
  const rng = seededRandom(8680);
  const data = boxQueries(randomData(rng, { n: 20_000, m: 1, d: 2, p: 0 }), [0.3, 0.3], 3, 4096, 8681);
  const r = runMethod(data, kernelSim(gaussian, [0.3, 0.3]), { method: 'auto', tolerance: 1e-3, errorScale: 'total' }).report;
  assert.equal(r.method, 'binned', r.detail);
  assert.deepEqual(r.fallback, []);
  assert.equal(r.errorScale, 'total');
  const c = runMethod(data, kernelSim(kernel('epanechnikov'), [0.3, 0.3]), { method: 'auto', tolerance: 1e-3, errorScale: 'total' }).report;
  assert.equal(c.method, 'neighbors');
  assert.equal(c.bound, 0);
  assert.equal(c.errorScale, 'total');
  const plain = runMethod(data, kernelSim(gaussian, [0.3, 0.3]), { method: 'auto', tolerance: 1e-3 }).report;
  assert.equal(plain.errorScale, 'relative');
  assert.equal(density({ bandwidth: 1 }).fit([1, 2, 3]).densityDetailed([2]).method.errorScale, 'relative');
});
