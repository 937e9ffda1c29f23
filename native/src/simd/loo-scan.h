// The Gaussian leave-one-out scan (scan-job.h) for one instruction set: per query, a walk outward from its
// key over the sorted keys, vectors of neighbours at a time. Each neighbour costs one exp; then each width
// squares the term (widths shrink by √2, so exponents double), except every `reanchor` widths, where the
// exp is taken afresh (for terms large enough to matter) so that the squarings' doubling rounding error
// stays below 2^reanchor ulp. A term below the floor (the oracle's 1e−300) is dropped. Keys are sorted and
// δ grows away from the query, so the walk stops at the first step whose terms are all dropped at the
// widest width: every key beyond is too.
#pragma once
#include <stdlib.h>
#include "../scan-job.h"
#include "vmath.h"

namespace NW_NS {

// Vectors of keys per step of the walk.
constexpr int kScanUnroll = 4;
static_assert(kScanUnroll * 8 <= NW_SCAN_PAD, "a step of the walk must fit in the padding");

// P: the value columns as a compile-time count where it pays (0: density, 1: one column), else −1 (J.p).
template <class V, bool Weighted, int P, int U = kScanUnroll>
class LooScanQuery {
 public:
  // the accumulators (G·(1 + p) vectors) and the exponent factors (G)
  static int64_t scratchDoubles(const NwScanJob& J) { return (int64_t)J.widths * (1 + J.p) * V::L + J.widths; }

  LooScanQuery(const NwScanJob& J, const NwScanLayout& Lay, double* scratch)
      : J_(J), G_(J.widths), p_(P >= 0 ? P : J.p), keys_(Lay.keys), weights_(Lay.weights), values_(Lay.values),
        stride_(Lay.stride), accS_(scratch), accT_(scratch + (int64_t)J.widths * V::L),
        exponent_(scratch + (int64_t)J.widths * (1 + J.p) * V::L) {
    // −c₀·2^g, as the oracle forms it (exact: a power of two times c₀)
    for (int g = 0; g < G_; g++) exponent_[g] = -J.c0 * __builtin_ldexp(1.0, g);
  }

  // Sums of query key s into sum[g] and weighted[g·p + c].
  void run(int32_t s, double* sum, double* weighted) {
    const int64_t accLen = (int64_t)G_ * (1 + p_) * V::L;
    for (int64_t k = 0; k < accLen; k++) accS_[k] = 0;
    const double anchor = J_.anchor[s];
    // a query of weight 0 is no point of the objective; one with no other key of positive weight (an
    // infinite anchor) has no estimate: both keep sums of 0, as the oracle's
    const bool counted = !(Weighted && weights_[s] == 0) && anchor < __builtin_inf();
    if (counted) {
      xi_ = V::set(keys_[s]);
      anchor_ = V::set(anchor);
      for (int64_t j = s + 1; j < J_.n && block<true>(j); j += U * V::L) {}
      for (int64_t j = s - U * V::L; j + U * V::L > 0 && block<false>(j); j -= U * V::L) {}
    }
    for (int g = 0; g < G_; g++) {
      sum[g] = lanes(accS_ + (int64_t)g * V::L);
      for (int c = 0; c < p_; c++) weighted[(int64_t)g * p_ + c] = lanes(accT_ + ((int64_t)g * p_ + c) * V::L);
    }
  }

 private:
  // Adds keys [j, j + U·L) (padding beyond either end contributes 0); false when every one of their terms
  // is dropped already at the widest width. U vectors at a time: their chains of squarings are independent,
  // so they overlap in the pipeline. The keys are sorted, so the block's terms are ordered too: while its
  // farthest key's term is kept all are (no masks), and once its nearest key's is dropped all are.
  // Right: the block lies right of the query (its first lane is the nearest), else left of it.
  template <bool Right>
  bool block(int64_t j) {
    constexpr int nearest = Right ? 0 : U - 1, farthest = U - 1 - nearest;
    const V floor = V::set(J_.floor);
    V delta[U], e[U], w[U], y[U];
    for (int u = 0; u < U; u++) {
      const V dx = xi_ - V::load(keys_ + j + u * V::L);
      // δ ≥ 0 for keys of positive weight (the anchor is the nearest of them); a key of weight 0 may be
      // nearer, and the max keeps its term finite (its weight then makes it 0)
      delta[u] = max(V::set(0.0), dx * dx - anchor_);
      e[u] = vexp(V::set(exponent_[0]) * delta[u], MathConst<double>::lowest);
    }
    if (!any(ge(e[nearest], floor))) return false;
    for (int u = 0; u < U; u++) {
      w[u] = Weighted ? V::load(weights_ + j + u * V::L) : V::set(1.0);
      y[u] = P == 1 ? V::load(values_ + j + u * V::L) : V::set(0.0);
    }
    int g = 0, untilAnchor = J_.reanchor;
    for (; all(ge(e[farthest], floor)); next(g, untilAnchor, delta, e)) {
      add<false>(g, j, e, w, y);
      if (g + 1 == G_) return true;
    }
    for (; any(ge(e[nearest], floor)); next(g, untilAnchor, delta, e)) {
      add<true>(g, j, e, w, y);
      if (g + 1 == G_) return true;
    }
    return true;  // every narrower width's term is smaller still
  }

  // The terms of width g into the sums (Masked: those below the floor as 0).
  template <bool Masked>
  void add(int g, int64_t j, const V (&e)[U], const V (&w)[U], const V (&y)[U]) {
    V t[U];
    for (int u = 0; u < U; u++) {
      t[u] = Masked ? zeroUnless(ge(e[u], V::set(J_.floor)), e[u]) : e[u];
      if (Weighted) t[u] = t[u] * w[u];
    }
    double* s = accS_ + (int64_t)g * V::L;
    V::store(s, V::load(s) + sumOf(t));
    if constexpr (P == 1) {
      double* a = accT_ + (int64_t)g * V::L;
      V ty = V::load(a);
      for (int u = 0; u < U; u++) ty = fmadd(t[u], y[u], ty);
      V::store(a, ty);
    } else if constexpr (P < 0) {
      for (int c = 0; c < p_; c++) {
        double* a = accT_ + ((int64_t)g * p_ + c) * V::L;
        V ty = V::load(a);
        for (int u = 0; u < U; u++) ty = fmadd(t[u], V::load(values_ + c * stride_ + j + u * V::L), ty);
        V::store(a, ty);
      }
    }
  }

  // The terms of the next width: squares, and every `reanchor` widths a fresh exp for the vectors with a
  // term above `exactAbove` (the smaller ones' rounding cannot reach the sums' digits: scan-job.h).
  void next(int& g, int& untilAnchor, const V (&delta)[U], V (&e)[U]) {
    g++;
    for (int u = 0; u < U; u++) e[u] = e[u] * e[u];
    if (--untilAnchor == 0) {
      untilAnchor = J_.reanchor;
      const V above = V::set(J_.exactAbove);
      for (int u = 0; u < U; u++)
        if (any(gt(e[u], above))) e[u] = vexp(V::set(exponent_[g]) * delta[u], MathConst<double>::lowest);
    }
  }

  static V sumOf(const V (&t)[U]) {
    if constexpr (U == 4) return (t[0] + t[1]) + (t[2] + t[3]);
    V s = t[0];
    for (int u = 1; u < U; u++) s = s + t[u];
    return s;
  }

  static double lanes(const double* a) {
    double s = 0;
    for (int l = 0; l < V::L; l++) s += a[l];
    return s;
  }

  const NwScanJob& J_;
  const int G_, p_;
  const double* keys_;
  const double* weights_;
  const double* values_;
  const int64_t stride_;
  double* accS_;      // G × L
  double* accT_;      // G × p × L
  double* exponent_;  // G: −c₀·2^g
  V xi_ = V::set(0.0), anchor_ = V::set(0.0);
};

template <class V, bool Weighted, int P>
void looScanRange(const NwScanJob& J, const NwScanLayout& Lay, int32_t q0, int32_t q1) {
  using Q = LooScanQuery<V, Weighted, P>;
  double* scratch = (double*)malloc(Q::scratchDoubles(J) * sizeof(double));
  if (!scratch) {
    // out of memory for a few kilobytes: leave no plausible-looking numbers behind
    for (int32_t s = q0; s < q1; s++) J.sum[(int64_t)(s - J.from) * J.widths] = __builtin_nan("");
    return;
  }
  Q query(J, Lay, scratch);
  for (int32_t s = q0; s < q1; s++) {
    const int64_t row = (int64_t)(s - J.from) * J.widths;
    query.run(s, J.sum + row, J.weighted ? J.weighted + row * J.p : nullptr);
  }
  free(scratch);
}

template <class V, bool Weighted>
void looScanColumns(const NwScanJob& J, const NwScanLayout& Lay, int32_t q0, int32_t q1) {
  if (J.p == 0) looScanRange<V, Weighted, 0>(J, Lay, q0, q1);
  else if (J.p == 1) looScanRange<V, Weighted, 1>(J, Lay, q0, q1);
  else looScanRange<V, Weighted, -1>(J, Lay, q0, q1);
}

// Queries [q0, q1) of the job (key indices), in double precision.
inline void looScanQueries(const NwScanJob& J, const NwScanLayout& Lay, int32_t q0, int32_t q1) {
  if (Lay.weights) looScanColumns<D, true>(J, Lay, q0, q1);
  else looScanColumns<D, false>(J, Lay, q0, q1);
}

}  // namespace NW_NS
