/**
 * Kernels against independent numerics: log-domain profiles, derivatives by finite differences,
 * normalising constants and standard deviations by Gauss–Legendre quadrature, a 2-D density integrated on a
 * grid, and the names and aliases.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  NadarayaError, constant, density, densityConstant, gaussian, getKernel, kernelStandardDeviation, kernels,
  normalisingConstant, seededRandom, silverman, triangular,
} from '../../src/index.js';
import type { Kernel } from '../../src/index.js';

/** Nodes and weights of n-point Gauss–Legendre on [−1, 1], by Newton's method on P_n. */
function gaussLegendre(n: number): { x: number[]; w: number[] } {
  const x: number[] = [];
  const w: number[] = [];
  for (let i = 1; i <= n; i++) {
    let t = Math.cos((Math.PI * (i - 0.25)) / (n + 0.5));
    let dp = 0;
    for (let it = 0; it < 100; it++) {
      let p0 = 1, p1 = t;
      for (let k = 2; k <= n; k++) [p0, p1] = [p1, ((2 * k - 1) * t * p1 - (k - 1) * p0) / k];
      dp = (n * (t * p1 - p0)) / (t * t - 1);
      const dt = p1 / dp;
      t -= dt;
      if (Math.abs(dt) < 1e-16) break;
    }
    x.push(t);
    w.push(2 / ((1 - t * t) * dp * dp));
  }
  return { x, w };
}
const GL = gaussLegendre(20);

/** ∫ₐᵇ f by composite 20-point Gauss–Legendre on `panels` equal panels. */
function integrate(f: (u: number) => number, a: number, b: number, panels: number): number {
  const h = (b - a) / panels;
  let s = 0;
  for (let p = 0; p < panels; p++) {
    const mid = a + (p + 0.5) * h;
    for (let i = 0; i < GL.x.length; i++) s += GL.w[i]! * f(mid + 0.5 * h * GL.x[i]!);
  }
  return (s * h) / 2;
}

/** ∫₀^∞ α(r) rᵖ dr numerically: [0, support] for compact kernels, [0, 200] (tails below e⁻¹⁴⁰) otherwise. */
function moment(k: Kernel, p: number): number {
  const R = Number.isFinite(k.support) ? k.support : 200;
  return integrate((r) => k.profile(r) * r ** p, 0, R, Number.isFinite(k.support) ? 64 : 1600);
}

/** Area of the unit sphere S_{d−1} in R^d, written out from π: 2, 2π, 4π. */
const SPHERE: Record<number, number> = { 1: 2, 2: 2 * Math.PI, 3: 4 * Math.PI };
const grid = Array.from({ length: 401 }, (_, i) => i / 100);
const relClose = (got: number, want: number, tol: number, msg: string) =>
  assert.ok(Math.abs(got - want) <= tol * Math.abs(want), `${msg}: got ${got}, want ${want} (rel ${Math.abs(got - want) / Math.abs(want)})`);

describe('kernel profiles', () => {
  for (const k of kernels) {
    test(`${k.name}: profile(u) = exp(logAbsSq(u²)) · signSq(u²) on [0, 4]`, () => {
      for (const u of grid) {
        const want = k.profile(u);
        const got = Math.exp(k.logAbsSq(u * u)) * (k.signed ? k.signSq(u * u) : 1);
        // 1e-16 absolute (profiles are at most 1): cosine.profile(1) = cos(π/2) = 6.1e-17 in floating point,
        // while logAbsSq(1) = −Infinity (the edge of the support; reported, not a tolerance we loosen further)
        assert.ok(Math.abs(got - want) <= 1e-12 * Math.abs(want) + 1e-16, `u = ${u}: ${got} vs ${want}`);
        if (!k.signed) assert.equal(k.signSq(u * u), 1);
      }
    });
    test(`${k.name}: zero exactly outside the support ${k.support}, nonzero inside`, () => {
      for (const u of grid) {
        if (u > k.support) {
          assert.equal(k.profile(u), 0, `profile(${u})`);
          assert.equal(k.logAbsSq(u * u), -Infinity, `logAbsSq(${u}²)`);
        } else if (u < k.support) {
          assert.notEqual(k.profile(u), 0, `profile(${u})`);
        }
      }
      if (Number.isFinite(k.support)) assert.equal(k.profile(k.support + 1e-9), 0);
    });
    test(`${k.name}: logEnvelopeSq is a non-increasing upper bound of logAbsSq on [0, 10]`, () => {
      let prev = Infinity;
      for (let i = 0; i <= 1000; i++) {
        const u2 = (i / 100) ** 2;
        const env = k.logEnvelopeSq(u2);
        assert.ok(env >= k.logAbsSq(u2), `u = ${i / 100}: envelope ${env} < log|α| ${k.logAbsSq(u2)}`);
        assert.ok(env <= prev, `u = ${i / 100}: envelope increases`);
        prev = env;
      }
    });
    if (k.differentiable) {
      test(`${k.name}: derivative matches a central difference of the profile`, () => {
        const h = 1e-5;
        for (let u = 0.05; u < 4; u += 0.05) {
          if (Math.abs(u - k.support) < 0.01) continue; // the kink at the edge of the support
          const fd = (k.profile(u + h) - k.profile(u - h)) / (2 * h);
          const dv = k.derivative(u);
          assert.ok(Math.abs(fd - dv) <= 1e-7 * Math.max(1, Math.abs(dv)), `u = ${u}: derivative ${dv}, difference ${fd}`);
        }
      });
    }
  }
  test("the chapter's \"Epanechikov\" is the triangular kernel max(0, 1 − u), not 1 − u²", () => {
    for (const u of grid) assert.equal(triangular.profile(u), Math.max(0, 1 - u));
    assert.notEqual(getKernel('epanechnikov').profile(0.5), triangular.profile(0.5));
  });
});

describe('normalising constants by quadrature', () => {
  for (const k of kernels) {
    if (k === constant) {
      test('constant: not normalisable (Infinity), refused as a density kernel', () => {
        for (const d of [1, 2, 3]) assert.equal(normalisingConstant(k, d), Infinity);
        assert.throws(() => densityConstant(k, 1), (e: unknown) => e instanceof NadarayaError && e.code === 'E_PARAM');
      });
      continue;
    }
    test(`${k.name}: radial constants in d = 1, 2, 3 and the product shape in d = 2`, () => {
      for (const d of [1, 2, 3]) {
        const numeric = SPHERE[d]! * moment(k, d - 1);
        if (k === silverman && d === 3) {
          assert.ok(Math.abs(numeric) < 1e-9, `silverman's integral over R³ is 0, quadrature gives ${numeric}`);
          assert.equal(normalisingConstant(k, 3), 0);
          continue;
        }
        relClose(normalisingConstant(k, d), numeric, 1e-9, `d = ${d}`);
        relClose(densityConstant(k, d), numeric, 1e-9, `densityConstant d = ${d}`);
      }
      const oneD = 2 * moment(k, 0);
      relClose(normalisingConstant(k, 2, 'product'), oneD * oneD, 1e-9, 'product, d = 2');
      relClose(normalisingConstant(k, 2, 'product'), normalisingConstant(k, 1) ** 2, 1e-15, 'product = (1-D)²');
    });
  }
  test('silverman cannot be a density in d = 3: E_PARAM', () => {
    assert.throws(() => densityConstant(silverman, 3), (e: unknown) => e instanceof NadarayaError && e.code === 'E_PARAM');
  });
});

describe('a 2-D Parzen density integrates to 1', () => {
  const rng = seededRandom(7);
  const pts = Array.from({ length: 15 }, () => [rng.normal(), 0.5 * rng.normal() + 1]);
  const cases: { name: string; kernel: string; shape: 'radial' | 'product'; bandwidth: number | number[] }[] = [
    { name: 'radial gaussian, h = 0.5', kernel: 'gaussian', shape: 'radial', bandwidth: 0.5 },
    { name: 'radial epanechnikov, h = 0.6', kernel: 'epanechnikov', shape: 'radial', bandwidth: 0.6 },
    { name: 'product epanechnikov, h = [0.5, 0.8]', kernel: 'epanechnikov', shape: 'product', bandwidth: [0.5, 0.8] },
  ];
  for (const c of cases) {
    test(`${c.name} (seed 7, midpoint rule)`, () => {
      const kde = density({ kernel: c.kernel, shape: c.shape, bandwidth: c.bandwidth }).fit(pts);
      const reach = 8 * Math.max(...kde.bandwidth);
      const lo = pts.map((p) => p.map((v) => v - reach)).reduce((a, b) => [Math.min(a[0]!, b[0]!), Math.min(a[1]!, b[1]!)]);
      const hi = pts.map((p) => p.map((v) => v + reach)).reduce((a, b) => [Math.max(a[0]!, b[0]!), Math.max(a[1]!, b[1]!)]);
      const step = 0.02;
      const nx = Math.ceil((hi[0]! - lo[0]!) / step);
      const ny = Math.ceil((hi[1]! - lo[1]!) / step);
      const q: number[][] = [];
      for (let i = 0; i < nx; i++) for (let j = 0; j < ny; j++) q.push([lo[0]! + (i + 0.5) * step, lo[1]! + (j + 0.5) * step]);
      const total = kde.pdf(q).reduce((s, v) => s + v, 0) * step * step;
      assert.ok(Math.abs(total - 1) < 1e-3, `integral ${total}`);
    });
  }
});

describe('kernel standard deviations', () => {
  test('closed forms: gaussian 1, boxcar 1/√3, epanechnikov 1/√5, triangular 1/√6', () => {
    relClose(kernelStandardDeviation(gaussian), 1, 1e-14, 'gaussian');
    relClose(kernelStandardDeviation(getKernel('boxcar')), 1 / Math.sqrt(3), 1e-14, 'boxcar');
    relClose(kernelStandardDeviation(getKernel('epanechnikov')), 1 / Math.sqrt(5), 1e-14, 'epanechnikov');
    relClose(kernelStandardDeviation(triangular), 1 / Math.sqrt(6), 1e-14, 'triangular');
    assert.equal(kernelStandardDeviation(constant), Infinity);
  });
  for (const k of kernels) {
    if (k === constant) continue;
    test(`${k.name}: SD² = ∫u²α / ∫α by quadrature`, () => {
      const variance = moment(k, 2) / moment(k, 0);
      const sd = kernelStandardDeviation(k);
      assert.ok(Number.isFinite(sd));
      // compared as variances: silverman's is 0 (a fourth-order kernel), where √ would magnify rounding
      assert.ok(Math.abs(sd * sd - variance) <= 1e-9 * Math.max(Math.abs(variance), 1e-3), `SD² ${sd * sd}, quadrature ${variance}`);
    });
  }
});

describe('kernel names and aliases', () => {
  test('aliases resolve to the canonical kernels', () => {
    const aliases: [string, string][] = [['tophat', 'boxcar'], ['uniform', 'boxcar'], ['quartic', 'biweight'],
      ['laplace', 'exponential'], ['linear', 'triangular']];
    for (const [alias, name] of aliases) assert.equal(getKernel(alias).name, name, alias);
    for (const k of kernels) assert.equal(getKernel(k.name), k);
  });
  test('a misspelt kernel is E_PARAM with a suggestion', () => {
    assert.throws(() => getKernel('gausian'), (e: unknown) =>
      e instanceof NadarayaError && e.code === 'E_PARAM' && e.message.includes('did you mean "gaussian"'));
  });
});
