#include "parallel.h"
#include <atomic>
#include <system_error>
#include <thread>
#include <vector>

int nw_parallel(int32_t m, int32_t chunk, int threads, NwChunkWork work, void* context) {
  std::atomic<int32_t> next{0};
  const auto claim = [&]() {
    for (;;) {
      const int32_t q0 = next.fetch_add(chunk, std::memory_order_relaxed);
      if (q0 >= m) return;
      work(context, q0, q0 + chunk < m ? q0 + chunk : m);
    }
  };
  std::vector<std::thread> others;
  others.reserve(threads > 1 ? threads - 1 : 0);
  for (int t = 1; t < threads; t++) {
    try {
      others.emplace_back(claim);
    } catch (const std::system_error&) {
      break;  // no more threads to be had: the ones running (and this one) do the rest
    }
  }
  claim();
  for (auto& t : others) t.join();
  return 1 + (int)others.size();
}
