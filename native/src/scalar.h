// The log-terms of every kernel, shape and similarity, one key at a time, by the same formulas as the job
// oracle (src/backends/js.ts): the fallback for the kernels without a vector profile (cosine, Silverman).
#pragma once
#include "job.h"

// la[t] = log|α(q_i, k_{j0+t})| + logWeights, sign[t] = sign of α (when sign is not null), t < len.
void nw_fill_scalar_f64(const NwJob* job, int32_t i, int64_t j0, int32_t len, double* la, double* sign);
// The same rounded to float once at the end (more accurate than the oracle's float32, which rounds u²
// too: near a compact kernel's edge that rounding alone can exceed the float32 tolerance).
void nw_fill_scalar_f32(const NwJob* job, int32_t i, int64_t j0, int32_t len, float* la, float* sign);
