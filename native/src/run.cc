#include "run.h"
#include "parallel.h"
#include "prepare.h"

namespace {

// Below this many key–query pairs per thread, starting a thread (tens of µs) costs more than it saves.
const int64_t kPairsPerThread = 1 << 16;

struct Work {
  const NwJob* job;
  const NwLayout* layout;
  const NwEntry* entry;
};

void runChunk(void* context, int32_t q0, int32_t q1) {
  const Work* w = (const Work*)context;
  w->entry->run(w->job, w->layout, q0, q1);
}

int64_t pairs(const NwJob& J) {
  if (!J.lo || !J.hi) return (int64_t)J.n * J.m;
  int64_t s = 0;
  for (int32_t i = 0; i < J.m; i++) s += J.hi[i] - J.lo[i];
  return s;
}

}  // namespace

const char* nw_run(const NwJob& job, int threads, const NwIsa& isa) {
  if (job.m == 0) return nullptr;
  NwPrepared prepared;
  if (!prepared.make(job)) return "out of memory for the key copies";
  const int64_t byWork = pairs(job) / kPairsPerThread;
  int use = threads;
  if (use > byWork) use = byWork < 1 ? 1 : (int)byWork;
  if (use > job.m) use = job.m;
  // about 8 chunks per thread: windows of sorted keys differ in size, so threads balance by claiming
  int32_t chunk = (int32_t)(job.m / ((int64_t)use * 8));
  if (chunk < 1) chunk = 1;
  Work work{&job, &prepared.layout(), isa.entry};
  nw_parallel(job.m, chunk, use, runChunk, &work);
  return nullptr;
}
