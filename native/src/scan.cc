#include "scan.h"
#include <stdlib.h>
#include "parallel.h"

namespace {

// As in run.cc: below this many pairs per thread, starting a thread costs more than it saves.
const int64_t kPairsPerThread = 1 << 16;
constexpr double kInf = __builtin_inf();

struct Work {
  const NwScanJob* job;
  const NwScanLayout* layout;
  const NwEntry* entry;
};

void scanChunk(void* context, int32_t q0, int32_t q1) {
  const Work* w = (const Work*)context;
  w->entry->scan(w->job, w->layout, w->job->from + q0, w->job->from + q1);
}

// dst[c·stride + PAD + j] = src[j·cols + c] (src null: 1), `low` before the keys and `high` after them.
void pad(double* dst, const double* src, int64_t n, int64_t cols, int64_t stride, double low, double high) {
  for (int64_t c = 0; c < cols; c++) {
    double* row = dst + c * stride;
    for (int64_t j = 0; j < NW_SCAN_PAD; j++) row[j] = low;
    for (int64_t j = 0; j < n; j++) row[NW_SCAN_PAD + j] = src ? src[j * cols + c] : 1;
    for (int64_t j = NW_SCAN_PAD + n; j < stride; j++) row[j] = high;
  }
}

}  // namespace

const char* nw_scan(const NwScanJob& job, int threads, const NwIsa& isa) {
  const int32_t m = job.to - job.from;
  if (m <= 0) return nullptr;
  const int64_t n = job.n, stride = n + 2 * NW_SCAN_PAD;
  const int64_t arrays = 1 + (job.weights ? 1 : 0) + job.p;
  double* block = (double*)malloc(arrays * stride * sizeof(double));
  if (!block) return "out of memory for the key copies";
  // keys of ±∞ beyond the ends: their δ is ∞ and their term 0, so the walk's vectors need no tail
  pad(block, job.keys, n, 1, stride, -kInf, kInf);
  double* next = block + stride;
  NwScanLayout layout = {stride, block + NW_SCAN_PAD, nullptr, nullptr};
  if (job.weights) {
    pad(next, job.weights, n, 1, stride, 0, 0);
    layout.weights = next + NW_SCAN_PAD;
    next += stride;
  }
  if (job.p > 0) {
    pad(next, job.values, n, job.p, stride, 0, 0);
    layout.values = next + NW_SCAN_PAD;
  }
  // the walk stops where the widest width's terms vanish, so m·n bounds the pairs
  const int64_t byWork = (int64_t)m * n / kPairsPerThread;
  int use = threads;
  if (use > byWork) use = byWork < 1 ? 1 : (int)byWork;
  if (use > m) use = m;
  // about 8 chunks per thread: queries near the middle of the data have more keys in reach
  int32_t chunk = (int32_t)(m / ((int64_t)use * 8));
  if (chunk < 1) chunk = 1;
  Work work{&job, &layout, isa.entry};
  nw_parallel(m, chunk, use, scanChunk, &work);
  free(block);
  return nullptr;
}
