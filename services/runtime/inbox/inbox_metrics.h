#pragma once

// The idempotent consumer's Prometheus series, labelled by consumer (projection) name:
//   jindu_inbox_events_total{outcome="applied|duplicate|dead_lettered"}
//   jindu_inbox_retries_total   handler or database failures that led to a retry
//   jindu_inbox_consumer_lag{topic, partition}   events behind the last one processed

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>

#include <string>

namespace jindu::runtime {

struct InboxMetrics {
  InboxMetrics(prometheus::Registry& registry, const std::string& consumer);

  prometheus::Counter& applied;
  prometheus::Counter& duplicates;
  prometheus::Counter& dead_lettered;
  prometheus::Counter& retries;

  // The lag of one partition after a message was processed.
  void SetLag(const std::string& topic, int32_t partition, int64_t lag);

 private:
  prometheus::Family<prometheus::Gauge>& lag_family_;
  std::string consumer_;
};

}  // namespace jindu::runtime
