// The Gaussian leave-one-out scan as the addon sees it (src/bandwidth/compiled-scan.ts states the
// contract; src/bandwidth/gaussian-scan.ts is its oracle): for widths h_g = h₀·2^(−g/2), g < G, and each
// query key s in [from, to), S_g = Σ_{j≠s} w_j e_{sj}^(2^g) and T_{g,c} = Σ_{j≠s} w_j e_{sj}^(2^g) y_{jc},
// with e_{sj} = exp(−c₀ δ), δ = (x_s − x_j)² − anchor_s and terms below a floor (1e−300) dropped. Plain data only
// (see job.h: this header is read by every instruction set's build).
#pragma once
#include <stdint.h>

struct NwScanJob {
  int32_t n, p;             // keys; value columns (0: density, no T)
  const double* keys;       // n, ascending
  const double* weights;    // n, or null (all 1)
  const double* values;     // n × p (row-major), or null when p = 0
  const double* anchor;     // n: squared distance from key s to its nearest other key of positive weight
  double c0;                // 1 / (2 h₀²)
  int32_t widths;           // G
  int32_t reanchor;         // every this many widths the term is recomputed by exp instead of squared
  double floor;             // terms below it are dropped (the scan's 1e−300; in (0, 1))
  // At a reanchor width, a vector whose terms are all ≤ exactAbove squares on: its relative error then
  // grows to 2^(8 + k)·3 ulp but its terms shrink as exactAbove^(2^k), so each errs by < 768 ulp·exactAbove
  // in absolute terms. 0 reanchors every live term (as the oracle; cross-entropy needs tiny terms exact).
  double exactAbove;
  int32_t from, to;         // the queries: keys [from, to)
  double* sum;              // (to − from) × G
  double* weighted;         // (to − from) × G × p
};

// Copies the vector loops read, padded on both sides so that a whole vector can be loaded at any index in
// [−NW_SCAN_PAD, n + NW_SCAN_PAD − lanes]: padding keys are ±∞ (their terms are 0), weights and values 0.
struct NwScanLayout {
  int64_t stride;           // distance between value columns
  const double* keys;       // keys[0] is key 0
  const double* weights;    // null when unweighted
  const double* values;     // p × stride, column c at values + c·stride
};

#define NW_SCAN_PAD 64
