// The loop over one query's keys in tiles — the online reduction of src/engine/pool.ts: fill a tile's
// log-terms, take the tile's maximum, raise the running maximum M if the tile's is larger (rescaling
// the double accumulators by e^{M_old − M}), then sum the tile against M. Memory is one tile per thread.
#pragma once
#include <stdlib.h>
#include "../job.h"
#include "../scalar.h"
#include "fill.h"
#include "reduce.h"

namespace NW_NS {

// Keys per tile: large, as each tile costs a few hundred cycles of set-up (the maximum, the merge, the
// block sums), yet its log-terms (16 KiB) stay in the L1 cache between the two passes.
template <class T> constexpr int kTile = 16384 / sizeof(T);
constexpr double kInf = __builtin_inf();

// Per-thread memory for one call: the query split into floats, the accumulators, the value columns.
struct Scratch {
  void* block = nullptr;
  float* qhi = nullptr;
  float* qlo = nullptr;
  double* acc = nullptr;       // (2 + p) × lanes
  void* partW = nullptr;       // p × lanes of the vector's type
  const void** cols = nullptr; // p column pointers
  bool make(int d, int p, int lanes) {
    const size_t floats = 2 * (size_t)d, doubles = (2 + (size_t)p) * lanes, parts = (size_t)p * lanes;
    const size_t bytes = doubles * 8 + parts * 8 + (size_t)p * sizeof(void*) + floats * 4 + 64;
    block = malloc(bytes);
    if (!block) return false;
    char* b = (char*)block;
    acc = (double*)b; b += doubles * 8;
    partW = b; b += parts * 8;
    cols = (const void**)b; b += (size_t)p * sizeof(void*);
    qhi = (float*)b; qlo = qhi + d;
    return true;
  }
  ~Scratch() { free(block); }
};

// What each precision reads: the keys and per-key arrays of the layout, and the query being computed.
template <class V> struct Context;
template <> struct Context<D> {
  KeysD keys;
  Extra<D> extra;
  const double* values;
  Context(const NwJob& J, const NwLayout& Lay, Scratch&)
      : keys{Lay.keysD, Lay.stride, nullptr, J.invWidth}, extra{Lay.logWeightsD, Lay.keyScaleD}, values(Lay.valuesD) {}
  void begin(const NwJob& J, int32_t i) { keys.q = J.queries + (int64_t)i * J.d; }
};
template <> struct Context<F> {
  float* qhi;
  float* qlo;
  double fold;
  bool dot;
  KeysF keys;
  Extra<F> extra;
  const float* values;
  Context(const NwJob& J, const NwLayout& Lay, Scratch& S)
      : qhi(S.qhi), qlo(S.qlo), fold(Lay.fold), dot(J.similarity == NW_SIM_DOT),
        keys{Lay.keysHi, Lay.keysLo, Lay.stride, S.qhi, S.qlo}, extra{Lay.logWeightsF, Lay.keyScaleF}, values(Lay.valuesF) {}
  // the query scaled and split as prepare.cc scales and splits the keys (dot products read q unscaled)
  void begin(const NwJob& J, int32_t i) {
    const double* q = J.queries + (int64_t)i * J.d;
    for (int c = 0; c < J.d; c++) {
      const double s = dot ? q[c] : q[c] * (J.invWidth[c] * fold);
      qhi[c] = (float)s;
      qlo[c] = (float)(s - (double)qhi[c]);
    }
  }
};

template <class V>
inline typename V::T tileMax(const typename V::T* la, int nvec) {
  V m = V::load(la);
  for (int v = 1; v < nvec; v++) m = max(m, V::load(la + v * V::L));
  return largest(m);
}

// The ways to fill a tile's log-terms: begin(i) readies query i; tile(...) writes la (and signs) for
// whole vectors, −∞ past the tile's end, and returns the largest.
template <class V, class Profile, bool Product, int DIM>
struct KernelFill {
  static constexpr bool kSigned = false;
  Context<V>& ctx;
  const NwJob& J;
  void begin(int32_t i) { ctx.begin(J, i); }
  typename V::T tile(int32_t, int64_t j0, int len, typename V::T* la, typename V::T*) {
    return fillKernel<V, decltype(ctx.keys), Profile, Product, DIM>(ctx.keys, ctx.extra, J.d, j0, len, la);
  }
};
// float sums of log-terms computed in double and rounded once (the edge-sensitive kernels, prepare.cc)
template <class Profile, bool Product, int DIM>
struct WideFill {
  static constexpr bool kSigned = false;
  Context<D> wide;
  const NwJob& J;
  alignas(64) double buffer[kTile<float>];
  WideFill(const NwJob& job, const NwLayout& Lay, Scratch& S) : wide(job, Lay, S), J(job) {}
  void begin(int32_t i) { wide.begin(J, i); }
  float tile(int32_t, int64_t j0, int len, float* la, float*) {
    const double top = fillKernel<D, KeysD, Profile, Product, DIM>(wide.keys, wide.extra, J.d, j0, len, buffer);
    const int filled = (len + D::L - 1) / D::L * D::L, padded = (len + F::L - 1) / F::L * F::L;
    for (int t = 0; t < filled; t++) la[t] = (float)buffer[t];
    for (int t = filled; t < padded; t++) la[t] = -__builtin_inff();
    return (float)top;
  }
};
template <class V>
struct DotFill {
  static constexpr bool kSigned = false;
  Context<V>& ctx;
  const NwJob& J;
  void begin(int32_t i) { ctx.begin(J, i); }
  typename V::T tile(int32_t, int64_t j0, int len, typename V::T* la, typename V::T*) {
    return fillDot<V>(ctx.keys, ctx.extra, J.d, J.invTemperature, j0, len, la);
  }
};
inline void scalarFill(const NwJob* J, int32_t i, int64_t j0, int len, double* la, double* sign) {
  nw_fill_scalar_f64(J, i, j0, len, la, sign);
}
inline void scalarFill(const NwJob* J, int32_t i, int64_t j0, int len, float* la, float* sign) {
  nw_fill_scalar_f32(J, i, j0, len, la, sign);
}
template <class V, bool Signed>
struct ScalarFill {
  static constexpr bool kSigned = Signed;
  Context<V>& ctx;
  const NwJob& J;
  void begin(int32_t) {}
  typename V::T tile(int32_t i, int64_t j0, int len, typename V::T* la, typename V::T* sign) {
    scalarFill(&J, i, j0, len, la, Signed ? sign : nullptr);
    for (int t = len; t < (len + V::L - 1) / V::L * V::L; t++) {
      la[t] = -(typename V::T)__builtin_inf();
      if (Signed) sign[t] = 0;
    }
    return tileMax<V>(la, (len + V::L - 1) / V::L);
  }
};

// Out of line: one copy per precision rather than one inlined into every fill's loop (build time, code size).
template <class V, bool Signed>
__attribute__((noinline)) void reduceAny(int p, const typename V::T* la, const typename V::T* sign, int nvec, typename V::T M,
                      const typename V::T* const* cols, double* acc, typename V::T* partW) {
  if (p == 0) reduceTile<V, 0, Signed>(la, sign, nvec, M, cols, p, acc, partW);
  else if (p == 1) reduceTile<V, 1, Signed>(la, sign, nvec, M, cols, p, acc, partW);
  else reduceTile<V, -1, Signed>(la, sign, nvec, M, cols, p, acc, partW);
}

template <class V, class Fill>
void runQueries(const NwJob& J, const NwLayout& Lay, int32_t q0, int32_t q1, Context<V>& ctx, Scratch& S, Fill& fill) {
  using T = typename V::T;
  constexpr int tile = kTile<T>;
  alignas(64) T la[tile];
  alignas(64) T sign[Fill::kSigned ? tile : 1];
  const int p = J.p;
  constexpr int K = Wide<V>::kLanes;
  const int width = (2 + p) * K;
  const T** cols = (const T**)S.cols;
  const T minusInf = -(T)kInf;
  for (int32_t i = q0; i < q1; i++) {
    fill.begin(i);
    const int64_t j0 = J.lo ? J.lo[i] : 0, j1 = J.hi ? J.hi[i] : J.n;
    const int64_t skip = J.exclude ? J.exclude[i] : -1;
    T M = minusInf;
    for (int k = 0; k < width; k++) S.acc[k] = 0;
    for (int64_t a = j0; a < j1; a += tile) {
      const int len = (int)(j1 - a < tile ? j1 - a : tile);
      const int nvec = (len + V::L - 1) / V::L;
      T tileM = fill.tile(i, a, len, la, sign);
      if (skip >= a && skip < a + len) {
        const bool wasTop = la[skip - a] == tileM;
        la[skip - a] = minusInf;
        if (wasTop) tileM = tileMax<V>(la, nvec);
      }
      if (!(tileM > minusInf)) continue;  // nothing in reach (or NaN)
      if (tileM > M) {
        const double r = M == minusInf ? 0 : __builtin_exp((double)M - (double)tileM);
        for (int k = 0; k < K; k++) S.acc[k] *= r;
        for (int k = K; k < 2 * K; k++) S.acc[k] *= r * r;
        for (int k = 2 * K; k < width; k++) S.acc[k] *= r;
        M = tileM;
      }
      for (int c = 0; c < p; c++) cols[c] = ctx.values + c * Lay.stride + a;
      reduceAny<V, Fill::kSigned>(p, la, sign, nvec, M, cols, S.acc, (T*)S.partW);
    }
    const auto lanes = [&](int q) {
      double s = 0;
      for (int l = 0; l < K; l++) s += S.acc[q * K + l];
      return s;
    };
    J.logScale[i] = (double)M;
    J.sum[i] = lanes(0);
    J.sumSq[i] = lanes(1);
    // the largest term is the one at M itself: e^0
    J.maxTerm[i] = M > minusInf ? 1 : 0;
    for (int c = 0; c < p; c++) J.weighted[(int64_t)i * p + c] = lanes(2 + c);
  }
}

}  // namespace NW_NS
