// The vector code built for sse2 (compile flags in binding.gyp).
#define NW_NS nw_sse2
#include "isa-sse2.h"
#include "entry.h"

extern const NwEntry nw_entry_sse2 = {nw_sse2::run, nw_sse2::probe, nw_sse2::scan, nw_sse2::F::L};
