/**
 * The improved Sheather–Jones (ISJ) plug-in width for 1-D densities (Botev, Grotowski & Kroese 2010,
 * "Kernel density estimation via diffusion", Ann. Statist. 38(5), 2916–2957, §5; Botev's kde.m). Sheather
 * & Jones (1991) need a normal-reference pilot width to estimate ‖f″‖²; ISJ estimates each ‖f^(s)‖² at the
 * time that is optimal given ‖f^(s+1)‖², down a chain from ℓ = 7, and solves t = ξγ^[ℓ](t) for the Gaussian
 * variance t, so no normal reference enters and a multimodal density is not oversmoothed.
 * Steps (test/fixtures/isj/make_isj.py does the same with NumPy/SciPy):
 * 1. [a, b] = [min − r/10, max + r/10], r the data range (kde.m's default; KDEpy pads too): the cosine
 *    series reflects at a and b, and the margin keeps that reflection off the data.
 * 2. Linear binning (Wand & Jones 1995, App. D) onto m cells centred at u_j = (j + ½)/m of [0, 1], where
 *    the DCT-II samples cos(kπu). Its y gives the cosine coefficients a_k = 2y_k, and the density diffused
 *    to time t has ‖f^(s)‖² = ½ Σ_{k≥1} (kπ)^(2s) a_k² e^(−k²π²t) (Parseval).
 * 3. The root t* of F(t) = t − ξγ^[ℓ](t), bracketed as kde.m's `root` does, then Brent's method;
 *    h = √t* · (b − a), t* being a variance on [0, 1].
 * N, the sample size in the chain, is Kish's effective size (ΣW_v)²/ΣW_v² of the total weights W_v of the
 * distinct values v: n without ties or weights; the number of distinct values when each is repeated c
 * times, as kde.m counts (ties look like point masses and add spurious roots near t ≈ 1/m², so heavily
 * tied data get a wide, cautious width); the same for integer weights as for repeated points; unchanged
 * by scaling the weights (scipy's gaussian_kde uses Kish's size for weighted rules too).
 */
import { NadarayaError, paramError } from '../errors.js';
import { checkOptionKeys } from '../options.js';
import { dct2, isPowerOfTwo } from '../math/dct.js';

export interface IsjOptions {
  /** Observation weights wᵢ ≥ 0; integer weights equal repeated points. */
  weights?: ArrayLike<number> | null;
  /** Cells of the binning grid: a power of two from 16 to 2^24; 2^14 by default, as kde.m. */
  gridSize?: number;
}
/** The width (a Gaussian standard deviation, in the units of x) and the evaluations of F it took. */
export interface IsjResult {
  readonly bandwidth: number;
  readonly evaluations: number;
  /** The fixed-point residual F(t) = t − ξγ(t) at the solution (0 up to rounding), in t's units (variance / range²). */
  readonly residual: number;
  /** Every evaluation of F on the way, in order: the width √t · range it stands for and F(t). */
  readonly trace: readonly { readonly bandwidth: number; readonly residual: number }[];
}

const ELL = 7; // the chain starts at ‖f^(7)‖²: five plug-in stages s = 6…2, as in the paper and kde.m
const T_MAX = 0.1; // kde.m's widest bracket: a standard deviation of 0.32 of the padded interval
const dataError = (argument: string, value: unknown, problem: string, row?: number) =>
  new NadarayaError('E_DATA', row === undefined ? { argument, value } : { argument, row, value }, problem);

/**
 * The improved Sheather–Jones width of a 1-D sample, as a Gaussian standard deviation. Throws E_DATA for
 * fewer than 2 points, NaN/±Inf, constant data, bad weights, and when F has no root in (0, 0.1] (a handful
 * of points: ξγ(t) stays above t). KDEpy raises there too; kde.m's fallback, argmin |F|, tends to t → 0.
 * @example
 * const r = seededRandom(1);
 * const x = Array.from({ length: 1000 }, (_, i) => (i % 2 ? -1 + 0.5 * r.normal() : 2 + r.normal()));
 * isjBandwidth(x).bandwidth;     // 0.196; Silverman's rule gives 0.451 and blurs the narrow mode
 */
export function isjBandwidth(x: ArrayLike<number>, options: IsjOptions = {}): IsjResult {
  checkOptionKeys(options, ['weights', 'gridSize']);
  const m = options.gridSize ?? 2 ** 14;
  if (!isPowerOfTwo(m) || m < 16 || m > 2 ** 24) throw paramError('gridSize', 'must be a power of two from 16 to 2^24', m);
  const w = checkInput(x, options.weights ?? null);
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < x.length; i++) if (w[i]! > 0) { lo = Math.min(lo, x[i]!); hi = Math.max(hi, x[i]!); }
  if (!(hi > lo)) throw dataError('x', lo, 'is constant (all points of positive weight are equal), so there is no width to choose');
  const a = lo - (hi - lo) / 10, range = hi + (hi - lo) / 10 - a, N = effectiveSize(x, w);
  if (!Number.isFinite(range)) throw dataError('x', hi - lo, 'has a range too wide for double precision');
  const F = fixedPointFunction(N, dct2(bin(x, w, a, range / m, m)));
  const trace: { bandwidth: number; residual: number }[] = [];
  const { t, evaluations } = solve((v) => { const r = F(v); trace.push({ bandwidth: Math.sqrt(v) * range, residual: r }); return r; }, N, x);
  return { bandwidth: Math.sqrt(t) * range, evaluations, residual: F(t), trace };
}

function checkInput(x: ArrayLike<number>, weights: ArrayLike<number> | null): Float64Array {
  const n = x?.length;
  if (typeof n !== 'number') throw dataError('x', x, 'must be an array of numbers');
  if (n < 2) throw dataError('x', n, 'the ISJ bandwidth needs at least 2 points');
  for (let i = 0; i < n; i++) if (typeof x[i] !== 'number' || !Number.isFinite(x[i])) throw dataError('x', x[i], 'must be a finite number', i);
  if (weights === null) return new Float64Array(n).fill(1);
  if (weights.length !== n) throw dataError('weights', weights.length, `must have one weight per point of x (${n})`);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const wi = weights[i];
    if (typeof wi !== 'number' || !(wi >= 0) || wi === Infinity) throw dataError('weights', wi, 'must be a finite number ≥ 0', i);
    total += wi;
  }
  if (!(total > 0)) throw dataError('weights', total, 'must not all be 0');
  return Float64Array.from(weights);
}

/** Linear binning onto the cell centres a + (j + ½)δ, normalised to probabilities. */
function bin(x: ArrayLike<number>, w: Float64Array, a: number, delta: number, m: number): Float64Array {
  const p = new Float64Array(m);
  let total = 0;
  for (let i = 0; i < x.length; i++) {
    const wi = w[i]!, s = (x[i]! - a) / delta - 0.5;
    if (!(wi > 0)) continue;
    const j = Math.min(Math.max(Math.floor(s), 0), m - 2), f = s - j;
    p[j] += wi * (1 - f);
    p[j + 1] += wi * f;
    total += wi;
  }
  return p.map((v) => v / total);
}

/**
 * Kish's size over distinct values (module note). A bitmap of value hashes (murmur3's finaliser of the
 * two halves of the double) proves most points unique in one cache-friendly pass; only the points whose
 * hash was seen twice are grouped by value in a Map: for 10⁶ points a few times faster than a sort.
 */
function effectiveSize(x: ArrayLike<number>, w: Float64Array): number {
  const bits = Math.max(16, Math.ceil(Math.log2(16 * x.length))), seen = new Int32Array(2 ** (bits - 5)), twice = seen.slice();
  const f64 = new Float64Array(1), u32 = new Uint32Array(f64.buffer), hashes = new Uint32Array(x.length);
  let total = 0, sumSq = 0;
  for (let i = 0; i < x.length; i++) {
    const wi = w[i]!;
    if (!(wi > 0)) continue;
    f64[0] = x[i]! + 0; // + 0: −0 hashes as 0
    let h = u32[0]! ^ Math.imul(u32[1]!, 0x9e3779b1);
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    const b = (hashes[i] = (h ^ (h >>> 16)) >>> (32 - bits)), bit = 1 << (b & 31);
    if (seen[b >>> 5]! & bit) twice[b >>> 5] |= bit; else seen[b >>> 5] |= bit;
    total += wi;
    sumSq += wi * wi;
  }
  const groups = new Map<number, number>();
  for (let i = 0; i < x.length; i++) {
    const wi = w[i]!, b = hashes[i]!;
    if (!(wi > 0) || !(twice[b >>> 5]! & (1 << (b & 31)))) continue;
    sumSq -= wi * wi;
    groups.set(x[i]! + 0, (groups.get(x[i]! + 0) ?? 0) + wi);
  }
  for (const g of groups.values()) sumSq += g * g;
  return (total * total) / sumSq;
}

/** F(t) = t − ξγ^[ℓ](t) (Botev et al. 2010, §5), from the DCT-II y of the binned density. */
function fixedPointFunction(N: number, y: Float64Array): (t: number) => number {
  const m = y.length, lambda = Float64Array.from({ length: m }, (_, k) => -(k * k) * Math.PI ** 2);
  const terms = [2, 3, 4, 5, 6, 7].map((s) => Float64Array.from({ length: m }, (_, k) => (k * k) ** s * y[k]! ** 2));
  // ‖f^(s)‖² = 2π^(2s) Σ_{k≥1} k^(2s) y_k² e^(−k²π²t); the terms past e^(−746) are exactly 0
  const norm2 = (s: number, t: number): number => {
    let sum = 0;
    for (let k = 1, c = terms[s - 2]!; k < m && lambda[k]! * t > -746; k++) sum += c[k]! * Math.exp(lambda[k]! * t);
    return 2 * Math.PI ** (2 * s) * sum;
  };
  return (t) => {
    let f = norm2(ELL, t);
    for (let s = ELL - 1; s >= 2 && f > 0; s--) {
      let odd = 1;
      for (let i = 3; i < 2 * s; i += 2) odd *= i; // 1·3·…·(2s − 1)
      const c = (1 + 0.5 ** (s + 0.5)) / 3;
      // the time that is AMISE-optimal for estimating ‖f^(s)‖², given ‖f^(s+1)‖² (Botev et al., §5)
      f = norm2(s, (((2 * c * odd) / Math.sqrt(2 * Math.PI)) / (N * f)) ** (2 / (3 + 2 * s)));
    }
    // ξγ(t), the AMISE-optimal variance; a vanishing norm makes it unbounded, far above t
    return f > 0 ? t - (2 * N * Math.sqrt(Math.PI) * f) ** (-2 / 5) : -1;
  };
}

/**
 * kde.m's `root`: F(0) < 0; the bracket [0, τ] starts at τ = 10⁻¹² + 0.01 (N′ − 50)/1000 (N′ = N clamped to
 * [50, 1050]) and doubles, up to 0.1, until F(τ) ≥ 0, so that of several roots a small one is found.
 */
function solve(F: (t: number) => number, N: number, x: ArrayLike<number>): { t: number; evaluations: number } {
  let evaluations = 0;
  const f = (t: number) => { evaluations++; return F(t); };
  const f0 = f(0);
  let tau = 1e-12 + 0.01 * (Math.min(Math.max(N, 50), 1050) - 50) / 1000, ft = f(tau);
  for (; ft < 0; ft = f(tau)) {
    if (tau >= T_MAX) {
      throw dataError('x', x, `has no ISJ fixed point t = ξγ(t) in (0, ${T_MAX}] (too few points, or too few distinct ` +
        `values: effective size ${N.toPrecision(3)}); use a rule of thumb such as "silverman"`);
    }
    tau = Math.min(2 * tau, T_MAX);
  }
  return { t: ft === 0 ? tau : brent(f, 0, tau, f0, ft), evaluations };
}

/** Brent's zero finder (Brent 1973, ch. 4; netlib zeroin), run to a bracket of 4ε|t|: full precision. */
function brent(f: (t: number) => number, a: number, b: number, fa: number, fb: number): number {
  let c = a, fc = fa, d = b - a, e = d;
  for (let iter = 0; iter < 500; iter++) {
    if ((fb > 0) === (fc > 0)) { c = a; fc = fa; d = e = b - a; }
    if (Math.abs(fc) < Math.abs(fb)) { a = b; b = c; c = a; fa = fb; fb = fc; fc = fa; }
    const tol = 2 * Number.EPSILON * Math.abs(b) + 1e-300, xm = 0.5 * (c - b);
    if (Math.abs(xm) <= tol || fb === 0) return b;
    let interpolated = false; // inverse quadratic interpolation (or secant), if it stays well inside
    if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
      const s = fb / fa, qa = fa / fc, r = fb / fc;
      let p = a === c ? 2 * xm * s : s * (2 * xm * qa * (qa - r) - (b - a) * (r - 1));
      let q = a === c ? 1 - s : (qa - 1) * (r - 1) * (s - 1);
      if (p > 0) q = -q; else p = -p;
      interpolated = 2 * p < 3 * xm * q - Math.abs(tol * q) && p < Math.abs(0.5 * e * q);
      if (interpolated) { e = d; d = p / q; }
    }
    if (!interpolated) d = e = xm; // else bisection
    a = b; fa = fb;
    b += Math.abs(d) > tol ? d : xm > 0 ? tol : -tol;
    fb = f(b);
  }
  return b;
}
