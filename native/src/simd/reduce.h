// The second pass over a tile: e_j = e^{la_j − M} against the query's running maximum M, summed into
// S = Σ s_j e_j, S2 = Σ e_j² and W_c = Σ s_j e_j v_{j,c}. Sums run in the vector's own precision for one
// block of kBlock vectors (so a float lane adds at most kBlock terms: ≤ 16 roundings), then go into
// double accumulators; the tile's totals are added to acc: S, S2, then the p columns of W, each
// Wide<V>::kLanes doubles (the lanes are summed once, at the end of the query).
#pragma once
#include "vmath.h"

namespace NW_NS {

constexpr int kBlock = 16;

// Terms below e^{cutoff} of the largest are exactly 0: below the smallest normal float (e^{−87}) they would
// be subnormals, and no sum of n < 2^30 such terms reaches the sum's last digit.
template <class T> constexpr double kCutoff = -80.0;
template <> constexpr double kCutoff<double> = -708.0;

// A double accumulator for the lanes of V: two double vectors for float lanes, one for double.
template <class V> struct Wide;
template <> struct Wide<F> {
  static constexpr int kLanes = 2 * D::L;
  D lo = D::set(0.0), hi = D::set(0.0);
  void add(F x) { lo = lo + widenLo(x); hi = hi + widenHi(x); }
  void addTo(double* p) const {
    D::store(p, D::load(p) + lo);
    D::store(p + D::L, D::load(p + D::L) + hi);
  }
};
template <> struct Wide<D> {
  static constexpr int kLanes = D::L;
  D sum = D::set(0.0);
  void add(D x) { sum = sum + x; }
  void addTo(double* p) const { D::store(p, D::load(p) + sum); }
};

// P: the number of value columns when 0 or 1, else −1 (any p, the partial sums in memory).
template <class V, int P, bool Signed>
inline void reduceTile(const typename V::T* la, const typename V::T* sign, int nvec, typename V::T M,
                       const typename V::T* const* cols, int p, double* acc, typename V::T* partW) {
  using T = typename V::T;
  constexpr int K = Wide<V>::kLanes;
  const V m = V::set(M);
  const double cutoff = kCutoff<T>;
  Wide<V> S, S2, W;
  for (int b = 0; b < nvec; b += kBlock) {
    const int end = nvec < b + kBlock ? nvec : b + kBlock;
    V s = V::set(0.0), s2 = V::set(0.0), w = V::set(0.0);
    if (P < 0) for (int c = 0; c < p; c++) V::store(partW + c * V::L, V::set(0.0));
    for (int v = b; v < end; v++) {
      const int o = v * V::L;
      V e = vexp(V::load(la + o) - m, cutoff);
      s2 = fmadd(e, e, s2);
      if (Signed) e = e * V::load(sign + o);
      s = s + e;
      if (P == 1) w = fmadd(e, V::load(cols[0] + o), w);
      if (P < 0) {
        for (int c = 0; c < p; c++) {
          T* pw = partW + c * V::L;
          V::store(pw, fmadd(e, V::load(cols[c] + o), V::load(pw)));
        }
      }
    }
    S.add(s);
    S2.add(s2);
    if (P == 1) W.add(w);
    if (P < 0) {
      for (int c = 0; c < p; c++) {
        Wide<V> col;
        col.add(V::load(partW + c * V::L));
        col.addTo(acc + (2 + c) * K);
      }
    }
  }
  S.addTo(acc);
  S2.addTo(acc + K);
  if (P == 1) W.addTo(acc + 2 * K);
}

}  // namespace NW_NS
