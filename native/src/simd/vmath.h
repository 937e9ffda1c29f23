// Vector exp and log built from the primitives of an isa-*.h. Coefficients from native/tools/fit-coefficients.py
// (near-minimax fits, rounded to the working precision); within 2 ulp of the correctly rounded result over
// the ranges the addon uses (test/backends/native.test.ts measures it).
#pragma once

namespace NW_NS {

template <class T> struct MathConst;

template <> struct MathConst<float> {
  static constexpr double log2e = 1.4426950408889634;
  // 1.5·2^23 + 127: x·log2 e + magic rounds to an integer k, and the low bits of the sum hold k + 127,
  // the biased exponent of 2^k (exp2Bits)
  static constexpr double magic = 12583039.0;
  // ln 2 in two parts, the first with 12 significant bits so that k·hi is exact for |k| < 2^12
  static constexpr double ln2hi = 0.693115234375;
  static constexpr double ln2lo = 3.1946184945309415e-05;
  // e^r = 1 + r + r²·Q(r), |r| ≤ 0.35, as one polynomial: the 1, 1, then Q's coefficients
  static constexpr double expP[7] = {1.0, 1.0, 0.5, 0.16666573286056519, 0.04166654869914055, 0.008363766595721245,
                                     0.0013926918618381023};
  // log m = 2s + s³·P(s²), s = (m − 1)/(m + 1), s² ≤ 0.0295
  static constexpr double logP[3] = {0.6666668653488159, 0.3998873233795166, 0.29582157731056213};
  // below this, e^x is a subnormal or 0: the exp gives 0 (subnormals stall the floating-point unit)
  static constexpr double lowest = -87.0;
};

template <> struct MathConst<double> {
  static constexpr double log2e = 1.4426950408889634;
  static constexpr double magic = 6755399441056767.0;  // 1.5·2^52 + 1023
  static constexpr double ln2hi = 0.6931471803691238;  // 32 significant bits
  static constexpr double ln2lo = 1.9082149292705877e-10;
  static constexpr double expP[12] = {1.0, 1.0, 0.5000000000000001, 0.16666666666666669, 0.04166666666662068,
                                      0.008333333333329796, 0.0013888888918918907, 0.00019841269864364933,
                                      2.4801518672268355e-05, 2.7557266442353424e-06, 2.7621324269313687e-07,
                                      2.5101335854788522e-08};
  static constexpr double logP[7] = {0.666666666666667, 0.3999999999989819, 0.28571428626570206,
                                     0.2222221103781659, 0.18182896183483085, 0.15331487235865734,
                                     0.14619343453512615};
  static constexpr double lowest = -708.0;
};

template <class V, int N>
inline V horner(V x, const double (&c)[N]) {
  V acc = V::set(c[N - 1]);
  for (int k = N - 2; k >= 0; k--) acc = fmadd(acc, x, V::set(c[k]));
  return acc;
}

// e^x for x in [cutoff, 0.35]; 0 below cutoff (and for −∞ and NaN). Cody–Waite: x = k·ln 2 + r.
template <class V>
inline V vexp(V x, double cutoff) {
  using C = MathConst<typename V::T>;
  const V t = fmadd(x, V::set(C::log2e), V::set(C::magic));
  const V k = t - V::set(C::magic);
  V r;
  if (kFused && sizeof(typename V::T) == 4) {
    // one step: a fused x − k·ln2 rounds once, and float(ln 2) errs by 1.9e-9, so r errs by |k|·1.9e-9 ≤ 2.3e-7
    // relative to e^x over the whole range (|k| ≤ 126): within 4 ulp at the far end, 0 near x = 0
    r = fnmadd(k, V::set(0.6931471805599453), x);
  } else {
    r = fnmadd(k, V::set(C::ln2hi), x);  // exact: ln2hi has trailing zero bits
    r = fnmadd(k, V::set(C::ln2lo), r);
  }
  const V p = horner(r, C::expP);
  return zeroUnless(ge(x, V::set(cutoff)), p * exp2Bits(t));
}

// log x for positive normal x (callers select what they need for 0 and below).
template <class V>
inline V vlog(V x) {
  using C = MathConst<typename V::T>;
  V m = mantissa(x);
  V e = exponent(x);
  // m in [√½, √2): s stays small and the series short
  const typename V::M big = gt(m, V::set(1.4142135623730951));
  m = select(big, m * V::set(0.5), m);
  e = select(big, e + V::set(1.0), e);
  const V s = (m - V::set(1.0)) / (m + V::set(1.0));
  const V z = s * s;
  const V lm = fmadd(s * z, horner(z, C::logP), s + s);
  return fmadd(e, V::set(C::ln2hi), fmadd(e, V::set(C::ln2lo), lm));
}

}  // namespace NW_NS
