// Queries split over threads: the calling thread and threads − 1 others claim chunks of queries from a
// shared counter until none is left, so uneven chunks (windows of sorted keys) still balance.
#pragma once
#include <stdint.h>

typedef void (*NwChunkWork)(void* context, int32_t q0, int32_t q1);

// Runs work over [0, m) in chunks of `chunk` queries; returns the threads that actually ran (a thread the
// system refuses to start leaves its share to the others).
int nw_parallel(int32_t m, int32_t chunk, int threads, NwChunkWork work, void* context);
