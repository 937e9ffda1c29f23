/**
 * Property tests (fast-check, seeded: every test name carries its seed, so a failure reruns exactly with
 * `fc.assert(prop, { seed })`). Problems are small: n 1..40 keys, d 1..3, m 1..10 queries, coordinates in
 * [−5, 5], widths in [0.2, 5], any kernel of `kernelNames`, and tile sizes from 1 key to one tile for all,
 * so that the 1-D outward walk and its early stop are exercised too.
 *
 * Tolerances are relative to the scale of the values. For the signed Silverman kernel the rounding error
 * of Σ wα v / Σ wα grows with the cancellation in the denominator, so its tolerances are multiplied by the
 * condition number Σ|wᵢⱼ| of each attention row (1 for every other kernel).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  classifier, density, getKernel, kernelNames, regression, seededRandom,
} from '../../src/index.js';
import type { DenseAttention, EstimatorOptions, KernelName } from '../../src/index.js';

// ---------------------------------------------------------------------------------------------------------
// problems

interface Problem {
  readonly n: number;
  readonly d: number;
  readonly m: number;
  readonly x: number[][];
  readonly y: number[];
  readonly q: number[][];
  /** Observation weights, or null for none. */
  readonly weights: number[] | null;
  readonly kernel: KernelName;
  readonly width: number;
  readonly tileSize: number;
}

type WeightMode = 'none' | 'maybe' | 'positive' | 'integer';

interface ProblemSpec {
  kernels?: readonly KernelName[];
  nMin?: number;
  nMax?: number;
  dMax?: number;
  weights?: WeightMode;
  /**
   * 'arrays': every coordinate an fc.double (edge values included: −5, 0, 5 …);
   * 'generic': coordinates from a seeded uniform generator, so no key sits exactly on a kernel's support
   * boundary — for properties that move the points (shift, scale), where a key at u = 1 ± 1 ulp of a
   * discontinuous kernel legitimately flips in or out.
   */
  coordinates?: 'arrays' | 'generic';
}

const TILE_SIZES = [1, 2, 3, 7, 256] as const;

/**
 * A number in [lo, hi]: mostly uniform (fc.double alone is uniform over the *representable* doubles, so
 * nearly all of its draws in [−5, 5] are tiny), sometimes any double of the range (subnormals, −0), and
 * sometimes a round value (ties, coincident points, the ends of the range).
 */
function numberIn(lo: number, hi: number, round: number[]): fc.Arbitrary<number> {
  return fc.oneof(
    { arbitrary: fc.integer({ min: 0, max: 2 ** 30 }).map((k) => lo + ((hi - lo) * k) / 2 ** 30), weight: 8 },
    { arbitrary: fc.double({ min: lo, max: hi, noNaN: true }), weight: 1 },
    { arbitrary: fc.constantFrom(...round), weight: 1 },
  );
}

const coord = numberIn(-5, 5, [-5, -1, 0, 0.5, 1, 5]);
const value = numberIn(-10, 10, [-10, -1, 0, 1, 10]);
const width = numberIn(0.2, 5, [0.2, 0.5, 1, 5]);

function rows(count: number, d: number) {
  return fc.array(fc.array(coord, { minLength: d, maxLength: d }), { minLength: count, maxLength: count });
}

function weightsArb(mode: WeightMode, n: number): fc.Arbitrary<number[] | null> {
  const fix = (w: number[]) => (w.some((v) => v > 0) ? w : w.map((_, i) => (i === 0 ? 1 : w[i]!)));
  switch (mode) {
    case 'none': return fc.constant(null);
    case 'positive': return fc.array(fc.double({ min: 0.25, max: 4, noNaN: true }), { minLength: n, maxLength: n });
    case 'integer': return fc.array(fc.integer({ min: 0, max: 3 }), { minLength: n, maxLength: n }).map(fix);
    case 'maybe':
      return fc.option(fc.array(fc.double({ min: 0, max: 3, noNaN: true }), { minLength: n, maxLength: n }).map(fix), { nil: null });
  }
}

function problemArb(spec: ProblemSpec = {}): fc.Arbitrary<Problem> {
  const kernels = spec.kernels ?? kernelNames;
  const sizes = fc.record({
    n: fc.integer({ min: spec.nMin ?? 1, max: spec.nMax ?? 40 }),
    d: fc.integer({ min: 1, max: spec.dMax ?? 3 }),
    m: fc.integer({ min: 1, max: 10 }),
  });
  return sizes.chain(({ n, d, m }) => {
    const common = {
      weights: weightsArb(spec.weights ?? 'none', n),
      kernel: fc.constantFrom(...kernels),
      width,
      tileSize: fc.constantFrom(...TILE_SIZES),
    };
    if (spec.coordinates === 'generic') {
      return fc.record({ seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }), ...common }).map(({ seed, ...rest }) => {
        const rng = seededRandom(seed);
        const pt = () => Array.from({ length: d }, () => -5 + 10 * rng.uniform());
        return {
          n, d, m, ...rest,
          x: Array.from({ length: n }, pt),
          y: Array.from({ length: n }, () => -10 + 20 * rng.uniform()),
          q: Array.from({ length: m }, pt),
        };
      });
    }
    return fc.record({
      x: rows(n, d),
      y: fc.array(value, { minLength: n, maxLength: n }),
      q: rows(m, d),
      ...common,
    }).map((r) => ({ n, d, m, ...r }));
  });
}

const quiet = { onWarning: () => {} };

function options(p: Problem, extra: EstimatorOptions = {}): EstimatorOptions {
  return { kernel: p.kernel, bandwidth: p.width, tileSize: p.tileSize, ...quiet, ...extra };
}

function fitRegression(p: Problem, extra: EstimatorOptions = {}, x = p.x, y = p.y, weights = p.weights) {
  return regression(options(p, extra)).fit(x, y, weights ? { weights } : undefined);
}

/** Σⱼ |wᵢⱼ| per query: the condition number of the weighted mean (1 for unsigned kernels, NaN when undefined). */
function conditioning(p: Problem, q: number[][] = p.q): Float64Array {
  const cond = new Float64Array(q.length).fill(1);
  if (!getKernel(p.kernel).signed) return cond;
  const att = fitRegression(p).attention(q) as DenseAttention;
  for (let i = 0; i < att.m; i++) {
    let s = 0;
    for (let j = 0; j < att.n; j++) s += Math.abs(att.weights[i * att.n + j]!);
    cond[i] = s;
  }
  return cond;
}

const maxAbs = (v: ArrayLike<number>) => { let s = 0; for (let i = 0; i < v.length; i++) s = Math.max(s, Math.abs(v[i]!)); return s; };

/** Same NaN pattern, and |a − b| ≤ tol[i] elsewhere. */
function assertClose(a: ArrayLike<number>, b: ArrayLike<number>, tol: (i: number) => number, what: string): void {
  assert.equal(a.length, b.length, `${what}: lengths`);
  for (let i = 0; i < a.length; i++) {
    const u = a[i]!, v = b[i]!;
    if (Number.isNaN(u) || Number.isNaN(v)) {
      assert.ok(Number.isNaN(u) && Number.isNaN(v), `${what}[${i}]: ${u} vs ${v}`);
      continue;
    }
    if (u === v) continue;
    assert.ok(Math.abs(u - v) <= tol(i), `${what}[${i}]: ${u} vs ${v} (|Δ| = ${Math.abs(u - v)}, tol ${tol(i)})`);
  }
}

/**
 * Registers one seeded property as a test whose name carries the seed. For a longer hunt, the
 * environment can move every seed (NADARAYA_FC_SEED_OFFSET) and scale the run counts (NADARAYA_FC_RUNS);
 * by default both are fixed.
 */
const SEED_OFFSET = Number(process.env.NADARAYA_FC_SEED_OFFSET ?? '') || 0;
const RUNS_SCALE = Number(process.env.NADARAYA_FC_RUNS ?? '') || 1;
function property<T>(name: string, baseSeed: number, baseRuns: number, arb: fc.Arbitrary<T>, check: (v: T) => void): void {
  const seed = baseSeed + SEED_OFFSET;
  const numRuns = Math.max(1, Math.round(baseRuns * RUNS_SCALE));
  test(`${name} [fast-check seed ${seed}, ${numRuns} runs]`, () => {
    fc.assert(fc.property(arb, (v) => { check(v); }), { seed, numRuns });
  });
}

const SEED = 20261125;
const unsigned = kernelNames.filter((k) => !getKernel(k).signed);
const densityKernels = kernelNames.filter((k) => k !== 'constant');

// ---------------------------------------------------------------------------------------------------------
// attention rows, range

property('attention weights are ≥ 0 (unsigned kernels) and each defined dense row sums to 1', SEED, 60,
  problemArb({ weights: 'maybe' }), (p) => {
    const model = fitRegression(p);
    const att = model.attention(p.q) as DenseAttention;
    const pred = model.predict(p.q);
    const signed = getKernel(p.kernel).signed;
    assert.equal(att.m, p.m);
    assert.equal(att.n, p.n);
    for (let i = 0; i < p.m; i++) {
      const row = Array.from(att.weights.subarray(i * p.n, (i + 1) * p.n));
      if (row.some(Number.isNaN)) {
        // an undefined row (empty neighbourhood) is undefined throughout, and so is the estimate
        assert.ok(row.every(Number.isNaN), `row ${i} is partly NaN: ${row}`);
        assert.ok(Number.isNaN(pred[i]!), `row ${i} is empty but the estimate is ${pred[i]}`);
        continue;
      }
      let sum = 0, abs = 0, dot = 0;
      row.forEach((w, j) => {
        if (!signed) assert.ok(w >= 0, `weight [${i}, ${j}] = ${w} < 0`);
        if (p.weights && p.weights[j] === 0) assert.equal(w, 0, `key ${j} has observation weight 0 but attention ${w}`);
        sum += w; abs += Math.abs(w); dot += w * p.y[j]!;
      });
      assert.ok(Math.abs(sum - 1) <= 1e-12 * abs, `row ${i} sums to ${sum} (Σ|w| = ${abs})`);
      // and the estimate is the attention-weighted sum of the values
      assert.ok(Math.abs(dot - pred[i]!) <= 1e-12 * abs * Math.max(1, maxAbs(p.y)), `row ${i}: Σ w y = ${dot}, estimate ${pred[i]}`);
    }
  });

property('estimates lie within [min y, max y] for unsigned kernels; class probabilities in [0, 1] summing to 1', SEED + 1, 60,
  problemArb({ kernels: unsigned, weights: 'maybe' }), (p) => {
    const pred = fitRegression(p).predict(p.q);
    const lo = Math.min(...p.y), hi = Math.max(...p.y);
    const slack = 1e-12 * Math.max(1, maxAbs(p.y));
    pred.forEach((v, i) => {
      if (Number.isNaN(v)) return;
      assert.ok(v >= lo - slack && v <= hi + slack, `estimate ${i} = ${v} outside [${lo}, ${hi}]`);
    });
    const labels = p.y.map((v) => (v < -3 ? 'a' : v < 3 ? 'b' : 'c'));
    const clf = classifier(options(p)).fit(p.x, labels, p.weights ? { weights: p.weights } : undefined);
    const C = clf.classes.length;
    const proba = clf.predictProba(p.q);
    for (let i = 0; i < p.m; i++) {
      const row = Array.from(proba.subarray(i * C, (i + 1) * C));
      if (row.some(Number.isNaN)) { assert.ok(row.every(Number.isNaN)); continue; }
      row.forEach((v) => assert.ok(v >= -1e-15 && v <= 1 + 1e-12, `probability ${v}`));
      assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) <= 1e-12);
    }
  });

// ---------------------------------------------------------------------------------------------------------
// invariances

const permutedProblem = problemArb({ weights: 'maybe' }).chain((p) =>
  fc.shuffledSubarray(Array.from({ length: p.n }, (_, i) => i), { minLength: p.n, maxLength: p.n }).map((perm) => ({ p, perm })));

property('permuting the training rows leaves the predictions unchanged (1e-12)', SEED + 2, 60, permutedProblem, ({ p, perm }) => {
  const a = fitRegression(p).predict(p.q);
  const b = fitRegression(p, {}, perm.map((i) => p.x[i]!), perm.map((i) => p.y[i]!), p.weights && perm.map((i) => p.weights![i]!)).predict(p.q);
  const cond = conditioning(p);
  const scale = Math.max(1, maxAbs(p.y));
  assertClose(b, a, (i) => 1e-12 * scale * cond[i]!, 'permuted');
  // density, where it is defined
  if (p.kernel !== 'constant' && !(p.kernel === 'silverman' && p.d === 3)) {
    const fa = density(options(p)).fit(p.x, p.weights ? { weights: p.weights } : undefined).pdf(p.q);
    const fb = density(options(p)).fit(perm.map((i) => p.x[i]!), p.weights ? { weights: perm.map((i) => p.weights![i]!) } : undefined).pdf(p.q);
    const fs = maxAbs(fa);
    assertClose(fb, fa, (i) => 1e-12 * Math.max(fs, 1e-300) * cond[i]!, 'permuted density');
  }
});

property('predicting queries one at a time equals all at once, exactly', SEED + 3, 60, problemArb({ weights: 'maybe' }), (p) => {
  const model = fitRegression(p);
  const all = model.predict(p.q);
  p.q.forEach((qi, i) => {
    const one = model.predict([qi]);
    assert.equal(one.length, 1);
    assert.ok(Object.is(one[0], all[i]) || (Number.isNaN(one[0]!) && Number.isNaN(all[i]!)), `query ${i}: ${one[0]} alone vs ${all[i]} in the batch`);
  });
  // and a batch that repeats and reorders the queries
  const rev = [...p.q].reverse();
  const back = model.predict(rev);
  back.forEach((v, i) => assert.ok(Object.is(v, all[p.m - 1 - i]) || (Number.isNaN(v) && Number.isNaN(all[p.m - 1 - i]!))));
});

property('tile sizes 1, 2, 3, 5, 16, 256 give the same estimates (1e-12)', SEED + 4, 60, problemArb({ weights: 'maybe' }), (p) => {
  const ref = fitRegression(p, { tileSize: 256 }).predict(p.q);
  const cond = conditioning(p);
  const scale = Math.max(1, maxAbs(p.y));
  for (const tileSize of [1, 2, 3, 5, 16]) {
    const out = fitRegression(p, { tileSize }).predict(p.q);
    assertClose(out, ref, (i) => 1e-12 * scale * cond[i]!, `tileSize ${tileSize}`);
  }
  // leave-one-out too (the left-out key may sit in any tile); one key alone has no leave-one-out (E_DATA)
  if (p.x.length < 2) {
    assert.throws(() => fitRegression(p, {}).leaveOneOut(), (e: Error & { code?: string }) => e.code === 'E_DATA');
    return;
  }
  const looRef = fitRegression(p, { tileSize: 256 }).leaveOneOut().predictions;
  const looCond = conditioning(p, p.x);
  for (const tileSize of [1, 3]) {
    assertClose(fitRegression(p, { tileSize }).leaveOneOut().predictions, looRef, (i) => 1e-12 * scale * looCond[i]!, `leave-one-out tileSize ${tileSize}`);
  }
});

// ---------------------------------------------------------------------------------------------------------
// observation weights

function repeatRows<T>(a: readonly T[], w: readonly number[]): T[] {
  const out: T[] = [];
  a.forEach((v, i) => { for (let k = 0; k < w[i]!; k++) out.push(v); });
  return out;
}

property('integer observation weights equal repeated rows (regression, class probabilities, density)', SEED + 5, 60,
  problemArb({ weights: 'integer' }), (p) => {
    const w = p.weights!;
    const xr = repeatRows(p.x, w), yr = repeatRows(p.y, w);
    const cond = conditioning(p);
    const scale = Math.max(1, maxAbs(p.y));
    // regression
    const a = fitRegression(p).predict(p.q);
    const b = fitRegression(p, {}, xr, yr, null).predict(p.q);
    assertClose(a, b, (i) => 1e-12 * scale * cond[i]!, 'weighted regression');
    // classification
    const labels = p.y.map((v) => (v < 0 ? 0 : v < 5 ? 1 : 2));
    const ca = classifier(options(p)).fit(p.x, labels, { weights: w });
    const cb = classifier(options(p)).fit(xr, repeatRows(labels, w));
    // (a class whose rows all have weight 0 is still a class of the weighted fit, with probability 0)
    const C = ca.classes.length;
    const pa = ca.predictProba(p.q), pb = cb.predictProba(p.q);
    for (let i = 0; i < p.m; i++) {
      for (let c = 0; c < C; c++) {
        const k = cb.classes.indexOf(ca.classes[c]!);
        const u = pa[i * C + c]!, v = k < 0 ? (Number.isNaN(pb[i * cb.classes.length]!) ? NaN : 0) : pb[i * cb.classes.length + k]!;
        assertClose([u], [v], () => 1e-12 * cond[i]!, `class ${ca.classes[c]} at query ${i}`);
      }
    }
    // density
    if (p.kernel !== 'constant' && !(p.kernel === 'silverman' && p.d === 3)) {
      const fa = density(options(p)).fit(p.x, { weights: w }).pdf(p.q);
      const fb = density(options(p)).fit(xr).pdf(p.q);
      const fs = Math.max(maxAbs(fb), 1e-300);
      assertClose(fa, fb, (i) => 1e-12 * fs * cond[i]!, 'weighted density');
    }
  });

// ---------------------------------------------------------------------------------------------------------
// equivariances

property('y → a·y + b gives ŷ → a·ŷ + b', SEED + 6, 60,
  problemArb({ weights: 'maybe' }).chain((p) => fc.record({ a: fc.double({ min: -3, max: 3, noNaN: true }), b: fc.double({ min: -100, max: 100, noNaN: true }) }).map((ab) => ({ p, ...ab }))),
  ({ p, a, b }) => {
    const base = fitRegression(p).predict(p.q);
    const moved = fitRegression(p, {}, p.x, p.y.map((v) => a * v + b)).predict(p.q);
    const cond = conditioning(p);
    const scale = Math.abs(a) * Math.max(1, maxAbs(p.y)) + Math.abs(b);
    assertClose(moved, base.map((v) => a * v + b), (i) => 4e-12 * Math.max(1, scale) * cond[i]!, 'affine y');
  });

const shiftProblem = problemArb({ coordinates: 'generic', weights: 'maybe' }).chain((p) =>
  fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: p.d, maxLength: p.d }).map((c) => ({ p, c })));

property('x → x + c (keys and queries) leaves the estimates and the density unchanged', SEED + 7, 60, shiftProblem, ({ p, c }) => {
  const shift = (pts: number[][]) => pts.map((r) => r.map((v, k) => v + c[k]!));
  const base = fitRegression(p).predict(p.q);
  const moved = fitRegression(p, {}, shift(p.x)).predict(shift(p.q));
  const cond = conditioning(p);
  const scale = Math.max(1, maxAbs(p.y));
  // rounding of the shifted coordinates moves u by ~1e-15·|c|/h; log-weights by u·δu
  assertClose(moved, base, (i) => 1e-9 * scale * cond[i]!, 'shifted');
  if (p.kernel !== 'constant' && !(p.kernel === 'silverman' && p.d === 3)) {
    const f0 = density(options(p)).fit(p.x).pdf(p.q);
    const f1 = density(options(p)).fit(shift(p.x)).pdf(shift(p.q));
    const fs = Math.max(maxAbs(f0), 1e-300);
    assertClose(f1, f0, (i) => 1e-9 * fs * cond[i]!, 'shifted density');
  }
});

const scaleProblem = problemArb({ coordinates: 'generic', weights: 'maybe', kernels: kernelNames }).chain((p) =>
  fc.record({ s: fc.double({ min: 0.1, max: 10, noNaN: true }), e: fc.integer({ min: -6, max: 6 }) }).map((r) => ({ p, ...r })));

property('x → s·x with bandwidth s·h gives the same estimates (exactly for s a power of 2); density → pdf/s^d', SEED + 8, 60, scaleProblem, ({ p, s, e }) => {
  const cond = conditioning(p);
  const scale = Math.max(1, maxAbs(p.y));
  const base = fitRegression(p).predict(p.q);
  const dens = p.kernel !== 'constant' && !(p.kernel === 'silverman' && p.d === 3);
  const f0 = dens ? density(options(p)).fit(p.x).pdf(p.q) : null;
  for (const [factor, exact] of [[s, false], [2 ** e, true]] as const) {
    const sc = (pts: number[][]) => pts.map((r) => r.map((v) => v * factor));
    const moved = fitRegression(p, { bandwidth: p.width * factor }, sc(p.x)).predict(sc(p.q));
    if (exact) {
      moved.forEach((v, i) => assert.ok(Object.is(v, base[i]) || (Number.isNaN(v) && Number.isNaN(base[i]!)), `s = ${factor}: ${v} vs ${base[i]}`));
    } else {
      assertClose(moved, base, (i) => 1e-9 * scale * cond[i]!, `s = ${factor}`);
    }
    if (f0) {
      const f1 = density(options(p, { bandwidth: p.width * factor })).fit(sc(p.x)).pdf(sc(p.q));
      const want = f0.map((v) => v / factor ** p.d);
      const fs = Math.max(maxAbs(want), 1e-300);
      assertClose(f1, want, (i) => (exact ? 1e-13 : 1e-9) * fs * cond[i]!, `density, s = ${factor}`);
    }
  }
});

// ---------------------------------------------------------------------------------------------------------
// the wide-width limit

property('width → ∞ gives the (weighted) mean of y for every kernel', SEED + 9, 60, problemArb({ weights: 'maybe' }), (p) => {
  const k = getKernel(p.kernel);
  // kernels with a cusp at 0 (α'(0) ≠ 0: triangular, exponential) deviate by O(u), the others by O(u²)
  const huge = Math.abs(k.derivative(0)) > 1e-9 ? 1e14 : 1e8;
  const pred = fitRegression(p, { bandwidth: huge }).predict(p.q);
  // weights relative to the largest (a subnormal weight alone would make Σ w y / Σ w lose all its digits)
  const wMax = p.weights ? Math.max(...p.weights) : 1;
  const w = p.weights ? p.weights.map((v) => v / wMax) : p.y.map(() => 1);
  let sw = 0, swy = 0;
  p.y.forEach((v, i) => { sw += w[i]!; swy += w[i]! * v; });
  const mean = swy / sw;
  const scale = Math.max(1, maxAbs(p.y));
  pred.forEach((v, i) => assert.ok(Math.abs(v - mean) <= 1e-12 * scale, `query ${i}: ${v} vs weighted mean ${mean} (${p.kernel}, h = ${huge})`));
});

// ---------------------------------------------------------------------------------------------------------
// the density integrates to 1

/** Gauss–Legendre nodes and weights on [−1, 1] (Newton on the Legendre recurrence). */
function gaussLegendre(order: number): { x: number[]; w: number[] } {
  const x: number[] = [], w: number[] = [];
  for (let i = 1; i <= order; i++) {
    let t = Math.cos((Math.PI * (i - 0.25)) / (order + 0.5));
    let dp = 0;
    for (let it = 0; it < 100; it++) {
      let p0 = 1, p1 = t;
      for (let k = 2; k <= order; k++) { const p2 = ((2 * k - 1) * t * p1 - (k - 1) * p0) / k; p0 = p1; p1 = p2; }
      dp = (order * (t * p1 - p0)) / (t * t - 1);
      const dt = p1 / dp;
      t -= dt;
      if (Math.abs(dt) < 1e-16) break;
    }
    x.push(t);
    w.push(2 / ((1 - t * t) * dp * dp));
  }
  return { x, w };
}
const GL = gaussLegendre(10);

/** ∫ f over [a, b] split at the breakpoints, each piece cut into parts of length ≤ maxLen, 10-point Gauss each. */
function integrate1d(f: (xs: number[]) => ArrayLike<number>, breaks: number[], maxLen: number): number {
  const pts = [...new Set(breaks)].sort((u, v) => u - v);
  const xs: number[] = [], ws: number[] = [];
  for (let k = 0; k + 1 < pts.length; k++) {
    const a = pts[k]!, b = pts[k + 1]!;
    const parts = Math.max(1, Math.ceil((b - a) / maxLen));
    const len = (b - a) / parts;
    for (let s = 0; s < parts; s++) {
      const mid = a + (s + 0.5) * len;
      GL.x.forEach((t, r) => { xs.push(mid + (t * len) / 2); ws.push((GL.w[r]! * len) / 2); });
    }
  }
  const fx = f(xs);
  let total = 0;
  for (let i = 0; i < xs.length; i++) total += ws[i]! * fx[i]!;
  return total;
}

property('the 1-D density integrates to 1 for every normalisable kernel (1e-4)', SEED + 10, 40,
  problemArb({ kernels: densityKernels, dMax: 1, weights: 'maybe' }), (p) => {
    const kde = density(options(p)).fit(p.x, p.weights ? { weights: p.weights } : undefined);
    const k = getKernel(p.kernel);
    const h = p.width;
    const reach = Number.isFinite(k.support) ? k.support * h : 60 * h; // beyond 60 widths every tail is < 1e-18
    const xs = p.x.map((r) => r[0]!);
    const breaks = [Math.min(...xs) - reach, Math.max(...xs) + reach];
    for (const c of xs) {
      breaks.push(c); // a cusp at the centre (triangular, exponential)
      if (Number.isFinite(k.support)) breaks.push(c - k.support * h, c + k.support * h); // the support's edges
    }
    const total = integrate1d((pts) => kde.pdf(pts), breaks, h / 4);
    assert.ok(Math.abs(total - 1) < 1e-4, `${p.kernel}, h = ${h}: ∫ f̂ = ${total}`);
  });

property('the 2-D density integrates to 1 for the gaussian and epanechnikov kernels (grid, 1e-3)', SEED + 11, 12,
  problemArb({ kernels: ['gaussian', 'epanechnikov'], nMax: 8, weights: 'maybe' }).map((p) => ({ ...p, d: 2, x: p.x.map((r) => [r[0]!, r[1] ?? r[0]! / 2]) })),
  (p) => {
    const kde = density(options(p)).fit(p.x, p.weights ? { weights: p.weights } : undefined);
    const h = p.width;
    const gaussian = p.kernel === 'gaussian';
    // the gaussian is smooth: the trapezoid rule on a grid of h/3 converges spectrally; the epanechnikov
    // bump has a kink on its support circle: a midpoint grid of h/60 is within 1e-3 there
    const step = gaussian ? h / 3 : h / 60;
    const reach = gaussian ? 12 * h : h;
    const lo = [0, 1].map((c) => Math.min(...p.x.map((r) => r[c]!)) - reach);
    const hi = [0, 1].map((c) => Math.max(...p.x.map((r) => r[c]!)) + reach);
    const nx = Math.ceil((hi[0]! - lo[0]!) / step), ny = Math.ceil((hi[1]! - lo[1]!) / step);
    let total = 0;
    const column: number[][] = new Array(ny);
    for (let a = 0; a < nx; a++) {
      const x0 = lo[0]! + (a + 0.5) * step;
      for (let b = 0; b < ny; b++) column[b] = [x0, lo[1]! + (b + 0.5) * step];
      const f = kde.pdf(column);
      for (let b = 0; b < ny; b++) total += f[b]!;
    }
    total *= step * step;
    assert.ok(Math.abs(total - 1) < 1e-3, `${p.kernel}, h = ${h}: ∬ f̂ = ${total} (${nx} × ${ny} grid)`);
  });

// ---------------------------------------------------------------------------------------------------------
// Parzen classification = NW regression with ±1 values (the chapter's exercise 1)

property('sign(p̂(x, +1) − p̂(x, −1)) equals the sign of the NW estimate with ±1 values, and the NW classifier agrees', SEED + 12, 60,
  problemArb({ kernels: unsigned.filter((k) => k !== 'constant') }).chain((p) =>
    fc.array(fc.constantFrom(-1, 1), { minLength: p.n, maxLength: p.n }).map((labels) => ({ p, labels }))),
  ({ p, labels }) => {
    const n = p.n;
    // log p̂(x, c) = log( class density × n_c/n ) = log( Σ_{i: yᵢ = c} α / (n h^d C) ), in logs because far
    // from every key both joint densities underflow to 0 while their ratio (and the NW estimate) is defined
    const logJoint = (c: number): Float64Array => {
      const xc = p.x.filter((_, i) => labels[i] === c);
      if (xc.length === 0) return new Float64Array(p.m).fill(-Infinity);
      return density(options(p)).fit(xc).logPdf(p.q).map((v) => v + Math.log(xc.length / n));
    };
    const lPos = logJoint(1), lNeg = logJoint(-1);
    const nw = fitRegression(p, {}, p.x, labels).predict(p.q);
    const clf = classifier(options(p)).fit(p.x, labels);
    const proba = clf.predictProba(p.q);
    const predicted = clf.predict(p.q);
    const C = clf.classes.length;
    for (let i = 0; i < p.m; i++) {
      const a = lPos[i]!, b = lNeg[i]!;
      if (Number.isNaN(nw[i]!)) {
        // no key in reach: both joint densities vanish
        assert.equal(a, -Infinity);
        assert.equal(b, -Infinity);
        continue;
      }
      // sign(p̂₊ − p̂₋) = sign(log p̂₊ − log p̂₋), and (p̂₊ − p̂₋)/(p̂₊ + p̂₋) = tanh((log p̂₊ − log p̂₋)/2)
      const diff = a === b ? 0 : a - b;
      const ratio = diff === Infinity ? 1 : diff === -Infinity ? -1 : Math.tanh(diff / 2);
      const slack = 1e-12 + 4e-16 * (Number.isFinite(a) ? Math.abs(a) : 0) + 4e-16 * (Number.isFinite(b) ? Math.abs(b) : 0);
      if (Math.abs(nw[i]!) > 1e-9) {
        assert.equal(Math.sign(diff), Math.sign(nw[i]!), `query ${i}: log p̂(+1) = ${a}, log p̂(−1) = ${b}, NW = ${nw[i]}`);
      }
      // and more: (p̂₊ − p̂₋)/(p̂₊ + p̂₋) is the NW estimate itself
      assert.ok(Math.abs(ratio - nw[i]!) <= slack, `query ${i}: (p̂₊ − p̂₋)/(p̂₊ + p̂₋) = ${ratio}, NW = ${nw[i]}`);
      // the classifier: P(+1) − P(−1) = NW, and its prediction is the sign wherever the probabilities differ
      const pp = C === 2 ? proba[i * 2 + 1]! : clf.classes[0] === 1 ? 1 : 0;
      const pm = C === 2 ? proba[i * 2]! : clf.classes[0] === -1 ? 1 : 0;
      assert.ok(Math.abs(pp - pm - nw[i]!) <= 1e-12, `query ${i}: P(+1) − P(−1) = ${pp - pm}, NW = ${nw[i]}`);
      if (Math.abs(pp - pm) > 1e-12) {
        assert.equal(predicted[i], pp > pm ? 1 : -1, `query ${i}: P(+1) = ${pp}, P(−1) = ${pm}, predicted ${predicted[i]}`);
        assert.equal(predicted[i], Math.sign(nw[i]!));
      }
    }
  });

// ---------------------------------------------------------------------------------------------------------
// leave-one-out is refitting without the point

property('leave-one-out equals fitting on the other n − 1 rows and predicting the left-out point (1e-12)', SEED + 13, 40,
  problemArb({ nMin: 2, nMax: 25, weights: 'positive' }).chain((p) =>
    fc.record({ empty: fc.constantFrom('nan', 'nearest', 'mean'), picks: fc.uniqueArray(fc.integer({ min: 0, max: p.n - 1 }), { minLength: 1, maxLength: Math.min(p.n, 6) }) })
      .map((r) => ({ p, ...r }))),
  ({ p, empty, picks }) => {
    const extra = { empty } as EstimatorOptions;
    const loo = fitRegression(p, extra).leaveOneOut();
    const cond = conditioning(p, p.x);
    const scale = Math.max(1, maxAbs(p.y));
    const keepBut = <T>(a: readonly T[], i: number) => a.filter((_, j) => j !== i);
    for (const i of picks) {
      const refit = fitRegression(p, extra, keepBut(p.x, i), keepBut(p.y, i), p.weights && keepBut(p.weights, i)).predict([p.x[i]!]);
      assertClose([loo.predictions[i]!], refit, () => 1e-12 * scale * cond[i]!, `regression point ${i} (empty: ${empty})`);
    }
    // the density's leave-one-out log-likelihood, point by point
    if (p.kernel !== 'constant' && !(p.kernel === 'silverman' && p.d === 3)) {
      const kde = density(options(p)).fit(p.x, { weights: p.weights! }).leaveOneOut();
      for (const i of picks) {
        const refit = density(options(p)).fit(keepBut(p.x, i), { weights: keepBut(p.weights!, i) }).logPdf([p.x[i]!]);
        const a = kde.logDensity[i]!, b = refit[0]!;
        assert.ok(Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b)) || Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)) * cond[i]!,
          `density point ${i}: leave-one-out ${a} vs refit ${b}`);
      }
    }
    // the classifier's leave-one-out probabilities
    const labels = p.y.map((v) => (v < 0 ? 'neg' : 'pos'));
    const clf = classifier(options(p, extra)).fit(p.x, labels, { weights: p.weights! });
    const cl = clf.leaveOneOut();
    const C = clf.classes.length;
    for (const i of picks) {
      const refit = classifier(options(p, extra)).fit(keepBut(p.x, i), keepBut(labels, i), { weights: keepBut(p.weights!, i) });
      const pr = refit.predictProba([p.x[i]!]);
      for (let c = 0; c < C; c++) {
        const k = refit.classes.indexOf(clf.classes[c]!);
        const want = k < 0 ? (Number.isNaN(pr[0]!) ? NaN : 0) : pr[k]!;
        assertClose([cl.probabilities[i * C + c]!], [want], () => 1e-12 * cond[i]!, `class ${clf.classes[c]} at point ${i}`);
      }
    }
  });
