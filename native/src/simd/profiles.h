// log|α| of the kernels as vector functions of u², with the support edges of src/kernels/*.ts (u² < 1,
// but u² ≤ 1 for the boxcar). Absolute accuracy is what matters here: an error ε in a log-term is a
// relative error ε in its weight. kEdge: log α has a logarithmic singularity at the support's edge
// (float32 then computes the log-terms in double: prepare.cc).
#pragma once
#include "vmath.h"

namespace NW_NS {

template <class V>
inline V minusInfinity() { return V::set(-__builtin_inf()); }

// The largest lane.
template <class V>
inline typename V::T largest(V x) {
  alignas(64) typename V::T lanes[V::L];
  V::store(lanes, x);
  typename V::T r = lanes[0];
  for (int l = 1; l < V::L; l++) r = lanes[l] > r ? lanes[l] : r;
  return r;
}

// k·log x where x > 0, else −∞ (x = 1 − u² and its kin: x > 0 exactly when u is inside the support).
template <class V>
inline V scaledLogPositive(V x, double k) {
  return select(gt(x, V::set(0.0)), V::set(k) * vlog(x), minusInfinity<V>());
}

struct Gaussian {
  static constexpr bool kEdge = false;
  static constexpr bool kFolded = true;  // float32: −u²/2 = −Σ t_c² of keys scaled by √½ (job.h)
  template <class V> static V logAlpha(V u2) { return u2 * V::set(-0.5); }
};
struct Boxcar {
  static constexpr bool kFolded = false;
  static constexpr bool kEdge = false;
  template <class V> static V logAlpha(V u2) { return select(le(u2, V::set(1.0)), V::set(0.0), minusInfinity<V>()); }
};
struct Constant {
  static constexpr bool kFolded = false;
  static constexpr bool kEdge = false;
  template <class V> static V logAlpha(V) { return V::set(0.0); }
};
struct Triangular {
  static constexpr bool kFolded = false;
  static constexpr bool kEdge = true;
  template <class V> static V logAlpha(V u2) { return scaledLogPositive(V::set(1.0) - sqrt(u2), 1); }
};
struct Epanechnikov {
  static constexpr bool kFolded = false;
  static constexpr bool kEdge = true;
  template <class V> static V logAlpha(V u2) { return scaledLogPositive(V::set(1.0) - u2, 1); }
};
struct Biweight {
  static constexpr bool kFolded = false;
  static constexpr bool kEdge = true;
  template <class V> static V logAlpha(V u2) { return scaledLogPositive(V::set(1.0) - u2, 2); }
};
struct Triweight {
  static constexpr bool kFolded = false;
  static constexpr bool kEdge = true;
  template <class V> static V logAlpha(V u2) { return scaledLogPositive(V::set(1.0) - u2, 3); }
};
struct Tricube {
  static constexpr bool kFolded = false;
  static constexpr bool kEdge = true;
  // u³ may round to 1 just inside the support: log 0 = −∞ there, as log1p(−1) is in the oracle
  template <class V> static V logAlpha(V u2) { return scaledLogPositive(V::set(1.0) - u2 * sqrt(u2), 3); }
};
struct Exponential {
  static constexpr bool kFolded = false;
  static constexpr bool kEdge = false;
  template <class V> static V logAlpha(V u2) { return V::set(0.0) - sqrt(u2); }
};
// log(1 + y) for y = e^{−u} ≤ 1 errs by at most half an ulp of 1 in absolute terms: as good as log1p here
struct Logistic {
  static constexpr bool kFolded = false;
  static constexpr bool kEdge = false;
  template <class V> static V logAlpha(V u2) {
    const V u = sqrt(u2);
    const V y = vexp(V::set(0.0) - u, MathConst<typename V::T>::lowest);
    return V::set(0.0) - u - V::set(2.0) * vlog(V::set(1.0) + y);
  }
};
struct Sigmoid {
  static constexpr bool kFolded = false;
  static constexpr bool kEdge = false;
  template <class V> static V logAlpha(V u2) {
    const V u = sqrt(u2);
    const V y = vexp(V::set(-2.0) * u, MathConst<typename V::T>::lowest);
    return V::set(0.0) - u - vlog(V::set(1.0) + y);
  }
};

}  // namespace NW_NS
