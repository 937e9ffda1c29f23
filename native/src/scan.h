// One Gaussian leave-one-out scan (scan-job.h): the padded copies, the split of the queries over threads.
#pragma once
#include "cpu.h"

// Null when done, else why not (out of memory). threads ≥ 1 is an upper bound: small scans use fewer.
const char* nw_scan(const NwScanJob& job, int threads, const NwIsa& isa);
