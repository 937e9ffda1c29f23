// The vector code built for generic (compile flags in binding.gyp).
#define NW_NS nw_generic
#include "isa-generic.h"
#include "entry.h"

extern const NwEntry nw_entry_generic = {nw_generic::run, nw_generic::probe, nw_generic::scan, nw_generic::F::L};
