#include "load/latency_sample.h"

#include <algorithm>
#include <cmath>

namespace jindu::bench {

void LatencySample::Merge(const LatencySample& other) {
  values_.insert(values_.end(), other.values_.begin(), other.values_.end());
  sorted_ = false;
}

double LatencySample::QuantileMicros(double q) {
  if (values_.empty()) return 0;
  if (!sorted_) {
    std::sort(values_.begin(), values_.end());
    sorted_ = true;
  }
  const size_t rank = static_cast<size_t>(std::ceil(q * static_cast<double>(values_.size())));
  return static_cast<double>(values_[std::clamp<size_t>(rank, 1, values_.size()) - 1]) / 1000.0;
}

}  // namespace jindu::bench
