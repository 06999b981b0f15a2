#pragma once

// The relay's Prometheus series, labelled by the service schema:
//   jindu_outbox_published_total          events the broker acknowledged and the relay marked sent
//   jindu_outbox_publish_failures_total   batches that failed (database or broker); retried
//   jindu_outbox_pending_events           events not yet sent (sampled while the relay runs)
//   jindu_outbox_oldest_pending_seconds   age of the oldest unsent event: the alerting signal for a
//                                         stuck relay, whatever the traffic
//   jindu_outbox_events_published_total{aggregate_type, county}
//                                         the same events by aggregate type and county of their
//                                         region (runtime/metrics/county_label.h): the business
//                                         overview's events per county per hour. Cardinality: about
//                                         130 counties (plus province/city level codes and "none")
//                                         times the service's few aggregate types, a few hundred
//                                         series per service at most: acceptable.

#include <prometheus/counter.h>
#include <prometheus/family.h>
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

  // Counts `count` published events of an aggregate type in the county of `region_code`.
  void CountPublished(const std::string& aggregate_type, const std::string& region_code,
                      double count);

 private:
  prometheus::Family<prometheus::Counter>& events_published_;
  std::string schema_;
};

}  // namespace jindu::runtime
