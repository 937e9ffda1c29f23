// How a job runs (float or double sums, vector or scalar log-terms) and the padded key-major copies its
// loops read (job.h's NwLayout), made once per call.
#pragma once
#include <type_traits>
#include <vector>
#include "job.h"

class NwPrepared {
 public:
  // False when the memory could not be had.
  bool make(const NwJob& job);
  const NwLayout& layout() const { return layout_; }
  ~NwPrepared();

 private:
  template <class T> T* allocate(int64_t count);
  NwLayout layout_ = {};
  std::vector<void*> blocks_;
};
