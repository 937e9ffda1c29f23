// One job from start to end: the padded copies, the split over threads, the chosen instruction set.
#pragma once
#include "cpu.h"

// Null when done, else why not (out of memory). threads ≥ 1 is an upper bound: small jobs use fewer.
const char* nw_run(const NwJob& job, int threads, const NwIsa& isa);
