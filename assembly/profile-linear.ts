/**
 * Stage two of a tile on the linear path (the polynomial compact kernels; see `prepare` in job.ts):
 * α(u²) itself — 1, 1 − u, 1 − u², (1 − u²)², (1 − u²)³ or (1 − u³)³ inside the support, 0 outside —
 * times the key's weight e^{logW − shift}, in place, with the tile's maximum. The edges are the
 * oracle's: the boxcar takes u = 1, the others end before it.
 */
import { BIWEIGHT, BOXCAR, EPANECHNIKOV, TRIANGULAR, TRICUBE, TRIWEIGHT } from './constants';
import { kernelId, linW } from './job';
import { tileBuf } from './scratch';
import { is } from './specialise';

/** α·w of keys j0 ≤ j < j0 + count in place; returns their maximum. */
export function linearTerms(j0: i32, count: i32): f64 {
  switch (kernelId) {
    case BOXCAR: return linear<Boxcar>(j0, count);
    case TRIANGULAR: return linear<Triangular>(j0, count);
    case EPANECHNIKOV: return linear<Epanechnikov>(j0, count);
    case BIWEIGHT: return linear<Biweight>(j0, count);
    case TRIWEIGHT: return linear<Triweight>(j0, count);
    default: return linear<Tricube>(j0, count);
  }
}

/** The kernels (see specialise.ts). */
@final class Boxcar {}
@final class Triangular {}
@final class Epanechnikov {}
@final class Biweight {}
@final class Triweight {}
@final class Tricube {}

// @ts-ignore: decorator
@inline function linear<K>(j0: i32, count: i32): f64 {
  const buf = tileBuf();
  const W: usize = linW == 0 ? 0 : linW + (<usize>j0 << 3);
  const end = <usize>count << 3;
  if (ASC_FEATURE_SIMD) {
    let m0 = f64x2.splat(0), m1 = m0;
    for (let o: usize = 0; o < end; o += 32) {
      let a = alphaV<K>(v128.load(buf + o)), b = alphaV<K>(v128.load(buf + o, 16));
      if (W != 0) { a = f64x2.mul(a, v128.load(W + o)); b = f64x2.mul(b, v128.load(W + o, 16)); }
      v128.store(buf + o, a); v128.store(buf + o, b, 16);
      m0 = f64x2.pmax(m0, a); m1 = f64x2.pmax(m1, b);
    }
    m0 = f64x2.pmax(m0, m1);
    return Math.max(f64x2.extract_lane(m0, 0), f64x2.extract_lane(m0, 1));
  } else {
    let m: f64 = 0;
    for (let o: usize = 0; o < end; o += 8) {
      let a = alpha<K>(load<f64>(buf + o));
      if (W != 0) a *= load<f64>(W + o);
      store<f64>(buf + o, a);
      if (a > m) m = a;
    }
    return m;
  }
}

// @ts-ignore: decorator
@inline function alpha<K>(u2: f64): f64 {
  if (is<K, Boxcar>()) return u2 <= 1 ? 1 : 0;
  if (!(u2 < 1)) return 0;
  if (is<K, Triangular>()) return 1 - Math.sqrt(u2);
  if (is<K, Epanechnikov>()) return 1 - u2;
  if (is<K, Biweight>()) { const w = 1 - u2; return w * w; }
  if (is<K, Triweight>()) { const w = 1 - u2; return w * w * w; }
  const w = 1 - u2 * Math.sqrt(u2);
  return w * w * w;
}

// @ts-ignore: decorator
@inline function alphaV<K>(u2: v128): v128 {
  const one = f64x2.splat(1);
  if (is<K, Boxcar>()) return v128.and(one, f64x2.le(u2, one));
  let a: v128;
  if (is<K, Triangular>()) a = f64x2.sub(one, f64x2.sqrt(u2));
  else if (is<K, Epanechnikov>()) a = f64x2.sub(one, u2);
  else if (is<K, Biweight>()) { const w = f64x2.sub(one, u2); a = f64x2.mul(w, w); }
  else if (is<K, Triweight>()) { const w = f64x2.sub(one, u2); a = f64x2.mul(f64x2.mul(w, w), w); }
  else { const w = f64x2.sub(one, f64x2.mul(u2, f64x2.sqrt(u2))); a = f64x2.mul(f64x2.mul(w, w), w); }
  return v128.and(a, f64x2.lt(u2, one));
}
