// AVX-512 (F): 16 floats or 8 doubles per vector; comparisons give mask registers.
#pragma once
#include <immintrin.h>

namespace NW_NS {

// fmadd(a, b, c) rounds once (else it is a·b + c, rounded twice)
constexpr bool kFused = true;

struct MF { __mmask16 k; };
struct MD { __mmask8 k; };

struct F {
  using T = float;
  using M = MF;
  static constexpr int L = 16;
  __m512 v;
  static F set(double x) { return {_mm512_set1_ps((float)x)}; }
  static F load(const float* p) { return {_mm512_loadu_ps(p)}; }
  static F iota() { return {_mm512_setr_ps(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)}; }
  static void store(float* p, F a) { _mm512_storeu_ps(p, a.v); }
};

struct D {
  using T = double;
  using M = MD;
  static constexpr int L = 8;
  __m512d v;
  static D set(double x) { return {_mm512_set1_pd(x)}; }
  static D load(const double* p) { return {_mm512_loadu_pd(p)}; }
  static D iota() { return {_mm512_setr_pd(0, 1, 2, 3, 4, 5, 6, 7)}; }
  static void store(double* p, D a) { _mm512_storeu_pd(p, a.v); }
};

inline F operator+(F a, F b) { return {_mm512_add_ps(a.v, b.v)}; }
inline F operator-(F a, F b) { return {_mm512_sub_ps(a.v, b.v)}; }
inline F operator*(F a, F b) { return {_mm512_mul_ps(a.v, b.v)}; }
inline F operator/(F a, F b) { return {_mm512_div_ps(a.v, b.v)}; }
inline F fmadd(F a, F b, F c) { return {_mm512_fmadd_ps(a.v, b.v, c.v)}; }
inline F fnmadd(F a, F b, F c) { return {_mm512_fnmadd_ps(a.v, b.v, c.v)}; }
inline F max(F a, F b) { return {_mm512_max_ps(a.v, b.v)}; }
inline F sqrt(F a) { return {_mm512_sqrt_ps(a.v)}; }
inline MF lt(F a, F b) { return {_mm512_cmp_ps_mask(a.v, b.v, _CMP_LT_OQ)}; }
inline MF le(F a, F b) { return {_mm512_cmp_ps_mask(a.v, b.v, _CMP_LE_OQ)}; }
inline MF gt(F a, F b) { return {_mm512_cmp_ps_mask(a.v, b.v, _CMP_GT_OQ)}; }
inline MF ge(F a, F b) { return {_mm512_cmp_ps_mask(a.v, b.v, _CMP_GE_OQ)}; }
inline F select(MF m, F a, F b) { return {_mm512_mask_blend_ps(m.k, b.v, a.v)}; }

inline D operator+(D a, D b) { return {_mm512_add_pd(a.v, b.v)}; }
inline D operator-(D a, D b) { return {_mm512_sub_pd(a.v, b.v)}; }
inline D operator*(D a, D b) { return {_mm512_mul_pd(a.v, b.v)}; }
inline D operator/(D a, D b) { return {_mm512_div_pd(a.v, b.v)}; }
inline D fmadd(D a, D b, D c) { return {_mm512_fmadd_pd(a.v, b.v, c.v)}; }
inline D fnmadd(D a, D b, D c) { return {_mm512_fnmadd_pd(a.v, b.v, c.v)}; }
inline D max(D a, D b) { return {_mm512_max_pd(a.v, b.v)}; }
inline D sqrt(D a) { return {_mm512_sqrt_pd(a.v)}; }
inline MD lt(D a, D b) { return {_mm512_cmp_pd_mask(a.v, b.v, _CMP_LT_OQ)}; }
inline MD le(D a, D b) { return {_mm512_cmp_pd_mask(a.v, b.v, _CMP_LE_OQ)}; }
inline MD gt(D a, D b) { return {_mm512_cmp_pd_mask(a.v, b.v, _CMP_GT_OQ)}; }
inline MD ge(D a, D b) { return {_mm512_cmp_pd_mask(a.v, b.v, _CMP_GE_OQ)}; }
inline D select(MD m, D a, D b) { return {_mm512_mask_blend_pd(m.k, b.v, a.v)}; }

inline F exp2Bits(F t) { return {_mm512_castsi512_ps(_mm512_slli_epi32(_mm512_castps_si512(t.v), 23))}; }
inline D exp2Bits(D t) { return {_mm512_castsi512_pd(_mm512_slli_epi64(_mm512_castpd_si512(t.v), 52))}; }

inline F mantissa(F x) {
  const __m512i bits = _mm512_castps_si512(x.v);
  return {_mm512_castsi512_ps(_mm512_or_si512(_mm512_and_si512(bits, _mm512_set1_epi32(0x007FFFFF)), _mm512_set1_epi32(0x3F800000)))};
}
inline F exponent(F x) {
  return {_mm512_cvtepi32_ps(_mm512_sub_epi32(_mm512_srli_epi32(_mm512_castps_si512(x.v), 23), _mm512_set1_epi32(127)))};
}
inline D mantissa(D x) {
  const __m512i bits = _mm512_castpd_si512(x.v);
  return {_mm512_castsi512_pd(_mm512_or_si512(_mm512_and_si512(bits, _mm512_set1_epi64(0x000FFFFFFFFFFFFFLL)),
                                              _mm512_set1_epi64(0x3FF0000000000000LL)))};
}
// int64 → double conversion is AVX-512DQ; F alone: the same exponent trick as AVX2
inline D exponent(D x) {
  const __m512i e = _mm512_or_si512(_mm512_srli_epi64(_mm512_castpd_si512(x.v), 52), _mm512_set1_epi64(0x4330000000000000LL));
  return {_mm512_sub_pd(_mm512_castsi512_pd(e), _mm512_set1_pd(4503599627371519.0))};  // 2^52 + 1023
}

// whether any lane, or every lane, of the mask is set (the scan's walk over sorted keys)
inline bool any(MD m) { return m.k != 0; }
inline bool all(MD m) { return m.k == 0xFF; }

// a where m, else +0 (cheaper than a select against zero)
inline F zeroUnless(MF m, F a) { return {_mm512_maskz_mov_ps(m.k, a.v)}; }
inline D zeroUnless(MD m, D a) { return {_mm512_maskz_mov_pd(m.k, a.v)}; }

// The float lanes of x as doubles: the lower half of the lanes, then the upper half.
inline D widenLo(F x) { return {_mm512_cvtps_pd(_mm512_castps512_ps256(x.v))}; }
inline D widenHi(F x) { return {_mm512_cvtps_pd(_mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(x.v), 1)))}; }

}  // namespace NW_NS
