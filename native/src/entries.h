// What each instruction-set build of the vector code (simd/entry-*.cc) exports: one table of functions.
#pragma once
#include "job.h"
#include "scan-job.h"

struct NwEntry {
  // Computes queries [q0, q1) of the job into its outputs. Safe to call from several threads at once.
  void (*run)(const NwJob* job, const NwLayout* layout, int32_t q0, int32_t q1);
  // Evaluates the vector exp (fn 0, arguments below the single/double cutoff give 0) or log (fn 1) at n
  // points, for the accuracy tests.
  void (*probe)(int32_t fn, bool single, const double* x, double* y, int64_t n);
  // The Gaussian leave-one-out scan of queries (key indices) [q0, q1). Safe to call from several threads.
  void (*scan)(const NwScanJob* job, const NwScanLayout* layout, int32_t q0, int32_t q1);
  int32_t floatLanes;
};

// NW_WITH_GENERIC adds the one-lane build on x64 too (a development check: every edge at width 1)
#if defined(__x86_64__)
extern const NwEntry nw_entry_sse2;
extern const NwEntry nw_entry_avx2;
extern const NwEntry nw_entry_avx512;
#endif
#if !defined(__x86_64__) || defined(NW_WITH_GENERIC)
extern const NwEntry nw_entry_generic;
#endif
