// AVX2 + FMA: 8 floats or 4 doubles per vector. The primitives the shared templates (vmath.h, fill.h,
// reduce.h) are written in; each instruction set defines the same set.
#pragma once
#include <immintrin.h>

namespace NW_NS {

// fmadd(a, b, c) rounds once (else it is a·b + c, rounded twice)
constexpr bool kFused = true;

struct MF { __m256 v; };
struct MD { __m256d v; };

struct F {
  using T = float;
  using M = MF;
  static constexpr int L = 8;
  __m256 v;
  static F set(double x) { return {_mm256_set1_ps((float)x)}; }
  static F load(const float* p) { return {_mm256_loadu_ps(p)}; }
  static F iota() { return {_mm256_setr_ps(0, 1, 2, 3, 4, 5, 6, 7)}; }
  static void store(float* p, F a) { _mm256_storeu_ps(p, a.v); }
};

struct D {
  using T = double;
  using M = MD;
  static constexpr int L = 4;
  __m256d v;
  static D set(double x) { return {_mm256_set1_pd(x)}; }
  static D load(const double* p) { return {_mm256_loadu_pd(p)}; }
  static D iota() { return {_mm256_setr_pd(0, 1, 2, 3)}; }
  static void store(double* p, D a) { _mm256_storeu_pd(p, a.v); }
};

inline F operator+(F a, F b) { return {_mm256_add_ps(a.v, b.v)}; }
inline F operator-(F a, F b) { return {_mm256_sub_ps(a.v, b.v)}; }
inline F operator*(F a, F b) { return {_mm256_mul_ps(a.v, b.v)}; }
inline F operator/(F a, F b) { return {_mm256_div_ps(a.v, b.v)}; }
inline F fmadd(F a, F b, F c) { return {_mm256_fmadd_ps(a.v, b.v, c.v)}; }    // a·b + c
inline F fnmadd(F a, F b, F c) { return {_mm256_fnmadd_ps(a.v, b.v, c.v)}; }  // c − a·b
inline F max(F a, F b) { return {_mm256_max_ps(a.v, b.v)}; }
inline F sqrt(F a) { return {_mm256_sqrt_ps(a.v)}; }
inline MF lt(F a, F b) { return {_mm256_cmp_ps(a.v, b.v, _CMP_LT_OQ)}; }
inline MF le(F a, F b) { return {_mm256_cmp_ps(a.v, b.v, _CMP_LE_OQ)}; }
inline MF gt(F a, F b) { return {_mm256_cmp_ps(a.v, b.v, _CMP_GT_OQ)}; }
inline MF ge(F a, F b) { return {_mm256_cmp_ps(a.v, b.v, _CMP_GE_OQ)}; }
inline F select(MF m, F a, F b) { return {_mm256_blendv_ps(b.v, a.v, m.v)}; }

inline D operator+(D a, D b) { return {_mm256_add_pd(a.v, b.v)}; }
inline D operator-(D a, D b) { return {_mm256_sub_pd(a.v, b.v)}; }
inline D operator*(D a, D b) { return {_mm256_mul_pd(a.v, b.v)}; }
inline D operator/(D a, D b) { return {_mm256_div_pd(a.v, b.v)}; }
inline D fmadd(D a, D b, D c) { return {_mm256_fmadd_pd(a.v, b.v, c.v)}; }
inline D fnmadd(D a, D b, D c) { return {_mm256_fnmadd_pd(a.v, b.v, c.v)}; }
inline D max(D a, D b) { return {_mm256_max_pd(a.v, b.v)}; }
inline D sqrt(D a) { return {_mm256_sqrt_pd(a.v)}; }
inline MD lt(D a, D b) { return {_mm256_cmp_pd(a.v, b.v, _CMP_LT_OQ)}; }
inline MD le(D a, D b) { return {_mm256_cmp_pd(a.v, b.v, _CMP_LE_OQ)}; }
inline MD gt(D a, D b) { return {_mm256_cmp_pd(a.v, b.v, _CMP_GT_OQ)}; }
inline MD ge(D a, D b) { return {_mm256_cmp_pd(a.v, b.v, _CMP_GE_OQ)}; }
inline D select(MD m, D a, D b) { return {_mm256_blendv_pd(b.v, a.v, m.v)}; }

// 2^k from t = round(x) + magic (vmath.h): k + bias sits in the low bits of t, so shifting t's bits into
// the exponent field gives 2^k.
inline F exp2Bits(F t) { return {_mm256_castsi256_ps(_mm256_slli_epi32(_mm256_castps_si256(t.v), 23))}; }
inline D exp2Bits(D t) { return {_mm256_castsi256_pd(_mm256_slli_epi64(_mm256_castpd_si256(t.v), 52))}; }

// x = 2^e · m, m in [1, 2), for positive normal x.
inline F mantissa(F x) {
  const __m256i bits = _mm256_castps_si256(x.v);
  const __m256i m = _mm256_or_si256(_mm256_and_si256(bits, _mm256_set1_epi32(0x007FFFFF)), _mm256_set1_epi32(0x3F800000));
  return {_mm256_castsi256_ps(m)};
}
inline F exponent(F x) {
  const __m256i e = _mm256_sub_epi32(_mm256_srli_epi32(_mm256_castps_si256(x.v), 23), _mm256_set1_epi32(127));
  return {_mm256_cvtepi32_ps(e)};
}
inline D mantissa(D x) {
  const __m256i bits = _mm256_castpd_si256(x.v);
  const __m256i m = _mm256_or_si256(_mm256_and_si256(bits, _mm256_set1_epi64x(0x000FFFFFFFFFFFFFLL)),
                                    _mm256_set1_epi64x(0x3FF0000000000000LL));
  return {_mm256_castsi256_pd(m)};
}
// no int64 → double conversion before AVX-512DQ: put the biased exponent under 2^52's exponent instead
inline D exponent(D x) {
  const __m256i e = _mm256_or_si256(_mm256_srli_epi64(_mm256_castpd_si256(x.v), 52), _mm256_set1_epi64x(0x4330000000000000LL));
  return {_mm256_sub_pd(_mm256_castsi256_pd(e), _mm256_set1_pd(4503599627371519.0))};  // 2^52 + 1023
}

// whether any lane, or every lane, of the mask is set (the scan's walk over sorted keys)
inline bool any(MD m) { return _mm256_movemask_pd(m.v) != 0; }
inline bool all(MD m) { return _mm256_movemask_pd(m.v) == 0xF; }

// a where m, else +0 (cheaper than a select against zero)
inline F zeroUnless(MF m, F a) { return {_mm256_and_ps(m.v, a.v)}; }
inline D zeroUnless(MD m, D a) { return {_mm256_and_pd(m.v, a.v)}; }

// The float lanes of x as doubles: the lower half of the lanes, then the upper half.
inline D widenLo(F x) { return {_mm256_cvtps_pd(_mm256_castps256_ps128(x.v))}; }
inline D widenHi(F x) { return {_mm256_cvtps_pd(_mm256_extractf128_ps(x.v, 1))}; }

}  // namespace NW_NS
