/**
 * A radix-2 FFT and the DCT-II built on it, for lengths that are powers of two: what the ISJ bandwidth
 * needs to turn a binned density into its cosine series (Botev et al. 2010 use the same transform).
 *
 * The DCT-II is computed from one complex FFT of the same length by Makhoul's reordering (Makhoul 1980,
 * "A fast cosine transform in one and two dimensions", IEEE Trans. ASSP 28(1)): the even-indexed
 * samples in order followed by the odd-indexed ones reversed make the cosine sum the real part of a
 * DFT, turned by a quarter-sample phase. Twiddle factors are computed directly by cos/sin (no
 * recurrence), so the error grows like ε log₂ N.
 */
import { paramError } from '../errors.js';

/** Is `n` a power of two (1, 2, 4, …)? */
export function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= 2 ** 30 && (n & (n - 1)) === 0;
}

/**
 * In-place forward DFT X_k = Σ_j x_j e^(−2πi jk/N) of (re, im), N a power of two (iterative
 * Cooley–Tukey: bit-reversal permutation, then log₂ N butterfly passes).
 * @example
 * const re = Float64Array.of(1, 0, 0, 0), im = new Float64Array(4);
 * fft(re, im); // re = [1, 1, 1, 1], im = [0, 0, 0, 0]
 */
export function fft(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  if (!isPowerOfTwo(n) || im.length !== n) throw paramError('re', 'must have a power-of-two length equal to that of im', n);
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      let t = re[i]!; re[i] = re[j]!; re[j] = t;
      t = im[i]!; im[i] = im[j]!; im[j] = t;
    }
  }
  const cos = new Float64Array(n >> 1), sin = new Float64Array(n >> 1);
  for (let k = 0; k < n >> 1; k++) { cos[k] = Math.cos((2 * Math.PI * k) / n); sin[k] = -Math.sin((2 * Math.PI * k) / n); }
  for (let len = 2; len <= n; len <<= 1) {
    const half = len >> 1, stride = n / len;
    for (let start = 0; start < n; start += len) {
      for (let k = 0; k < half; k++) {
        const wr = cos[k * stride]!, wi = sin[k * stride]!;
        const a = start + k, b = a + half;
        const xr = re[b]! * wr - im[b]! * wi, xi = re[b]! * wi + im[b]! * wr;
        re[b] = re[a]! - xr; im[b] = im[a]! - xi;
        re[a] = re[a]! + xr; im[a] = im[a]! + xi;
      }
    }
  }
}

/**
 * DCT-II without normalisation: y_k = Σ_{j<N} x_j cos(πk(2j + 1) / (2N)), k = 0…N−1, N a power of two,
 * in O(N log N). (SciPy's `scipy.fft.dct(x, type=2)` is twice this; MATLAB's `dct` is orthonormal.)
 * @example
 * dct2([1, 1, 1, 1]); // Float64Array [4, 0, 0, 0] (up to rounding)
 */
export function dct2(x: ArrayLike<number>): Float64Array {
  const n = x.length;
  if (!isPowerOfTwo(n)) throw paramError('x', 'must have a length that is a power of two', n);
  // Makhoul: v = (x₀, x₂, x₄, …, x₅, x₃, x₁); then y_k = Re(e^(−iπk/(2N)) V_k)
  const re = new Float64Array(n), im = new Float64Array(n);
  for (let j = 0; j < n >> 1; j++) { re[j] = x[2 * j]!; re[n - 1 - j] = x[2 * j + 1]!; }
  if (n === 1) re[0] = x[0]!;
  fft(re, im);
  const y = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const phase = (Math.PI * k) / (2 * n);
    y[k] = re[k]! * Math.cos(phase) + im[k]! * Math.sin(phase);
  }
  return y;
}
