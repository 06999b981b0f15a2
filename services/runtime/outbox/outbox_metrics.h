#pragma once

// The relay's Prometheus series, labelled by the service schema:
//   jindu_outbox_published_total          events the broker acknowledged and the relay marked sent
//   jindu_outbox_publish_failures_total   batches that failed (database or broker); retried
//   jindu_outbox_pending_events           events not yet sent (sampled while the relay runs)
//   jindu_outbox_oldest_pending_seconds   age of the oldest unsent event: the alerting signal for a
//                                         stuck relay, whatever the traffic

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>

#include <string>

namespace jindu::runtime {

struct OutboxMetrics {
  OutboxMetrics(prometheus::Registry& registry, const std::string& schema);

  prometheus::Counter& published;
  prometheus::Counter& publish_failures;
  prometheus::Gauge& pending_events;
  prometheus::Gauge& oldest_pending_seconds;
};

}  // namespace jindu::runtime
