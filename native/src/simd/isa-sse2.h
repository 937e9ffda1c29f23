// SSE2, the x86-64 baseline: 4 floats or 2 doubles per vector, no fused multiply-add (a·b + c rounds
// twice; the polynomials in vmath.h are accurate enough either way).
#pragma once
#include <emmintrin.h>

namespace NW_NS {

// fmadd(a, b, c) rounds once (else it is a·b + c, rounded twice)
constexpr bool kFused = false;

struct MF { __m128 v; };
struct MD { __m128d v; };

struct F {
  using T = float;
  using M = MF;
  static constexpr int L = 4;
  __m128 v;
  static F set(double x) { return {_mm_set1_ps((float)x)}; }
  static F load(const float* p) { return {_mm_loadu_ps(p)}; }
  static F iota() { return {_mm_setr_ps(0, 1, 2, 3)}; }
  static void store(float* p, F a) { _mm_storeu_ps(p, a.v); }
};

struct D {
  using T = double;
  using M = MD;
  static constexpr int L = 2;
  __m128d v;
  static D set(double x) { return {_mm_set1_pd(x)}; }
  static D load(const double* p) { return {_mm_loadu_pd(p)}; }
  static D iota() { return {_mm_setr_pd(0, 1)}; }
  static void store(double* p, D a) { _mm_storeu_pd(p, a.v); }
};

inline F operator+(F a, F b) { return {_mm_add_ps(a.v, b.v)}; }
inline F operator-(F a, F b) { return {_mm_sub_ps(a.v, b.v)}; }
inline F operator*(F a, F b) { return {_mm_mul_ps(a.v, b.v)}; }
inline F operator/(F a, F b) { return {_mm_div_ps(a.v, b.v)}; }
inline F fmadd(F a, F b, F c) { return a * b + c; }
inline F fnmadd(F a, F b, F c) { return c - a * b; }
inline F max(F a, F b) { return {_mm_max_ps(a.v, b.v)}; }
inline F sqrt(F a) { return {_mm_sqrt_ps(a.v)}; }
inline MF lt(F a, F b) { return {_mm_cmplt_ps(a.v, b.v)}; }
inline MF le(F a, F b) { return {_mm_cmple_ps(a.v, b.v)}; }
inline MF gt(F a, F b) { return {_mm_cmpgt_ps(a.v, b.v)}; }
inline MF ge(F a, F b) { return {_mm_cmpge_ps(a.v, b.v)}; }
inline F select(MF m, F a, F b) { return {_mm_or_ps(_mm_and_ps(m.v, a.v), _mm_andnot_ps(m.v, b.v))}; }

inline D operator+(D a, D b) { return {_mm_add_pd(a.v, b.v)}; }
inline D operator-(D a, D b) { return {_mm_sub_pd(a.v, b.v)}; }
inline D operator*(D a, D b) { return {_mm_mul_pd(a.v, b.v)}; }
inline D operator/(D a, D b) { return {_mm_div_pd(a.v, b.v)}; }
inline D fmadd(D a, D b, D c) { return a * b + c; }
inline D fnmadd(D a, D b, D c) { return c - a * b; }
inline D max(D a, D b) { return {_mm_max_pd(a.v, b.v)}; }
inline D sqrt(D a) { return {_mm_sqrt_pd(a.v)}; }
inline MD lt(D a, D b) { return {_mm_cmplt_pd(a.v, b.v)}; }
inline MD le(D a, D b) { return {_mm_cmple_pd(a.v, b.v)}; }
inline MD gt(D a, D b) { return {_mm_cmpgt_pd(a.v, b.v)}; }
inline MD ge(D a, D b) { return {_mm_cmpge_pd(a.v, b.v)}; }
inline D select(MD m, D a, D b) { return {_mm_or_pd(_mm_and_pd(m.v, a.v), _mm_andnot_pd(m.v, b.v))}; }

inline F exp2Bits(F t) { return {_mm_castsi128_ps(_mm_slli_epi32(_mm_castps_si128(t.v), 23))}; }
inline D exp2Bits(D t) { return {_mm_castsi128_pd(_mm_slli_epi64(_mm_castpd_si128(t.v), 52))}; }

inline F mantissa(F x) {
  const __m128i bits = _mm_castps_si128(x.v);
  return {_mm_castsi128_ps(_mm_or_si128(_mm_and_si128(bits, _mm_set1_epi32(0x007FFFFF)), _mm_set1_epi32(0x3F800000)))};
}
inline F exponent(F x) {
  return {_mm_cvtepi32_ps(_mm_sub_epi32(_mm_srli_epi32(_mm_castps_si128(x.v), 23), _mm_set1_epi32(127)))};
}
inline D mantissa(D x) {
  const __m128i bits = _mm_castpd_si128(x.v);
  return {_mm_castsi128_pd(_mm_or_si128(_mm_and_si128(bits, _mm_set1_epi64x(0x000FFFFFFFFFFFFFLL)),
                                        _mm_set1_epi64x(0x3FF0000000000000LL)))};
}
inline D exponent(D x) {
  const __m128i e = _mm_or_si128(_mm_srli_epi64(_mm_castpd_si128(x.v), 52), _mm_set1_epi64x(0x4330000000000000LL));
  return {_mm_sub_pd(_mm_castsi128_pd(e), _mm_set1_pd(4503599627371519.0))};  // 2^52 + 1023
}

// whether any lane, or every lane, of the mask is set (the scan's walk over sorted keys)
inline bool any(MD m) { return _mm_movemask_pd(m.v) != 0; }
inline bool all(MD m) { return _mm_movemask_pd(m.v) == 0x3; }

// a where m, else +0 (cheaper than a select against zero)
inline F zeroUnless(MF m, F a) { return {_mm_and_ps(m.v, a.v)}; }
inline D zeroUnless(MD m, D a) { return {_mm_and_pd(m.v, a.v)}; }

// The float lanes of x as doubles: the lower half of the lanes, then the upper half.
inline D widenLo(F x) { return {_mm_cvtps_pd(x.v)}; }
inline D widenHi(F x) { return {_mm_cvtps_pd(_mm_movehl_ps(x.v, x.v))}; }

}  // namespace NW_NS
