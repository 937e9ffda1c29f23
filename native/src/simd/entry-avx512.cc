// The vector code built for avx512 (compile flags in binding.gyp).
#define NW_NS nw_avx512
#include "isa-avx512.h"
#include "entry.h"

extern const NwEntry nw_entry_avx512 = {nw_avx512::run, nw_avx512::probe, nw_avx512::scan, nw_avx512::F::L};
