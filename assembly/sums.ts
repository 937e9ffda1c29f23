/**
 * Stages three and four of a tile in one pass: each key's term e_j = s_j e^{la_j − M} relative to the
 * running maximum M (or α·w / A on the linear path), and the running sums S += Σ e, S2 += Σ e² (where
 * e² is a normal number: below that it is no term of S2, as e is none of S below the flush limit),
 * top = max |e|, W_c += Σ e v_{j,c}. Terms whose log is below the flush limit give exactly 0 (see
 * constants.ts); exp's argument is clamped first so that it never leaves its range. Vector code takes
 * two float64 vectors (or eight float32 lanes) per step, so that independent exp chains sit side by side
 * for the out-of-order core, and one vector accumulator per sum, reduced once per tile; the first value
 * column rides along, further columns take a pass each over the terms kept in the tile buffer.
 */
import { FLUSH_LOG32, FLUSH_LOG64 } from './constants';
import { expF32, expF32x4, expF64, expF64x2 } from './exp';
import { nPad, p, valuesT } from './job';
import { addSums, runRow } from './running';
import { tileBuf, tileBuf32, tileRef, tileSign } from './scratch';
import { is } from './specialise';

/** Where the terms come from (see specialise.ts). */
@final class Log64 {}
@final class SignedLog64 {}
@final class Log32 {}
@final class Linear {}

/** Terms e^{la − M} of the float64 log-terms (times their signs when `signed`) into the sums. */
export function sumLog64(j0: i32, count: i32, M: f64, signed: bool): void {
  if (signed) sums<SignedLog64>(j0, count, M);
  else sums<Log64>(j0, count, M);
}

/** Terms e^{la − M} of the float32 log-terms (exp in float32, sums in float64) into the sums. */
export function sumLog32(j0: i32, count: i32, M: f64): void {
  sums<Log32>(j0, count, M);
}

/** Terms a / A of the linear path into the sums. */
export function sumLinear(j0: i32, count: i32, A: f64): void {
  sums<Linear>(j0, count, 1 / A);
}

/** The flush limit as data (a vector constant would be rebuilt at every use; see exp.ts). */
const LIMIT64: usize = memory.data<f64>([FLUSH_LOG64, FLUSH_LOG64 / 2]);
const LIMIT32: usize = memory.data<f32>([FLUSH_LOG32]);

// @ts-ignore: decorator
@inline function sums<S>(j0: i32, count: i32, ref: f64): void {
  // M (log path) or 1/A (linear path), read in the loop by broadcast loads (see tileRef)
  store<f64>(tileRef(), ref);
  store<f32>(tileRef(), <f32>ref, 8);
  if (p == 0) sumsOf<S>(false, j0, count);
  else sumsOf<S>(true, j0, count);
  for (let c = 1; c < p; c++) addColumn(c, dotColumn(valuesT + ((<usize>c * <usize>nPad + <usize>j0) << 3), <usize>count << 3));
}

// @ts-ignore: decorator
@inline function sumsOf<S>(values: bool, j0: i32, count: i32): void {
  const buf = tileBuf(), buf32 = tileBuf32(), sign = tileSign(), R = tileRef();
  const V0: usize = values ? valuesT + (<usize>j0 << 3) : 0;
  const keep = p > 1;
  const end = <usize>count << 3;
  if (ASC_FEATURE_SIMD) {
    const zero = f64x2.splat(0);
    let s0 = zero, q0 = zero, t0 = zero, w0 = zero;
    if (is<S, Log32>()) {
      // eight float32 terms per step (two exp chains side by side), widened to four float64 vectors
      for (let o: usize = 0; o < end; o += 64) {
        const lo = v128.load32_splat(LIMIT32), mv = v128.load32_splat(R, 8);
        const xa = f32x4.sub(v128.load(buf32 + (o >> 1)), mv);
        const xb = f32x4.sub(v128.load(buf32 + (o >> 1), 16), mv);
        const ea = v128.and(expF32x4(f32x4.pmax(lo, xa)), f32x4.ge(xa, lo));
        const eb = v128.and(expF32x4(f32x4.pmax(lo, xb)), f32x4.ge(xb, lo));
        const e0 = f64x2.promote_low_f32x4(ea);
        const e1 = f64x2.promote_low_f32x4(v128.shuffle<i32>(ea, ea, 2, 3, 2, 3));
        const e2 = f64x2.promote_low_f32x4(eb);
        const e3 = f64x2.promote_low_f32x4(v128.shuffle<i32>(eb, eb, 2, 3, 2, 3));
        if (keep) { v128.store(buf + o, e0); v128.store(buf + o, e1, 16); v128.store(buf + o, e2, 32); v128.store(buf + o, e3, 48); }
        s0 = f64x2.add(s0, f64x2.add(f64x2.add(e0, e1), f64x2.add(e2, e3)));
        q0 = f64x2.add(q0, f64x2.add(f64x2.add(f64x2.mul(e0, e0), f64x2.mul(e1, e1)), f64x2.add(f64x2.mul(e2, e2), f64x2.mul(e3, e3))));
        t0 = f64x2.pmax(t0, f64x2.pmax(f64x2.pmax(e0, e1), f64x2.pmax(e2, e3)));
        if (values) w0 = f64x2.add(w0, f64x2.add(
          f64x2.add(f64x2.mul(e0, v128.load(V0 + o)), f64x2.mul(e1, v128.load(V0 + o, 16))),
          f64x2.add(f64x2.mul(e2, v128.load(V0 + o, 32)), f64x2.mul(e3, v128.load(V0 + o, 48)))));
      }
    } else {
      // two vectors per step: independent exp chains side by side for the out-of-order core
      for (let o: usize = 0; o < end; o += 32) {
        // e, and e where e² stays a normal number (a subnormal product stalls the CPU)
        let e0: v128, e1: v128, r0: v128, r1: v128;
        if (is<S, Linear>()) {
          const rv = v128.load64_splat(R);
          e0 = r0 = f64x2.mul(v128.load(buf + o), rv);
          e1 = r1 = f64x2.mul(v128.load(buf + o, 16), rv);
        } else {
          const lo = v128.load64_splat(LIMIT64), half = v128.load64_splat(LIMIT64, 8), rv = v128.load64_splat(R);
          const x0 = f64x2.sub(v128.load(buf + o), rv), x1 = f64x2.sub(v128.load(buf + o, 16), rv);
          e0 = v128.and(expF64x2(f64x2.pmax(lo, x0)), f64x2.ge(x0, lo));
          e1 = v128.and(expF64x2(f64x2.pmax(lo, x1)), f64x2.ge(x1, lo));
          if (is<S, SignedLog64>()) { e0 = f64x2.mul(e0, v128.load(sign + o)); e1 = f64x2.mul(e1, v128.load(sign + o, 16)); }
          r0 = v128.and(e0, f64x2.ge(x0, half));
          r1 = v128.and(e1, f64x2.ge(x1, half));
        }
        if (keep) { v128.store(buf + o, e0); v128.store(buf + o, e1, 16); }
        s0 = f64x2.add(s0, f64x2.add(e0, e1));
        q0 = f64x2.add(q0, f64x2.add(f64x2.mul(r0, r0), f64x2.mul(r1, r1)));
        if (is<S, SignedLog64>()) t0 = f64x2.pmax(t0, f64x2.pmax(f64x2.abs(e0), f64x2.abs(e1)));
        else t0 = f64x2.pmax(t0, f64x2.pmax(e0, e1));
        if (values) w0 = f64x2.add(w0, f64x2.add(f64x2.mul(e0, v128.load(V0 + o)), f64x2.mul(e1, v128.load(V0 + o, 16))));
      }
    }
    if (values) addColumn(0, hsum(w0));
    addSums(hsum(s0), hsum(q0), Math.max(f64x2.extract_lane(t0, 0), f64x2.extract_lane(t0, 1)));
  } else {
    const ref = load<f64>(R), ref32 = load<f32>(R, 8);
    let s: f64 = 0, s2: f64 = 0, top: f64 = 0, w: f64 = 0;
    for (let o: usize = 0; o < end; o += 8) {
      let e: f64, r: f64;
      if (is<S, Log32>()) {
        const x = load<f32>(buf32 + (o >> 1)) - ref32;
        e = r = x >= FLUSH_LOG32 ? <f64>expF32(x) : 0;
      } else if (is<S, Linear>()) {
        e = r = load<f64>(buf + o) * ref;
      } else {
        const x = load<f64>(buf + o) - ref;
        e = x >= FLUSH_LOG64 ? expF64(x) : 0;
        if (is<S, SignedLog64>()) e *= load<f64>(sign + o);
        r = x >= FLUSH_LOG64 / 2 ? e : 0;
      }
      if (keep) store<f64>(buf + o, e);
      s += e; s2 += r * r;
      const a = Math.abs(e);
      if (a > top) top = a;
      if (values) w += e * load<f64>(V0 + o);
    }
    if (values) addColumn(0, w);
    addSums(s, s2, top);
  }
}

/** Σ e_j v_j over the tile's kept terms for one value column starting at V. */
function dotColumn(V: usize, end: usize): f64 {
  const buf = tileBuf();
  if (ASC_FEATURE_SIMD) {
    let w0 = f64x2.splat(0), w1 = w0;
    for (let o: usize = 0; o < end; o += 32) {
      w0 = f64x2.add(w0, f64x2.mul(v128.load(buf + o), v128.load(V + o)));
      w1 = f64x2.add(w1, f64x2.mul(v128.load(buf + o, 16), v128.load(V + o, 16)));
    }
    return hsum(f64x2.add(w0, w1));
  } else {
    let w: f64 = 0;
    for (let o: usize = 0; o < end; o += 8) w += load<f64>(buf + o) * load<f64>(V + o);
    return w;
  }
}

// @ts-ignore: decorator
@inline function addColumn(c: i32, w: f64): void {
  const a = runRow + (<usize>c << 3);
  store<f64>(a, load<f64>(a) + w);
}

// @ts-ignore: decorator
@inline function hsum(s: v128): f64 {
  return f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
}
