// The vector code built for avx2 (compile flags in binding.gyp).
#define NW_NS nw_avx2
#include "isa-avx2.h"
#include "entry.h"

extern const NwEntry nw_entry_avx2 = {nw_avx2::run, nw_avx2::probe, nw_avx2::scan, nw_avx2::F::L};
