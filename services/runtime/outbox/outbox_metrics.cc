#include "runtime/outbox/outbox_metrics.h"

#include "runtime/metrics/county_label.h"

namespace jindu::runtime {

OutboxMetrics::OutboxMetrics(prometheus::Registry& registry, const std::string& schema)
    : published(prometheus::BuildCounter()
                    .Name("jindu_outbox_published_total")
                    .Help("Outbox events acknowledged by Kafka and marked sent.")
                    .Register(registry)
                    .Add({{"schema", schema}})),
      publish_failures(prometheus::BuildCounter()
                           .Name("jindu_outbox_publish_failures_total")
                           .Help("Outbox relay batches that failed and will be retried.")
                           .Register(registry)
                           .Add({{"schema", schema}})),
      pending_events(prometheus::BuildGauge()
                         .Name("jindu_outbox_pending_events")
                         .Help("Outbox events not yet sent to Kafka.")
                         .Register(registry)
                         .Add({{"schema", schema}})),
      oldest_pending_seconds(prometheus::BuildGauge()
                                 .Name("jindu_outbox_oldest_pending_seconds")
                                 .Help("Age of the oldest outbox event not yet sent, in seconds.")
                                 .Register(registry)
                                 .Add({{"schema", schema}})),
      events_published_(prometheus::BuildCounter()
                            .Name("jindu_outbox_events_published_total")
                            .Help("Outbox events acknowledged by Kafka, by aggregate type and "
                                  "county of the event's region.")
                            .Register(registry)),
      schema_(schema) {}

void OutboxMetrics::CountPublished(const std::string& aggregate_type,
                                   const std::string& region_code, double count) {
  events_published_
      .Add({{"schema", schema_},
            {"aggregate_type", aggregate_type.empty() ? "none" : aggregate_type},
            {"county", CountyLabel(region_code)}})
      .Increment(count);
}

}  // namespace jindu::runtime
