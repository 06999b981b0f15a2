#include "publicity/activities/review_backlog_gauge.h"

#include <map>

#include "jindu/publicity/v1/activity.pb.h"
#include "runtime/metrics/county_label.h"

namespace jindu::publicity {

ReviewBacklogGauge::ReviewBacklogGauge(const PublicityContext& context,
                                       std::chrono::milliseconds interval)
    : context_(context),
      awaiting_review_(prometheus::BuildGauge()
                           .Name("jindu_publicity_activities_awaiting_review")
                           .Help("Publicity activities submitted (or with a correction "
                                 "submitted) and not yet reviewed, by county.")
                           .Register(context.resources.metrics)),
      refresh_("publicity review backlog", interval, [this] { Refresh(); }) {}

void ReviewBacklogGauge::Refresh() {
  std::map<std::string, double> by_county;
  {
    auto connection = context_.resources.database.Acquire();
    pqxx::read_transaction tx(*connection);
    // The states are spelled as literals so that the planner matches the partial index's
    // predicate (a parameter would not).
    for (const pqxx::row& row : tx.exec("SELECT region_code, count(*) FROM " + context_.schema() +
                                        ".activities WHERE review_state IN (" +
                                        std::to_string(v1::REVIEW_STATE_SUBMITTED) + ", " +
                                        std::to_string(v1::REVIEW_STATE_CORRECTION_SUBMITTED) +
                                        ") GROUP BY region_code")) {
      by_county[runtime::CountyLabel(row[0].as<std::string>())] += row[1].as<double>();
    }
  }
  for (const std::string& county : counties_seen_) {
    if (!by_county.contains(county)) awaiting_review_.Add({{"county", county}}).Set(0);
  }
  for (const auto& [county, count] : by_county) {
    awaiting_review_.Add({{"county", county}}).Set(count);
    counties_seen_.insert(county);
  }
}

}  // namespace jindu::publicity
