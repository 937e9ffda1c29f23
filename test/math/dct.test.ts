/** The FFT-based DCT-II against its O(N²) definition, and the FFT against the DFT sum. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dct2, fft, isPowerOfTwo } from '../../src/math/dct.js';
import { NadarayaError } from '../../src/errors.js';
import { seededRandom } from '../../src/data/random.js';

/** y_k = Σ_j x_j cos(πk(2j + 1)/(2N)), summed directly. */
function dct2Naive(x: ArrayLike<number>): Float64Array {
  const n = x.length;
  return Float64Array.from({ length: n }, (_, k) => {
    let s = 0;
    for (let j = 0; j < n; j++) s += x[j]! * Math.cos((Math.PI * ((k * (2 * j + 1)) % (4 * n))) / (2 * n));
    return s;
  });
}

const maxAbs = (a: ArrayLike<number>) => Array.from(a).reduce((m, v) => Math.max(m, Math.abs(v)), 0);

describe('dct2', () => {
  for (const n of [1, 2, 4, 8, 16, 64, 256, 1024]) {
    test(`matches the O(N²) definition, N = ${n}`, () => {
      const rng = seededRandom(1000 + n);
      const x = Float64Array.from({ length: n }, () => rng.normal());
      const got = dct2(x), want = dct2Naive(x);
      const scale = maxAbs(want);
      for (let k = 0; k < n; k++) assert.ok(Math.abs(got[k]! - want[k]!) <= 1e-13 * scale * Math.log2(2 * n), `k = ${k}: ${got[k]} vs ${want[k]}`);
    });
  }

  test('a constant transforms to N c at k = 0 and 0 elsewhere; a basis cosine to N/2 at its k', () => {
    const n = 32;
    const c = dct2(new Float64Array(n).fill(0.25));
    assert.ok(Math.abs(c[0]! - 8) < 1e-14);
    for (let k = 1; k < n; k++) assert.ok(Math.abs(c[k]!) < 1e-14, `k = ${k}`);
    const b = dct2(Float64Array.from({ length: n }, (_, j) => Math.cos((Math.PI * 5 * (2 * j + 1)) / (2 * n))));
    for (let k = 0; k < n; k++) assert.ok(Math.abs(b[k]! - (k === 5 ? n / 2 : 0)) < 1e-13, `k = ${k}`);
  });

  test('refuses a length that is not a power of two', () => {
    assert.throws(() => dct2([1, 2, 3]), (e: unknown) => e instanceof NadarayaError && e.code === 'E_PARAM' && /got 3\.$/.test(e.message));
    assert.throws(() => dct2([]), NadarayaError);
    assert.equal(isPowerOfTwo(1024), true);
    assert.equal(isPowerOfTwo(1000), false);
  });
});

describe('fft', () => {
  test('matches the DFT sum, N = 128', () => {
    const n = 128, rng = seededRandom(7);
    const re = Float64Array.from({ length: n }, () => rng.normal()), im = Float64Array.from({ length: n }, () => rng.normal());
    const r0 = re.slice(), i0 = im.slice();
    fft(re, im);
    for (let k = 0; k < n; k++) {
      let sr = 0, si = 0;
      for (let j = 0; j < n; j++) {
        const ph = (-2 * Math.PI * ((j * k) % n)) / n; // reduced: exact phases for the reference
        sr += r0[j]! * Math.cos(ph) - i0[j]! * Math.sin(ph);
        si += r0[j]! * Math.sin(ph) + i0[j]! * Math.cos(ph);
      }
      assert.ok(Math.abs(re[k]! - sr) < 1e-12 && Math.abs(im[k]! - si) < 1e-12, `k = ${k}`);
    }
  });
});
