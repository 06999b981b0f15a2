#pragma once
// Call latencies of one run, kept whole (a 10 s run at tens of thousands of calls per second is a
// few MB) so percentiles are exact rather than bucketed.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace jindu::bench {

class LatencySample {
 public:
  void Add(int64_t nanoseconds) {
    values_.push_back(nanoseconds);
    sorted_ = false;
  }
  void Merge(const LatencySample& other);
  size_t size() const { return values_.size(); }
  // The q-quantile (0 < q <= 1) in microseconds, nearest-rank; 0 when empty. Sorts on first use.
  double QuantileMicros(double q);

 private:
  std::vector<int64_t> values_;
  bool sorted_ = true;
};

}  // namespace jindu::bench
