#include "cpu.h"
#include <string.h>

namespace {

struct Candidate {
  NwIsa isa;
  bool (*runsHere)();
};

#if defined(__x86_64__)
// __builtin_cpu_supports also checks that the system saves the wider registers (XGETBV)
bool hasAvx512() { return __builtin_cpu_supports("avx512f"); }
bool hasAvx2() { return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"); }
#endif
bool always() { return true; }

const Candidate kCandidates[] = {
#if defined(__x86_64__)
    {{"avx512", "AVX-512", &nw_entry_avx512}, hasAvx512},
    {{"avx2", "AVX2+FMA", &nw_entry_avx2}, hasAvx2},
    {{"sse2", "SSE2", &nw_entry_sse2}, always},
#endif
#if !defined(__x86_64__) || defined(NW_WITH_GENERIC)
    {{"generic", "generic C++ (one lane)", &nw_entry_generic}, always},
#endif
};

struct Available {
  const NwIsa* list[sizeof(kCandidates) / sizeof(kCandidates[0])];
  int count = 0;
  Available() {
#if defined(__x86_64__)
    __builtin_cpu_init();
#endif
    for (const Candidate& c : kCandidates)
      if (c.runsHere()) list[count++] = &c.isa;
  }
};

const Available& available() {
  static const Available a;
  return a;
}

}  // namespace

int nw_isa_count() { return available().count; }

const NwIsa* nw_isa(int index) {
  return index >= 0 && index < available().count ? available().list[index] : nullptr;
}

const NwIsa* nw_isa_named(const char* name) {
  for (int i = 0; i < available().count; i++)
    if (strcmp(available().list[i]->name, name) == 0) return available().list[i];
  return nullptr;
}
