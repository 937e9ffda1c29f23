// The job as the addon sees it: plain pointers into the caller's typed arrays (see src/backends/types.ts for
// the contract) and the padded copies made per call. Plain data only, no inline code: this header is
// included by the per-instruction-set units too, and any inline function here would be compiled once per
// instruction set and merged by the linker into one copy of unknown flavour.
#pragma once
#include <stdint.h>

enum NwKernel : int32_t {
  NW_GAUSSIAN, NW_BOXCAR, NW_CONSTANT, NW_TRIANGULAR, NW_EPANECHNIKOV, NW_BIWEIGHT, NW_TRIWEIGHT,
  NW_TRICUBE, NW_COSINE, NW_LOGISTIC, NW_SIGMOID, NW_EXPONENTIAL, NW_SILVERMAN, NW_KERNEL_COUNT
};
enum { NW_SIM_KERNEL = 0, NW_SIM_DOT = 1 };
enum { NW_SHAPE_RADIAL = 0, NW_SHAPE_PRODUCT = 1 };

struct NwJob {
  int32_t n, d, p, m;
  const double* keys;         // n × d
  const double* values;       // n × p, or null
  const double* logWeights;   // n, or null
  const double* invKeyScale;  // n, or null
  const double* queries;      // m × d
  const int32_t* lo;          // m, or null (with hi)
  const int32_t* hi;
  const int32_t* exclude;     // m, or null
  const double* invWidth;     // d
  int32_t similarity, kernelId, shape;
  bool single;                // float32: differences, log-terms and exp in single precision
  double invTemperature;
  // outputs, m (weighted: m × p)
  double* logScale;
  double* sum;
  double* sumSq;
  double* maxTerm;
  double* weighted;
};

// Key-major copies of what the vector loops read, each padded past n so that a whole vector can be read
// at any key index below n. Which arrays exist depends on the plan below (null otherwise).
struct NwLayout {
  int64_t stride;             // n + padding: the distance between coordinates (or value columns)
  // How the job runs (prepare.cc decides): sums of float terms or of double terms; log-terms from the
  // vector code or one key at a time (scalar.cc); for float sums, log-terms computed in double first.
  bool floatSums;
  bool vectorFill;
  bool doubleFill;
  const double* keysD;        // d × stride
  // float32, kernel similarity: the keys scaled, s_c = k_c·invWidth_c·fold (fold = √½ for the Gaussian,
  // whose −u²/2 then is −Σ(q'_c − s_c)², else 1), split into hi = float(s) and lo = float(s − hi) so that
  // the scaled difference keeps its digits for data far from 0; dot similarity: hi = float(k), no lo
  const float* keysHi;        // d × stride
  const float* keysLo;        // d × stride
  double fold;
  const double* valuesD;      // p × stride
  const float* valuesF;
  const double* logWeightsD;  // stride
  const float* logWeightsF;
  const double* keyScaleD;    // stride
  const float* keyScaleF;
};

// Vector loads may run this many entries past the last key.
#define NW_PAD 64
