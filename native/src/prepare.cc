// Copies are O(n·(d + p)) per call against O(n·m) work; they give the vector loops unit-stride rows with
// zero padding past n, and in float32 the keys split into a float and the float of the remainder.
#include "prepare.h"
#include <stdlib.h>

namespace {

// The kernels whose log-profile has a logarithmic singularity at the support's edge (log(1 − u) and
// kin): there an error ε in u² becomes ε/(1 − u) in the log-term, so float32 computes their log-terms
// in double and rounds each once.
bool edgeSensitive(int32_t kernel) {
  switch (kernel) {
    case NW_TRIANGULAR: case NW_EPANECHNIKOV: case NW_BIWEIGHT: case NW_TRIWEIGHT: case NW_TRICUBE: case NW_COSINE:
      return true;
    default:
      return false;
  }
}

void plan(const NwJob& J, NwLayout& L) {
  const bool kernel = J.similarity == NW_SIM_KERNEL;
  // cosine and Silverman have no vector profile (no vector cos or sin)
  L.vectorFill = !kernel || (J.kernelId != NW_COSINE && J.kernelId != NW_SILVERMAN);
  // Silverman's signed terms cancel: a float sum cannot promise the float32 tolerance, so it sums in double
  L.floatSums = J.single && !(kernel && J.kernelId == NW_SILVERMAN);
  L.doubleFill = L.floatSums && L.vectorFill && kernel && edgeSensitive(J.kernelId);
  L.fold = kernel && J.kernelId == NW_GAUSSIAN ? 0.7071067811865476 : 1;
}

// dst[c·stride + j] = src[j·cols + c], zero past n.
template <class T>
void transpose(T* dst, const double* src, int64_t n, int64_t cols, int64_t stride) {
  for (int64_t c = 0; c < cols; c++) {
    T* row = dst + c * stride;
    for (int64_t j = 0; j < n; j++) row[j] = (T)src[j * cols + c];
    for (int64_t j = n; j < stride; j++) row[j] = 0;
  }
}

// s = k_c·scale_c split into float(s) and the float of the remainder.
void split(float* hi, float* lo, const double* src, const double* scale, double fold, int64_t n, int64_t cols, int64_t stride) {
  for (int64_t c = 0; c < cols; c++) {
    float* h = hi + c * stride;
    float* l = lo + c * stride;
    const double f = scale[c] * fold;
    for (int64_t j = 0; j < n; j++) {
      const double s = src[j * cols + c] * f;
      h[j] = (float)s;
      l[j] = (float)(s - (double)h[j]);
    }
    for (int64_t j = n; j < stride; j++) h[j] = l[j] = 0;
  }
}

}  // namespace

template <class T>
T* NwPrepared::allocate(int64_t count) {
  void* p = malloc((size_t)(count > 0 ? count : 1) * sizeof(T));
  if (p) blocks_.push_back(p);
  return (T*)p;
}

bool NwPrepared::make(const NwJob& J) {
  NwLayout& L = layout_;
  plan(J, L);
  const int64_t n = J.n, d = J.d, p = J.p, stride = n + NW_PAD;
  L.stride = stride;
  const bool dot = J.similarity == NW_SIM_DOT;
  bool ok = true;
  // each copy: allocated, filled, and published in the layout
  const auto copy = [&](auto* type, const double* src, int64_t cols, auto& field) {
    using T = typename std::remove_pointer<decltype(type)>::type;
    if (!src && cols > 0) return;
    T* dst = allocate<T>(cols * stride);
    if (!dst) { ok = false; return; }
    transpose(dst, src, n, cols, stride);
    field = dst;
  };
  const bool doubleTerms = !L.floatSums || L.doubleFill;
  if (doubleTerms) {
    if (L.vectorFill) copy((double*)nullptr, J.keys, d, L.keysD);
    copy((double*)nullptr, J.logWeights, 1, L.logWeightsD);
    copy((double*)nullptr, J.invKeyScale, 1, L.keyScaleD);
  }
  if (!L.floatSums) copy((double*)nullptr, J.values, p, L.valuesD);
  if (L.floatSums) {
    copy((float*)nullptr, J.values, p, L.valuesF);
    if (L.vectorFill && !L.doubleFill) {
      if (dot) {
        copy((float*)nullptr, J.keys, d, L.keysHi);
      } else {
        float* hi = allocate<float>(d * stride);
        float* lo = allocate<float>(d * stride);
        if (hi && lo) split(hi, lo, J.keys, J.invWidth, L.fold, n, d, stride), L.keysHi = hi, L.keysLo = lo;
        else ok = false;
      }
      copy((float*)nullptr, J.logWeights, 1, L.logWeightsF);
      copy((float*)nullptr, J.invKeyScale, 1, L.keyScaleF);
    }
  }
  return ok;
}

NwPrepared::~NwPrepared() {
  for (void* p : blocks_) free(p);
}
