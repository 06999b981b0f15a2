#pragma once

// The conventional process metrics every Prometheus client exports (the names client_golang uses),
// read from /proc at scrape time: nothing to update, nothing to go stale.
//
//   process_cpu_seconds_total, process_resident_memory_bytes, process_virtual_memory_bytes,
//   process_open_fds, process_max_fds, process_start_time_seconds, process_threads

#include <prometheus/collectable.h>
#include <prometheus/metric_family.h>

#include <vector>

namespace jindu::runtime {

class ProcessCollector final : public prometheus::Collectable {
 public:
  // A metric whose source cannot be read (no /proc) is left out rather than reported as zero.
  std::vector<prometheus::MetricFamily> Collect() const override;
};

}  // namespace jindu::runtime
