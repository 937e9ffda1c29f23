// The instruction sets the vector code was built for, which of them this processor runs, and the best one.
#pragma once
#include "entries.h"

struct NwIsa {
  const char* name;   // as the JavaScript side names it: 'avx512', 'avx2', 'sse2', 'generic'
  const char* label;  // for describe(): 'AVX-512', 'AVX2+FMA', …
  const NwEntry* entry;
};

// The instruction sets that run here, best first (x64: AVX-512, AVX2+FMA, SSE2; elsewhere: generic).
int nw_isa_count();
const NwIsa* nw_isa(int index);
// By name, or null when unknown or not runnable here.
const NwIsa* nw_isa_named(const char* name);
