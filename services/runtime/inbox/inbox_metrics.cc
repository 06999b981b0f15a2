#include "runtime/inbox/inbox_metrics.h"

namespace jindu::runtime {
namespace {

prometheus::Family<prometheus::Counter>& EventsFamily(prometheus::Registry& registry) {
  return prometheus::BuildCounter()
      .Name("jindu_inbox_events_total")
      .Help("Consumed events by outcome: applied, duplicate (skipped) or dead_lettered.")
      .Register(registry);
}

}  // namespace

InboxMetrics::InboxMetrics(prometheus::Registry& registry, const std::string& consumer)
    : applied(EventsFamily(registry).Add({{"consumer", consumer}, {"outcome", "applied"}})),
      duplicates(EventsFamily(registry).Add({{"consumer", consumer}, {"outcome", "duplicate"}})),
      dead_lettered(
          EventsFamily(registry).Add({{"consumer", consumer}, {"outcome", "dead_lettered"}})),
      retries(prometheus::BuildCounter()
                  .Name("jindu_inbox_retries_total")
                  .Help("Event applications that failed and were retried.")
                  .Register(registry)
                  .Add({{"consumer", consumer}})),
      lag_family_(prometheus::BuildGauge()
                      .Name("jindu_inbox_consumer_lag")
                      .Help("Events on the partition after the last one this consumer processed.")
                      .Register(registry)),
      consumer_(consumer) {}

void InboxMetrics::SetLag(const std::string& topic, int32_t partition, int64_t lag) {
  // Add returns the existing series for the same labels.
  lag_family_
      .Add({{"consumer", consumer_}, {"topic", topic}, {"partition", std::to_string(partition)}})
      .Set(static_cast<double>(lag));
}

}  // namespace jindu::runtime
