// The body of every entry-*.cc: picks the fill for the job's kernel, shape and dimension, runs the queries
// with subnormals flushed to zero, and exports the table of entries.h. Included after an isa-*.h, inside
// that instruction set's namespace NW_NS, so no function here is shared between instruction sets.
#pragma once
#if defined(__SSE__)
#include <xmmintrin.h>
#endif
#include "../entries.h"
#include "driver.h"
#include "loo-scan.h"

namespace NW_NS {

// Flush-to-zero and denormals-are-zero for the duration of a call: a subnormal operand or result costs
// ~100 cycles on x86, and none can matter to the sums (reduce.h). The caller's mode is restored after.
struct FlushSubnormals {
#if defined(__SSE__)
  unsigned saved = _mm_getcsr();
  FlushSubnormals() { _mm_setcsr(saved | 0x8040); }
  ~FlushSubnormals() { _mm_setcsr(saved); }
#endif
};

template <class V, class Fill>
void runWith(const NwJob& J, const NwLayout& Lay, int32_t q0, int32_t q1, Context<V>& ctx, Scratch& S) {
  Fill fill{ctx, J};
  runQueries<V>(J, Lay, q0, q1, ctx, S, fill);
}

template <class Profile, bool Product, int DIM>
void runWide(const NwJob& J, const NwLayout& Lay, int32_t q0, int32_t q1, Context<F>& ctx, Scratch& S) {
  WideFill<Profile, Product, DIM> fill(J, Lay, S);
  runQueries<F>(J, Lay, q0, q1, ctx, S, fill);
}

// Log-terms in the sums' own precision, or (float sums of edge-sensitive kernels) in double.
template <class V, class Profile, bool Product, int DIM>
void runFill(const NwJob& J, const NwLayout& Lay, int32_t q0, int32_t q1, Context<V>& ctx, Scratch& S) {
  if constexpr (sizeof(typename V::T) == 4 && Profile::kEdge) {
    if (Lay.doubleFill) return runWide<Profile, Product, DIM>(J, Lay, q0, q1, ctx, S);
  }
  runWith<V, KernelFill<V, Profile, Product, DIM>>(J, Lay, q0, q1, ctx, S);
}

// Radial in one dimension, radial in any, or product. ProductIsRadial: the kernels whose product over
// coordinates is their radial form (the Gaussian: Σ −t_c²/2 = −u²/2; the constant).
template <class V, class Profile, bool ProductIsRadial>
void runKernel(const NwJob& J, const NwLayout& Lay, int32_t q0, int32_t q1, Context<V>& ctx, Scratch& S) {
  const bool product = J.shape == NW_SHAPE_PRODUCT && J.d > 1 && !ProductIsRadial;
  if (product) runFill<V, Profile, !ProductIsRadial, 0>(J, Lay, q0, q1, ctx, S);
  else if (J.d == 1) runFill<V, Profile, false, 1>(J, Lay, q0, q1, ctx, S);
  else runFill<V, Profile, false, 0>(J, Lay, q0, q1, ctx, S);
}

template <class V>
void runPrecision(const NwJob& J, const NwLayout& Lay, int32_t q0, int32_t q1) {
  Scratch S;
  if (!S.make(J.d, J.p, Wide<V>::kLanes)) {
    // out of memory for a few hundred bytes: leave no plausible-looking numbers behind
    for (int32_t i = q0; i < q1; i++) J.sum[i] = __builtin_nan("");
    return;
  }
  Context<V> ctx(J, Lay, S);
  if (!Lay.vectorFill) {
    if (J.kernelId == NW_SILVERMAN) runWith<V, ScalarFill<V, true>>(J, Lay, q0, q1, ctx, S);
    else runWith<V, ScalarFill<V, false>>(J, Lay, q0, q1, ctx, S);
    return;
  }
  if (J.similarity == NW_SIM_DOT) {
    runWith<V, DotFill<V>>(J, Lay, q0, q1, ctx, S);
    return;
  }
  switch (J.kernelId) {
    case NW_GAUSSIAN: runKernel<V, Gaussian, true>(J, Lay, q0, q1, ctx, S); break;
    case NW_BOXCAR: runKernel<V, Boxcar, false>(J, Lay, q0, q1, ctx, S); break;
    case NW_CONSTANT: runKernel<V, Constant, true>(J, Lay, q0, q1, ctx, S); break;
    case NW_TRIANGULAR: runKernel<V, Triangular, false>(J, Lay, q0, q1, ctx, S); break;
    case NW_EPANECHNIKOV: runKernel<V, Epanechnikov, false>(J, Lay, q0, q1, ctx, S); break;
    case NW_BIWEIGHT: runKernel<V, Biweight, false>(J, Lay, q0, q1, ctx, S); break;
    case NW_TRIWEIGHT: runKernel<V, Triweight, false>(J, Lay, q0, q1, ctx, S); break;
    case NW_TRICUBE: runKernel<V, Tricube, false>(J, Lay, q0, q1, ctx, S); break;
    case NW_LOGISTIC: runKernel<V, Logistic, false>(J, Lay, q0, q1, ctx, S); break;
    case NW_SIGMOID: runKernel<V, Sigmoid, false>(J, Lay, q0, q1, ctx, S); break;
    case NW_EXPONENTIAL: runKernel<V, Exponential, false>(J, Lay, q0, q1, ctx, S); break;
    default: break;  // prepare.cc sends the others to the scalar fill
  }
}

void run(const NwJob* J, const NwLayout* Lay, int32_t q0, int32_t q1) {
  FlushSubnormals mode;
  if (Lay->floatSums) runPrecision<F>(*J, *Lay, q0, q1);
  else runPrecision<D>(*J, *Lay, q0, q1);
}

void scan(const NwScanJob* J, const NwScanLayout* Lay, int32_t q0, int32_t q1) {
  FlushSubnormals mode;
  looScanQueries(*J, *Lay, q0, q1);
}

template <class V>
void probeWith(int32_t fn, const double* x, double* y, int64_t n) {
  using T = typename V::T;
  alignas(64) T in[V::L], out[V::L];
  for (int64_t i = 0; i < n; i += V::L) {
    for (int l = 0; l < V::L; l++) in[l] = (T)(i + l < n ? x[i + l] : 1);
    const V v = V::load(in);
    V::store(out, fn == 0 ? vexp(v, kCutoff<T>) : vlog(v));
    for (int l = 0; l < V::L && i + l < n; l++) y[i + l] = out[l];
  }
}

void probe(int32_t fn, bool single, const double* x, double* y, int64_t n) {
  FlushSubnormals mode;
  if (single) probeWith<F>(fn, x, y, n);
  else probeWith<D>(fn, x, y, n);
}

}  // namespace NW_NS
