// The first pass over a tile of keys: the log-terms la_j = log|α(q, k_j)| + logWeights_j of one query,
// a whole vector at a time (the last vector reads padding past the tile, and discards it), and their maximum.
#pragma once
#include "../job.h"
#include "profiles.h"

namespace NW_NS {

// The query's coordinates and the keys, as each precision subtracts and scales them. float64 follows the
// job oracle's order of operations exactly: t = (q − k)·(1/h). float32 reads keys scaled and split by
// prepare.cc (job.h: s = k·(1/h)·fold = hi + lo) and the query scaled and split alike, so that
// (q_hi − s_hi) + (q_lo − s_lo) is the scaled difference to about one rounding, with no multiply — and
// with its digits for data far from 0 (k ≈ 10^6 with h ≈ 1, say), and no error of a rounded 1/h shared by
// every key of a query (near a compact kernel's edge, where log(1 − u) magnifies errors of u by 1/(1 − u),
// such a bias would not average out over the keys as rounding errors do).
struct KeysD {
  const double* keys;
  int64_t stride;
  const double* q;
  const double* invWidth;
  D scaled(int c, int64_t j) const { return (D::set(q[c]) - D::load(keys + c * stride + j)) * D::set(invWidth[c]); }
  D product(int c, int64_t j) const { return D::set(q[c]) * D::load(keys + c * stride + j); }
};
struct KeysF {
  const float* hi;
  const float* lo;
  int64_t stride;
  const float* qhi;
  const float* qlo;
  F scaled(int c, int64_t j) const {
    const int64_t o = c * stride + j;
    return (F::set(qhi[c]) - F::load(hi + o)) + (F::set(qlo[c]) - F::load(lo + o));
  }
  F product(int c, int64_t j) const { return F::set(qhi[c]) * F::load(hi + c * stride + j); }
};

// u² + t²: one rounding in float32 where the processor fuses; two in float64, as in the oracle (whose
// u² decides the support edges bit for bit).
inline F addSquare(F u2, F t) { return fmadd(t, t, u2); }
inline D addSquare(D u2, D t) { return u2 + t * t; }

template <class V> struct Extra;  // the per-key arrays of a precision
template <> struct Extra<D> {
  const double* logWeights;
  const double* keyScale;
};
template <> struct Extra<F> {
  const float* logWeights;
  const float* keyScale;
};

// A tile's log-terms, vector by vector: la[0..len) from one(v), the lanes past len set to −∞, and the
// tile's largest log-term returned (one pass: the reduction's first).
template <class V, class One>
inline typename V::T fillTile(int len, typename V::T* __restrict la, One one) {
  const int full = len / V::L, rest = len - full * V::L;
  V top = minusInfinity<V>();
  for (int v = 0; v < full; v++) {
    const V l = one(v);
    V::store(la + v * V::L, l);
    top = max(top, l);
  }
  if (rest > 0) {
    const V l = select(lt(V::iota(), V::set(rest)), one(full), minusInfinity<V>());
    V::store(la + full * V::L, l);
    top = max(top, l);
  }
  return largest(top);
}

// Kernel similarity: t_c = (q_c − k_c)·invWidth_c·invKeyScale_j; radial la = logα(Σ t_c²), product
// la = Σ logα(t_c²). DIM = 1 is the one-coordinate loop spelled out (the hot case); 0 means any d.
// Folded: float32 Gaussian, whose ½ prepare.cc folded into the scaled keys (job.h): la = −Σ t_c².
template <class V, class Keys, class Profile, bool Product, int DIM>
inline typename V::T fillKernel(const Keys& K, const Extra<V>& X, int d, int64_t j0, int len, typename V::T* __restrict la) {
  constexpr bool Folded = sizeof(typename V::T) == 4 && Profile::kFolded;
  const int dims = DIM > 0 ? DIM : d;
  return fillTile<V>(len, la, [&](int v) {
    const int64_t j = j0 + (int64_t)v * V::L;
    V acc = V::set(0.0);
    for (int c = 0; c < dims; c++) {
      V t = K.scaled(c, j);
      if (X.keyScale) t = t * V::load(X.keyScale + j);
      if (Folded) acc = fnmadd(t, t, acc);
      else if (Product) acc = acc + Profile::logAlpha(t * t);
      else acc = addSquare(acc, t);
    }
    V l = Folded || Product ? acc : Profile::logAlpha(acc);
    if (X.logWeights) l = l + V::load(X.logWeights + j);
    return l;
  });
}

// Dot-product similarity: la = (Σ_c q_c k_c)·invTemperature.
template <class V, class Keys>
inline typename V::T fillDot(const Keys& K, const Extra<V>& X, int d, double invTemperature, int64_t j0, int len,
                             typename V::T* __restrict la) {
  return fillTile<V>(len, la, [&](int v) {
    const int64_t j = j0 + (int64_t)v * V::L;
    V s = V::set(0.0);
    for (int c = 0; c < d; c++) s = s + K.product(c, j);
    V l = s * V::set(invTemperature);
    if (X.logWeights) l = l + V::load(X.logWeights + j);
    return l;
  });
}

}  // namespace NW_NS
