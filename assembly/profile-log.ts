/**
 * Stage two of a tile on the log path (Gaussian, exponential, dot product): the log-term
 * la = log|α| + log wⱼ of every key, with the tile's maximum. In one dimension it reads the keys itself
 * (the distance and the log-term in one pass); otherwise it maps stage one's u² or q·k in place. The
 * float32 form rounds the scaled difference (1-D) or u² (d-D) to single precision, computes la in four
 * lanes and writes the float32 tile buffer; differences are taken in float64 first, so data far from 0
 * keep their digits.
 */
import { GAUSSIAN, SIM_DOT } from './constants';
import { distances } from './distance';
import { d, invKS, invTemperature, invWidth, keysT, kernelId, logW, similarity } from './job';
import { tileBuf, tileBuf32 } from './scratch';
import { is } from './specialise';

/** −½ as data: a vector constant would be rebuilt in the loop at every use (see exp.ts). */
const MINUS_HALF64: usize = memory.data<f64>([-0.5]);
const MINUS_HALF32: usize = memory.data<f32>([-0.5]);

/** The log-terms (see specialise.ts). */
@final class Gauss {}
@final class Expo {}
@final class Dot {}

/** la of keys j0 ≤ j < j0 + len into the float64 tile buffer, −∞ up to `count`; returns the maximum. */
export function logTerms64(q: usize, j0: i32, len: i32, count: i32): f64 {
  if (similarity == SIM_DOT) return mapped64<Dot>(q, j0, len, count, invTemperature);
  if (kernelId == GAUSSIAN) return d == 1 ? direct64<Gauss>(q, j0, len, count) : mapped64<Gauss>(q, j0, len, count, -0.5);
  return d == 1 ? direct64<Expo>(q, j0, len, count) : mapped64<Expo>(q, j0, len, count, 0);
}

/** la of keys j0 ≤ j < j0 + len into the float32 tile buffer, −∞ up to `count`; returns the maximum. */
export function logTerms32(q: usize, j0: i32, len: i32, count: i32): f64 {
  if (similarity == SIM_DOT) return mapped32<Dot>(q, j0, len, count, invTemperature);
  if (kernelId == GAUSSIAN) return d == 1 ? direct32<Gauss>(q, j0, len, count) : mapped32<Gauss>(q, j0, len, count, -0.5);
  return d == 1 ? direct32<Expo>(q, j0, len, count) : mapped32<Expo>(q, j0, len, count, 0);
}

// ---- one dimension: straight from the keys ----

// @ts-ignore: decorator
@inline function direct64<Kind>(q: usize, j0: i32, len: i32, count: i32): f64 {
  const buf = tileBuf();
  const jo = <usize>j0 << 3;
  const K = keysT + jo, S: usize = invKS == 0 ? 0 : invKS + jo, W: usize = logW == 0 ? 0 : logW + jo;
  const x = load<f64>(q), ih = load<f64>(invWidth);
  // groups of four from `full` on run past the tile: their extra lanes are cleared before they count
  const full = <usize>(len & ~3) << 3, end = <usize>count << 3;
  if (ASC_FEATURE_SIMD) {
    const xv = f64x2.splat(x), hv = f64x2.splat(ih);
    let m = f64x2.splat(-Infinity);
    for (let o: usize = 0; o < full; o += 32) m = f64x2.pmax(m, group64<Kind>(xv, hv, K, S, W, buf, o));
    if (full < end) {
      for (let o = full; o < end; o += 32) group64<Kind>(xv, hv, K, S, W, buf, o);
      padTail64(len, count);
      for (let o = full; o < end; o += 32) m = f64x2.pmax(m, f64x2.pmax(v128.load(buf + o), v128.load(buf + o, 16)));
    }
    return Math.max(f64x2.extract_lane(m, 0), f64x2.extract_lane(m, 1));
  } else {
    let m = -Infinity;
    for (let o: usize = 0; o < (<usize>len << 3); o += 8) {
      let t = (x - load<f64>(K + o)) * ih;
      if (S != 0) t *= load<f64>(S + o);
      let la = is<Kind, Gauss>() ? -0.5 * (t * t) : -Math.sqrt(t * t);
      if (W != 0) la += load<f64>(W + o);
      store<f64>(buf + o, la);
      if (la > m) m = la;
    }
    padTail64(len, count);
    return m;
  }
}

/** Four keys' la (two vectors) at byte offset o, stored; returns their lane-wise maximum. */
// @ts-ignore: decorator
@inline function group64<Kind>(xv: v128, hv: v128, K: usize, S: usize, W: usize, buf: usize, o: usize): v128 {
  let t0 = f64x2.mul(f64x2.sub(xv, v128.load(K + o)), hv);
  let t1 = f64x2.mul(f64x2.sub(xv, v128.load(K + o, 16)), hv);
  if (S != 0) { t0 = f64x2.mul(t0, v128.load(S + o)); t1 = f64x2.mul(t1, v128.load(S + o, 16)); }
  let a: v128, b: v128;
  if (is<Kind, Gauss>()) {
    const h = v128.load64_splat(MINUS_HALF64);
    a = f64x2.mul(f64x2.mul(t0, t0), h); b = f64x2.mul(f64x2.mul(t1, t1), h);
  } else {
    // √(t²) is |t| exactly
    a = f64x2.neg(f64x2.abs(t0)); b = f64x2.neg(f64x2.abs(t1));
  }
  if (W != 0) { a = f64x2.add(a, v128.load(W + o)); b = f64x2.add(b, v128.load(W + o, 16)); }
  v128.store(buf + o, a); v128.store(buf + o, b, 16);
  return f64x2.pmax(a, b);
}

// @ts-ignore: decorator
@inline function direct32<Kind>(q: usize, j0: i32, len: i32, count: i32): f64 {
  const buf32 = tileBuf32();
  const jo = <usize>j0 << 3;
  const K = keysT + jo, S: usize = invKS == 0 ? 0 : invKS + jo, W: usize = logW == 0 ? 0 : logW + jo;
  const x = load<f64>(q), ih = load<f64>(invWidth);
  const full: usize = len & ~3;
  if (ASC_FEATURE_SIMD) {
    const xv = f64x2.splat(x), hv = f64x2.splat(ih);
    let m = f32x4.splat(-Infinity);
    for (let t: usize = 0; t < full; t += 4) m = f32x4.pmax(m, group32<Kind>(xv, hv, K, S, W, buf32, t));
    if (full < <usize>count) {
      for (let t = full; t < <usize>count; t += 4) group32<Kind>(xv, hv, K, S, W, buf32, t);
      padTail32(len, count);
      for (let t = full; t < <usize>count; t += 4) m = f32x4.pmax(m, v128.load(buf32 + (t << 2)));
    }
    return maxLane32(m);
  } else {
    let m: f32 = -Infinity;
    for (let t: usize = 0; t < <usize>len; t++) {
      let dt = (x - load<f64>(K + (t << 3))) * ih;
      if (S != 0) dt *= load<f64>(S + (t << 3));
      const u = <f32>dt;
      let la: f32 = is<Kind, Gauss>() ? (u * u) * <f32>-0.5 : -Mathf.abs(u);
      if (W != 0) la += <f32>load<f64>(W + (t << 3));
      store<f32>(buf32 + (t << 2), la);
      if (la > m) m = la;
    }
    padTail32(len, count);
    return <f64>m;
  }
}

/** Four keys' float32 la at key offset t (scaled differences in float64, then single precision), stored; returned. */
// @ts-ignore: decorator
@inline function group32<Kind>(xv: v128, hv: v128, K: usize, S: usize, W: usize, buf32: usize, t: usize): v128 {
  const o = t << 3;
  let t0 = f64x2.mul(f64x2.sub(xv, v128.load(K + o)), hv);
  let t1 = f64x2.mul(f64x2.sub(xv, v128.load(K + o, 16)), hv);
  if (S != 0) { t0 = f64x2.mul(t0, v128.load(S + o)); t1 = f64x2.mul(t1, v128.load(S + o, 16)); }
  const u = narrow(t0, t1);
  let a = is<Kind, Gauss>() ? f32x4.mul(f32x4.mul(u, u), v128.load32_splat(MINUS_HALF32)) : f32x4.neg(f32x4.abs(u));
  if (W != 0) a = f32x4.add(a, narrow(v128.load(W + o), v128.load(W + o, 16)));
  v128.store(buf32 + (t << 2), a);
  return a;
}

// ---- d dimensions or dot products: stage one's u² or q·k, mapped in place ----

// @ts-ignore: decorator
@inline function mapped64<Kind>(q: usize, j0: i32, len: i32, count: i32, scale: f64): f64 {
  distances(q, j0, len, count);
  const buf = tileBuf();
  const W: usize = logW == 0 ? 0 : logW + (<usize>j0 << 3);
  const end = <usize>count << 3;
  if (ASC_FEATURE_SIMD) {
    const sv = f64x2.splat(scale);
    let m0 = f64x2.splat(-Infinity), m1 = m0;
    for (let o: usize = 0; o < end; o += 32) {
      let a = v128.load(buf + o), b = v128.load(buf + o, 16);
      if (is<Kind, Expo>()) {
        a = f64x2.neg(f64x2.sqrt(a)); b = f64x2.neg(f64x2.sqrt(b));
      } else {
        a = f64x2.mul(a, sv); b = f64x2.mul(b, sv);
      }
      if (W != 0) { a = f64x2.add(a, v128.load(W + o)); b = f64x2.add(b, v128.load(W + o, 16)); }
      v128.store(buf + o, a); v128.store(buf + o, b, 16);
      m0 = f64x2.pmax(m0, a); m1 = f64x2.pmax(m1, b);
    }
    m0 = f64x2.pmax(m0, m1);
    return Math.max(f64x2.extract_lane(m0, 0), f64x2.extract_lane(m0, 1));
  } else {
    let m = -Infinity;
    for (let o: usize = 0; o < end; o += 8) {
      const v = load<f64>(buf + o);
      let la = is<Kind, Expo>() ? -Math.sqrt(v) : v * scale;
      if (W != 0) la += load<f64>(W + o);
      store<f64>(buf + o, la);
      if (la > m) m = la;
    }
    return m;
  }
}

// @ts-ignore: decorator
@inline function mapped32<Kind>(q: usize, j0: i32, len: i32, count: i32, scale: f64): f64 {
  distances(q, j0, len, count);
  const buf = tileBuf(), buf32 = tileBuf32();
  const W: usize = logW == 0 ? 0 : logW + (<usize>j0 << 3);
  if (ASC_FEATURE_SIMD) {
    const sv = f64x2.splat(scale), sv32 = f32x4.splat(<f32>scale);
    let m = f32x4.splat(-Infinity);
    for (let t: usize = 0; t < <usize>count; t += 4) {
      let a = v128.load(buf + (t << 3)), b = v128.load(buf + (t << 3), 16);
      // q·k/τ is rounded once, after the scaling, like the oracle's float32 mode
      if (is<Kind, Dot>()) { a = f64x2.mul(a, sv); b = f64x2.mul(b, sv); }
      let u = narrow(a, b);
      if (is<Kind, Expo>()) u = f32x4.neg(f32x4.sqrt(u));
      else if (is<Kind, Gauss>()) u = f32x4.mul(u, sv32);
      if (W != 0) u = f32x4.add(u, narrow(v128.load(W + (t << 3)), v128.load(W + (t << 3), 16)));
      v128.store(buf32 + (t << 2), u);
      m = f32x4.pmax(m, u);
    }
    return maxLane32(m);
  } else {
    let m: f32 = -Infinity;
    for (let t: usize = 0; t < <usize>count; t++) {
      const v = load<f64>(buf + (t << 3));
      let la: f32;
      if (is<Kind, Dot>()) la = <f32>(v * scale);
      else if (is<Kind, Expo>()) la = -Mathf.sqrt(<f32>v);
      else la = <f32>v * <f32>scale;
      if (W != 0) la += <f32>load<f64>(W + (t << 3));
      store<f32>(buf32 + (t << 2), la);
      if (la > m) m = la;
    }
    return <f64>m;
  }
}

// ---- helpers ----

function padTail64(len: i32, count: i32): void {
  const buf = tileBuf();
  for (let t = len; t < count; t++) store<f64>(buf + (<usize>t << 3), -Infinity);
}

function padTail32(len: i32, count: i32): void {
  const buf32 = tileBuf32();
  for (let t = len; t < count; t++) store<f32>(buf32 + (<usize>t << 2), -Infinity);
}

/** Four float64 lanes (two vectors) rounded to one float32 vector. */
// @ts-ignore: decorator
@inline function narrow(a: v128, b: v128): v128 {
  return v128.shuffle<i32>(f32x4.demote_f64x2_zero(a), f32x4.demote_f64x2_zero(b), 0, 1, 4, 5);
}

// @ts-ignore: decorator
@inline function maxLane32(m: v128): f64 {
  return <f64>Mathf.max(Mathf.max(f32x4.extract_lane(m, 0), f32x4.extract_lane(m, 1)), Mathf.max(f32x4.extract_lane(m, 2), f32x4.extract_lane(m, 3)));
}
