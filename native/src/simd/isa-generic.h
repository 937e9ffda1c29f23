// One lane of plain C++: the same templates on any processor (and a build of them that exercises every
// tail and edge with the smallest possible vector).
#pragma once
#include <stdint.h>

namespace NW_NS {

// fmadd(a, b, c) rounds once (else it is a·b + c, rounded twice)
constexpr bool kFused = false;

struct MF { bool k; };
struct MD { bool k; };

struct F {
  using T = float;
  using M = MF;
  static constexpr int L = 1;
  float v;
  static F set(double x) { return {(float)x}; }
  static F load(const float* p) { return {*p}; }
  static F iota() { return {0.0f}; }
  static void store(float* p, F a) { *p = a.v; }
};

struct D {
  using T = double;
  using M = MD;
  static constexpr int L = 1;
  double v;
  static D set(double x) { return {x}; }
  static D load(const double* p) { return {*p}; }
  static D iota() { return {0.0}; }
  static void store(double* p, D a) { *p = a.v; }
};

inline F operator+(F a, F b) { return {a.v + b.v}; }
inline F operator-(F a, F b) { return {a.v - b.v}; }
inline F operator*(F a, F b) { return {a.v * b.v}; }
inline F operator/(F a, F b) { return {a.v / b.v}; }
inline F fmadd(F a, F b, F c) { return a * b + c; }
inline F fnmadd(F a, F b, F c) { return c - a * b; }
inline F max(F a, F b) { return {a.v > b.v ? a.v : b.v}; }
inline F sqrt(F a) { return {__builtin_sqrtf(a.v)}; }
inline MF lt(F a, F b) { return {a.v < b.v}; }
inline MF le(F a, F b) { return {a.v <= b.v}; }
inline MF gt(F a, F b) { return {a.v > b.v}; }
inline MF ge(F a, F b) { return {a.v >= b.v}; }
inline F select(MF m, F a, F b) { return m.k ? a : b; }

inline D operator+(D a, D b) { return {a.v + b.v}; }
inline D operator-(D a, D b) { return {a.v - b.v}; }
inline D operator*(D a, D b) { return {a.v * b.v}; }
inline D operator/(D a, D b) { return {a.v / b.v}; }
inline D fmadd(D a, D b, D c) { return a * b + c; }
inline D fnmadd(D a, D b, D c) { return c - a * b; }
inline D max(D a, D b) { return {a.v > b.v ? a.v : b.v}; }
inline D sqrt(D a) { return {__builtin_sqrt(a.v)}; }
inline MD lt(D a, D b) { return {a.v < b.v}; }
inline MD le(D a, D b) { return {a.v <= b.v}; }
inline MD gt(D a, D b) { return {a.v > b.v}; }
inline MD ge(D a, D b) { return {a.v >= b.v}; }
inline D select(MD m, D a, D b) { return m.k ? a : b; }

inline uint32_t bitsOf(float x) { uint32_t b; __builtin_memcpy(&b, &x, 4); return b; }
inline uint64_t bitsOf(double x) { uint64_t b; __builtin_memcpy(&b, &x, 8); return b; }
inline float floatOf(uint32_t b) { float x; __builtin_memcpy(&x, &b, 4); return x; }
inline double doubleOf(uint64_t b) { double x; __builtin_memcpy(&x, &b, 8); return x; }

inline F exp2Bits(F t) { return {floatOf(bitsOf(t.v) << 23)}; }
inline D exp2Bits(D t) { return {doubleOf(bitsOf(t.v) << 52)}; }
inline F mantissa(F x) { return {floatOf((bitsOf(x.v) & 0x007FFFFFu) | 0x3F800000u)}; }
inline F exponent(F x) { return {(float)((int32_t)(bitsOf(x.v) >> 23) - 127)}; }
inline D mantissa(D x) { return {doubleOf((bitsOf(x.v) & 0x000FFFFFFFFFFFFFull) | 0x3FF0000000000000ull)}; }
inline D exponent(D x) { return {(double)((int64_t)(bitsOf(x.v) >> 52) - 1023)}; }

// whether any lane, or every lane, of the mask is set (the scan's walk over sorted keys)
inline bool any(MD m) { return m.k; }
inline bool all(MD m) { return m.k; }

// a where m, else +0 (cheaper than a select against zero)
inline F zeroUnless(MF m, F a) { return {m.k ? a.v : 0.0f}; }
inline D zeroUnless(MD m, D a) { return {m.k ? a.v : 0.0}; }

// The float lanes of x as doubles: the lower half of the lanes, then the upper half.
inline D widenLo(F x) { return {(double)x.v}; }
inline D widenHi(F) { return {0.0}; }  // one lane: nothing above it

}  // namespace NW_NS
