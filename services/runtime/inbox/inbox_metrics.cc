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
                  .Add({{"consumer", consumer}})) {}

}  // namespace jindu::runtime
