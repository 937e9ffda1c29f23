// One key at a time, in double, by the formulas of src/kernels/*.ts and the job oracle's order of
// operations. GCC builtins rather than <cmath>: no inline library code that the linker could share with
// the instruction-set units (see job.h).
#include "scalar.h"

namespace {

const double kInf = __builtin_inf();
const double kHalfPi = 1.5707963267948966;     // Math.PI / 2
const double kQuarterPi = 0.7853981633974483;  // Math.PI / 4
const double kSqrtHalf = 0.7071067811865476;   // Math.SQRT1_2

// log|α| as a function of u², with the edge of each compact support where the TypeScript kernel puts it.
double logAbsSq(int32_t kernel, double u2) {
  switch (kernel) {
    case NW_GAUSSIAN: return -0.5 * u2;
    case NW_BOXCAR: return u2 <= 1 ? 0 : -kInf;
    case NW_CONSTANT: return 0;
    case NW_TRIANGULAR: return u2 < 1 ? __builtin_log1p(-__builtin_sqrt(u2)) : -kInf;
    case NW_EPANECHNIKOV: return u2 < 1 ? __builtin_log1p(-u2) : -kInf;
    case NW_BIWEIGHT: return u2 < 1 ? 2 * __builtin_log1p(-u2) : -kInf;
    case NW_TRIWEIGHT: return u2 < 1 ? 3 * __builtin_log1p(-u2) : -kInf;
    case NW_TRICUBE: return u2 < 1 ? 3 * __builtin_log1p(-(u2 * __builtin_sqrt(u2))) : -kInf;
    case NW_COSINE: return u2 < 1 ? __builtin_log(__builtin_cos(kHalfPi * __builtin_sqrt(u2))) : -kInf;
    case NW_LOGISTIC: {
      const double u = __builtin_sqrt(u2);
      return -u - 2 * __builtin_log1p(__builtin_exp(-u));
    }
    case NW_SIGMOID: {
      const double u = __builtin_sqrt(u2);
      return -u - __builtin_log1p(__builtin_exp(-2 * u));
    }
    case NW_EXPONENTIAL: return -__builtin_sqrt(u2);
    case NW_SILVERMAN: {
      const double u = __builtin_sqrt(u2);
      return -u * kSqrtHalf + __builtin_log(__builtin_fabs(__builtin_sin(u * kSqrtHalf + kQuarterPi)));
    }
    default: return -kInf;
  }
}

double signSq(int32_t kernel, double u2) {
  if (kernel != NW_SILVERMAN) return 1;
  const double s = __builtin_sin(__builtin_sqrt(u2) * kSqrtHalf + kQuarterPi);
  return s > 0 ? 1 : s < 0 ? -1 : 0;
}

// The oracle's logTerm (float64) for key j of query i.
double logTerm(const NwJob& J, int32_t i, int64_t j, double* sign) {
  const int32_t d = J.d;
  const double* q = J.queries + (int64_t)i * d;
  const double* k = J.keys + j * d;
  double la;
  double sg = 1;
  if (J.similarity == NW_SIM_DOT) {
    double s = 0;
    for (int32_t c = 0; c < d; c++) s += q[c] * k[c];
    la = s * J.invTemperature;
  } else {
    const double ks = J.invKeyScale ? J.invKeyScale[j] : 1;
    if (J.shape == NW_SHAPE_PRODUCT && d > 1) {
      la = 0;
      for (int32_t c = 0; c < d; c++) {
        const double t = (q[c] - k[c]) * J.invWidth[c] * ks;
        la += logAbsSq(J.kernelId, t * t);
        sg *= signSq(J.kernelId, t * t);
      }
    } else {
      double u2 = 0;
      for (int32_t c = 0; c < d; c++) {
        const double t = (q[c] - k[c]) * J.invWidth[c] * ks;
        u2 += t * t;
      }
      la = logAbsSq(J.kernelId, u2);
      sg = signSq(J.kernelId, u2);
    }
  }
  if (sign) *sign = sg;
  return J.logWeights ? la + J.logWeights[j] : la;
}

template <class T>
void fill(const NwJob* job, int32_t i, int64_t j0, int32_t len, T* la, T* sign) {
  for (int32_t t = 0; t < len; t++) {
    double sg;
    la[t] = (T)logTerm(*job, i, j0 + t, sign ? &sg : nullptr);
    if (sign) sign[t] = (T)sg;
  }
}

}  // namespace

void nw_fill_scalar_f64(const NwJob* job, int32_t i, int64_t j0, int32_t len, double* la, double* sign) {
  fill(job, i, j0, len, la, sign);
}

void nw_fill_scalar_f32(const NwJob* job, int32_t i, int64_t j0, int32_t len, float* la, float* sign) {
  fill(job, i, j0, len, la, sign);
}
