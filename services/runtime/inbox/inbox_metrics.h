#pragma once

// The idempotent consumer's Prometheus series, labelled by consumer (projection) name:
//   jindu_inbox_events_total{outcome="applied|duplicate|dead_lettered"}
//   jindu_inbox_retries_total   handler or database failures that led to a retry

#include <prometheus/counter.h>
#include <prometheus/registry.h>

#include <string>

namespace jindu::runtime {

struct InboxMetrics {
  InboxMetrics(prometheus::Registry& registry, const std::string& consumer);

  prometheus::Counter& applied;
  prometheus::Counter& duplicates;
  prometheus::Counter& dead_lettered;
  prometheus::Counter& retries;
};

}  // namespace jindu::runtime
