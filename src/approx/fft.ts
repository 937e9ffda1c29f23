/**
 * FFT convolution of real grids (1-D or 2-D, power-of-two sides) with real, symmetric kernels. The
 * transform is the radix-2 Cooley–Tukey of src/math/dct.ts with its bit-reversal and twiddles tabulated once
 * per length and kept (a 2-D transform calls it for every row and column, a model for every grid), the
 * twiddles stage by stage so that long stages read them in sequence. Two real grids share one complex
 * transform (re + i·im), split afterwards by Hermitian symmetry; two outputs share one inverse, since a real
 * symmetric kernel has a real spectrum.
 *
 * Rounding: ‖ŷ − y‖₂ ≤ c·u·log₂N·‖y‖₂ for the transform (Higham 2002, Accuracy and Stability, Thm 24.2), so
 * an FFT convolution is off by at most about 2c·u·log₂N·‖grid‖₂·‖kernel‖₁ anywhere; `fftRoundingBound` is
 * that with c = 8.
 */

export class FftPlan {
  readonly n: number;
  /** e^(−2πik/len) for every stage len = 2, 4, …, n, stage by stage (offset len/2 − 1): read in sequence. */
  private readonly twRe: Float64Array;
  private readonly twIm: Float64Array;
  private readonly rev: Uint32Array;
  constructor(n: number) {
    this.n = n;
    this.twRe = new Float64Array(Math.max(1, n - 1));
    this.twIm = new Float64Array(Math.max(1, n - 1));
    for (let len = 2; len <= n; len <<= 1) {
      const half = len >> 1;
      for (let k = 0; k < half; k++) {
        this.twRe[half - 1 + k] = Math.cos((2 * Math.PI * k) / len);
        this.twIm[half - 1 + k] = -Math.sin((2 * Math.PI * k) / len);
      }
    }
    this.rev = new Uint32Array(n);
    for (let i = 1, j = 0; i < n; i++) {
      let bit = n >> 1;
      for (; j & bit; bit >>= 1) j ^= bit;
      j ^= bit;
      this.rev[i] = j;
    }
  }

  /** The plan for length n, built once per length (the tables cost more than a transform of small grids). */
  static of(n: number): FftPlan {
    let plan = plans.get(n);
    if (!plan) {
      plan = new FftPlan(n);
      if (plans.size > 16) plans.clear();
      plans.set(n, plan);
    }
    return plan;
  }

  /** In-place forward DFT of (re, im), X_k = Σ x_j e^(−2πi jk/n). */
  forward(re: Float64Array, im: Float64Array): void {
    const n = this.n, rev = this.rev, twRe = this.twRe, twIm = this.twIm;
    for (let i = 1; i < n; i++) {
      const j = rev[i]!;
      if (i < j) {
        let t = re[i]!; re[i] = re[j]!; re[j] = t;
        t = im[i]!; im[i] = im[j]!; im[j] = t;
      }
    }
    for (let len = 2; len <= n; len <<= 1) {
      const half = len >> 1, off = half - 1;
      if (half < 64) {
        // short blocks: one twiddle per k, the butterflies of all blocks in the inner loop
        for (let k = 0; k < half; k++) {
          const wr = twRe[off + k]!, wi = twIm[off + k]!;
          for (let a = k; a < n; a += len) {
            const b = a + half;
            const br = re[b]!, bi = im[b]!;
            const xr = br * wr - bi * wi, xi = br * wi + bi * wr;
            const ar = re[a]!, ai = im[a]!;
            re[b] = ar - xr; im[b] = ai - xi;
            re[a] = ar + xr; im[a] = ai + xi;
          }
        }
        continue;
      }
      // long blocks: block by block, twiddles and data both read in sequence
      for (let start = 0; start < n; start += len) {
        for (let k = 0; k < half; k++) {
          const wr = twRe[off + k]!, wi = twIm[off + k]!;
          const a = start + k, b = a + half;
          const br = re[b]!, bi = im[b]!;
          const xr = br * wr - bi * wi, xi = br * wi + bi * wr;
          const ar = re[a]!, ai = im[a]!;
          re[b] = ar - xr; im[b] = ai - xi;
          re[a] = ar + xr; im[a] = ai + xi;
        }
      }
    }
  }

  /** In-place inverse DFT (with the 1/n): the forward transform of (im, re), swapped back. */
  inverse(re: Float64Array, im: Float64Array): void {
    this.forward(im, re);
    const s = 1 / this.n;
    for (let i = 0; i < this.n; i++) { re[i]! *= s; im[i]! *= s; }
  }
}

const plans = new Map<number, FftPlan>();

/** A grid of shape dims (row-major; dims.length 1 or 2). */
export type Dims = readonly number[];

/** In-place n-D DFT (forward or inverse) of (re, im) with the given shape. */
export function transform(dims: Dims, re: Float64Array, im: Float64Array, inverse: boolean): void {
  if (dims.length === 1) {
    const plan = FftPlan.of(dims[0]!);
    if (inverse) plan.inverse(re, im); else plan.forward(re, im);
    return;
  }
  const [rows, cols] = dims as [number, number];
  const rowPlan = FftPlan.of(cols);
  for (let r = 0; r < rows; r++) {
    const a = re.subarray(r * cols, (r + 1) * cols), b = im.subarray(r * cols, (r + 1) * cols);
    if (inverse) rowPlan.inverse(a, b); else rowPlan.forward(a, b);
  }
  const colPlan = rows === cols ? rowPlan : FftPlan.of(rows);
  const cr = new Float64Array(rows), ci = new Float64Array(rows);
  for (let c = 0; c < cols; c++) {
    for (let r = 0; r < rows; r++) { cr[r] = re[r * cols + c]!; ci[r] = im[r * cols + c]!; }
    if (inverse) colPlan.inverse(cr, ci); else colPlan.forward(cr, ci);
    for (let r = 0; r < rows; r++) { re[r * cols + c] = cr[r]!; im[r * cols + c] = ci[r]!; }
  }
}

/**
 * grid ⊛ (k₀ ⊗ k₁) for a G0 × G1 real grid (row-major) and each pair of real symmetric 1-D kernels, given by
 * their spectra on P0 and P1 points (P_c ≥ G_c + the kernel's reach, so the circular convolution does not
 * wrap): rows two at a time (re, im) through FFT(P1), then columns two at a time through FFT(P0). Only the
 * G0 rows and G1 columns that hold data are transformed; rows that are all zero (the margin around the
 * data) not at all; and the rows' forward transforms are shared by the pairs (a sum and its error bound
 * convolve the same binned weights).
 */
export function separableConvolve(grid: Float64Array, G0: number, G1: number, pairs: readonly (readonly [Float64Array, Float64Array])[]): Float64Array[] {
  const P0 = pairs[0]![0].length, P1 = pairs[0]![1].length;
  const plan1 = FftPlan.of(P1), plan0 = P0 === P1 ? plan1 : FftPlan.of(P0);
  const mids = pairs.map(() => new Float64Array(G0 * G1));
  const fr = new Float64Array(P1), fi = new Float64Array(P1);
  let re = new Float64Array(P1), im = new Float64Array(P1);
  for (let r = 0; r < G0; r += 2) {
    const two = r + 1 < G0;
    const rows = grid.subarray(r * G1, (two ? r + 2 : r + 1) * G1);
    if (rows.every((v) => v === 0)) continue;
    fr.fill(0); fi.fill(0);
    fr.set(rows.subarray(0, G1));
    if (two) fi.set(rows.subarray(G1));
    plan1.forward(fr, fi);
    pairs.forEach(([, k1Hat], q) => {
      for (let k = 0; k < P1; k++) { re[k] = fr[k]! * k1Hat[k]!; im[k] = fi[k]! * k1Hat[k]!; }
      plan1.inverse(re, im);
      mids[q]!.set(re.subarray(0, G1), r * G1);
      if (two) mids[q]!.set(im.subarray(0, G1), (r + 1) * G1);
    });
  }
  re = new Float64Array(P0); im = new Float64Array(P0);
  return pairs.map(([k0Hat], q) => {
    const mid = mids[q]!, out = new Float64Array(G0 * G1);
    for (let c = 0; c < G1; c += 2) {
      re.fill(0); im.fill(0);
      const two = c + 1 < G1;
      for (let r = 0; r < G0; r++) { re[r] = mid[r * G1 + c]!; if (two) im[r] = mid[r * G1 + c + 1]!; }
      plan0.forward(re, im);
      for (let k = 0; k < P0; k++) { re[k]! *= k0Hat[k]!; im[k]! *= k0Hat[k]!; }
      plan0.inverse(re, im);
      for (let r = 0; r < G0; r++) { out[r * G1 + c] = re[r]!; if (two) out[r * G1 + c + 1] = im[r]!; }
    }
    return out;
  });
}

/** Index of −k (mod each side) for flat index k. */
function mirror(dims: Dims, k: number): number {
  if (dims.length === 1) return k === 0 ? 0 : dims[0]! - k;
  const cols = dims[1]!, rows = dims[0]!;
  const r = Math.floor(k / cols), c = k - r * cols;
  return ((rows - r) % rows) * cols + ((cols - c) % cols);
}

/** Spectra (re, im) of real grids, two per complex transform. */
export function realSpectra(dims: Dims, grids: readonly Float64Array[]): [Float64Array, Float64Array][] {
  const out: [Float64Array, Float64Array][] = [];
  for (let g = 0; g < grids.length; g += 2) {
    const re = Float64Array.from(grids[g]!);
    const im = g + 1 < grids.length ? Float64Array.from(grids[g + 1]!) : new Float64Array(re.length);
    transform(dims, re, im, false);
    if (g + 1 >= grids.length) { out.push([re, im]); break; }
    // X = A + iB with A, B spectra of real grids: A_k = (X_k + conj X_−k)/2, B_k = (X_k − conj X_−k)/(2i)
    const N = re.length;
    const ar = new Float64Array(N), ai = new Float64Array(N), br = new Float64Array(N), bi = new Float64Array(N);
    for (let k = 0; k < N; k++) {
      const mk = mirror(dims, k);
      const xr = re[k]!, xi = im[k]!, yr = re[mk]!, yi = -im[mk]!;
      ar[k] = (xr + yr) / 2; ai[k] = (xi + yi) / 2;
      br[k] = (xi - yi) / 2; bi[k] = -(xr - yr) / 2;
    }
    out.push([ar, ai], [br, bi]);
  }
  return out;
}

/** Real grids spectrum ⊙ kernelHat (real), inverted two at a time: one output grid per job. */
export function convolveSpectra(dims: Dims, jobs: readonly { spectrum: [Float64Array, Float64Array]; kernelHat: Float64Array }[]): Float64Array[] {
  const out: Float64Array[] = [];
  for (let j = 0; j < jobs.length; j += 2) {
    const a = jobs[j]!, b = jobs[j + 1];
    const N = a.kernelHat.length;
    const re = new Float64Array(N), im = new Float64Array(N);
    for (let k = 0; k < N; k++) {
      const ka = a.kernelHat[k]!;
      re[k] = ka * a.spectrum[0][k]!; im[k] = ka * a.spectrum[1][k]!;
      if (b) { const kb = b.kernelHat[k]!; re[k]! -= kb * b.spectrum[1][k]!; im[k]! += kb * b.spectrum[0][k]!; }
    }
    transform(dims, re, im, true);
    out.push(re);
    if (b) out.push(im);
  }
  return out;
}

/** Bound on |computed − exact| of any element of grid ⊛ kernel computed by `realSpectra` + `convolveSpectra`. */
export function fftRoundingBound(N: number, gridNorm2: number, kernelNorm1: number): number {
  return 16 * 2 ** -53 * Math.max(1, Math.log2(N)) * gridNorm2 * kernelNorm1;
}
