#pragma once
// The approval backlog as a Prometheus gauge, for the business overview dashboard:
//   jindu_publicity_activities_awaiting_review{county}
// activities SUBMITTED or CORRECTION_SUBMITTED (a reviewer's move), by the county of their region
// (runtime/metrics/county_label.h). Counted by a periodic query (setting gauge-refresh-ms, 15 s by
// default) over the partial index activities_awaiting_review; a county whose backlog emptied keeps
// its series at 0 rather than vanishing, so "went to zero" and "no data" stay distinct.
#include <prometheus/family.h>
#include <prometheus/gauge.h>

#include <chrono>
#include <set>
#include <string>

#include "publicity/publicity_context.h"
#include "runtime/metrics/periodic_refresh.h"

namespace jindu::publicity {

class ReviewBacklogGauge {
 public:
  ReviewBacklogGauge(const PublicityContext& context, std::chrono::milliseconds interval);

 private:
  void Refresh();

  const PublicityContext& context_;
  prometheus::Family<prometheus::Gauge>& awaiting_review_;
  std::set<std::string> counties_seen_;  // only the refresh thread touches it
  runtime::PeriodicRefresh refresh_;     // last: its thread stops before the members above go
};

}  // namespace jindu::publicity
