/**
 * e^x for x ≤ 0, in vector lanes and in scalar code, float64 and float32, without FMA (WebAssembly has
 * none): Cody–Waite range reduction x = n·ln2 + r with |r| ≤ ln2/2 (ln2 split in two so that n·L1 is
 * exact), a minimax polynomial for e^r, and 2^n added into the exponent bits. n comes from the
 * round-to-nearest of adding 1.5·2^52 (2^23 in float32), whose low mantissa bits then hold n itself,
 * ready to be shifted into place. Valid for −708 ≤ x ≤ 0.34 (float32: −87 ≤ x ≤ 0.34); callers clamp
 * and flush below the limits of constants.ts. Scalar and vector forms run the same operations, so they agree to the bit.
 *
 * The coefficients minimise the relative error of (e^r − 1 − r)/r² on [−ln2/2, ln2/2] (Remez exchange
 * in 50-digit arithmetic, scripts/exp-minimax.py); the polynomial's own error is 2e−17 (float64,
 * degree 11) and 1.2e−8 (float32, degree 6), below the rounding of the evaluation.
 */

const LOG2E: f64 = 1.4426950408889634;
/** ln 2 to 42 bits, and the rest. */
const LN2_HI: f64 = 0.6931471805598903;
const LN2_LO: f64 = 5.497923018708371e-14;
const SHIFT: f64 = 6755399441055744.0; // 1.5 · 2^52
const C2: f64 = 0.5000000000000001;
const C3: f64 = 0.16666666666666644;
const C4: f64 = 0.041666666666624344;
const C5: f64 = 0.00833333333335618;
const C6: f64 = 0.0013888888917121427;
const C7: f64 = 0.00019841269784705057;
const C8: f64 = 2.4801521422697264e-05;
const C9: f64 = 2.7557355489009258e-06;
const C10: f64 = 2.7620034105270055e-07;
const C11: f64 = 2.506816652948131e-08;

const LOG2E_F: f32 = 1.4426950216293335;
/** ln 2 to 16 bits, and the rest. */
const LN2_HI_F: f32 = 0.693145751953125;
const LN2_LO_F: f32 = 1.428606765330187e-06;
const SHIFT_F: f32 = 12582912.0; // 1.5 · 2^23
const F2: f32 = 0.5;
const F3: f32 = 0.16666577756404877;
const F4: f32 = 0.04166685417294502;
const F5: f32 = 0.008363140746951103;
const F6: f32 = 0.001390128512866795;

/** e^x in float64 (see the top of this file). */
// @ts-ignore: decorator
@inline export function expF64(x: f64): f64 {
  const kd = x * LOG2E + SHIFT;
  const k = kd - SHIFT;
  const r = x - k * LN2_HI - k * LN2_LO;
  const r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
  // Estrin's scheme: independent products, a short dependency chain
  const q = ((C2 + C3 * r) + r2 * (C4 + C5 * r)) + r4 * ((C6 + C7 * r) + r2 * (C8 + C9 * r)) + r8 * (C10 + C11 * r);
  const e = (1.0 + r) + r2 * q;
  return reinterpret<f64>(reinterpret<i64>(e) + (reinterpret<i64>(kd) << 52));
}

/** e^x in float32 (see the top of this file). */
// @ts-ignore: decorator
@inline export function expF32(x: f32): f32 {
  const kf = x * LOG2E_F + SHIFT_F;
  const k = kf - SHIFT_F;
  const r = x - k * LN2_HI_F - k * LN2_LO_F;
  const r2 = r * r;
  const q = (F2 + F3 * r) + r2 * ((F4 + F5 * r) + r2 * F6);
  const e: f32 = (<f32>1.0 + r) + r2 * q;
  return reinterpret<f32>(reinterpret<i32>(e) + (reinterpret<i32>(kf) << 23));
}

/**
 * The constants of the vector forms, as data in linear memory: each use is a broadcast load. Written as
 * vector constants, V8 rebuilds every one of them inside the loop at each use (three instructions each),
 * which costs more than the polynomial itself.
 */
const K64: usize = memory.data<f64>([LOG2E, SHIFT, LN2_HI, LN2_LO, C2, C3, C4, C5, C6, C7, C8, C9, C10, C11, 1.0]);
const K32: usize = memory.data<f32>([LOG2E_F, SHIFT_F, LN2_HI_F, LN2_LO_F, F2, F3, F4, F5, F6, 1.0]);

// @ts-ignore: decorator
@inline function k64(i: i32): v128 { return v128.load64_splat(K64 + (<usize>i << 3)); }
// @ts-ignore: decorator
@inline function k32(i: i32): v128 { return v128.load32_splat(K32 + (<usize>i << 2)); }

/** e^x in both float64 lanes. */
// @ts-ignore: decorator
@inline export function expF64x2(x: v128): v128 {
  const kd = f64x2.add(f64x2.mul(x, k64(0)), k64(1));
  const k = f64x2.sub(kd, k64(1));
  const r = f64x2.sub(f64x2.sub(x, f64x2.mul(k, k64(2))), f64x2.mul(k, k64(3)));
  const r2 = f64x2.mul(r, r);
  const r4 = f64x2.mul(r2, r2);
  const r8 = f64x2.mul(r4, r4);
  const a = f64x2.add(k64(4), f64x2.mul(k64(5), r));
  const b = f64x2.add(k64(6), f64x2.mul(k64(7), r));
  const c = f64x2.add(k64(8), f64x2.mul(k64(9), r));
  const dd = f64x2.add(k64(10), f64x2.mul(k64(11), r));
  const ee = f64x2.add(k64(12), f64x2.mul(k64(13), r));
  const ab = f64x2.add(a, f64x2.mul(r2, b));
  const cd = f64x2.add(c, f64x2.mul(r2, dd));
  const q = f64x2.add(f64x2.add(ab, f64x2.mul(r4, cd)), f64x2.mul(r8, ee));
  const e = f64x2.add(f64x2.add(k64(14), r), f64x2.mul(r2, q));
  return i64x2.add(e, i64x2.shl(kd, 52));
}

/** e^x in all four float32 lanes. */
// @ts-ignore: decorator
@inline export function expF32x4(x: v128): v128 {
  const kf = f32x4.add(f32x4.mul(x, k32(0)), k32(1));
  const k = f32x4.sub(kf, k32(1));
  const r = f32x4.sub(f32x4.sub(x, f32x4.mul(k, k32(2))), f32x4.mul(k, k32(3)));
  const r2 = f32x4.mul(r, r);
  const a = f32x4.add(k32(4), f32x4.mul(k32(5), r));
  const b = f32x4.add(f32x4.add(k32(6), f32x4.mul(k32(7), r)), f32x4.mul(r2, k32(8)));
  const q = f32x4.add(a, f32x4.mul(r2, b));
  const e = f32x4.add(f32x4.add(k32(9), r), f32x4.mul(r2, q));
  return i32x4.add(e, i32x4.shl(kf, 23));
}
