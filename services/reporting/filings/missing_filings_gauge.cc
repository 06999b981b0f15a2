#include "reporting/filings/missing_filings_gauge.h"

#include <limits>

#include "reporting/filings/filing_period.h"

namespace jindu::reporting {
namespace {

prometheus::Family<prometheus::Gauge>& MissingFamily(prometheus::Registry& registry) {
  return prometheus::BuildGauge()
      .Name("jindu_reporting_filings_missing")
      .Help(
          "Counties that have not filed the latest month or quarter whose filing deadline has "
          "passed.")
      .Register(registry);
}

prometheus::Family<prometheus::Gauge>& DeadlineFamily(prometheus::Registry& registry) {
  return prometheus::BuildGauge()
      .Name("jindu_reporting_filing_deadline_timestamp_seconds")
      .Help("Filing deadline of the period jindu_reporting_filings_missing counts, Unix time.")
      .Register(registry);
}

}  // namespace

MissingFilingsGauge::MissingFilingsGauge(const ReportingContext& context, int deadline_days,
                                         std::chrono::milliseconds interval)
    : context_(context),
      deadline_days_(deadline_days),
      filings_(context.schema()),
      month_{false, MissingFamily(context.resources.metrics).Add({{"period_kind", "month"}}),
             DeadlineFamily(context.resources.metrics).Add({{"period_kind", "month"}})},
      quarter_{true, MissingFamily(context.resources.metrics).Add({{"period_kind", "quarter"}}),
               DeadlineFamily(context.resources.metrics).Add({{"period_kind", "quarter"}})},
      refresh_("missing filings", interval, [this] { Refresh(); }) {}

void MissingFilingsGauge::Refresh() {
  const auto now = std::chrono::system_clock::now();
  for (Kind* kind : {&month_, &quarter_}) {
    const FilingPeriod period = LatestOverduePeriod(kind->quarter, deadline_days_, now);
    std::map<std::string, FilingRecord> filed;
    {
      auto connection = context_.resources.database.Acquire();
      pqxx::read_transaction tx(*connection);
      filed = filings_.FiledIn(tx, period.id);
    }
    bool more = false;
    const size_t missing = context_.regions
                               .List(
                                   "", std::numeric_limits<size_t>::max(),
                                   [&](const runtime::RegionEntry& entry) {
                                     return FilesPeriods(entry) && ExistedDuring(entry, period) &&
                                            !filed.contains(entry.code);
                                   },
                                   &more)
                               .size();
    kind->missing.Set(static_cast<double>(missing));
    kind->deadline.Set(
        static_cast<double>(std::chrono::duration_cast<std::chrono::seconds>(
                                FilingDeadline(period, deadline_days_).time_since_epoch())
                                .count()));
  }
}

}  // namespace jindu::reporting
