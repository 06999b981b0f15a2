#pragma once
// Counties that have not filed, as Prometheus gauges for the business overview and an alert:
//   jindu_reporting_filings_missing{period_kind="month"|"quarter"}
//       counties with no filing for the latest month (quarter) whose deadline has passed: LATE in
//       ListFilings for that period, province-wide;
//   jindu_reporting_filing_deadline_timestamp_seconds{period_kind}
//       that period's deadline, so an alert can wait a grace time after it (RUNBOOK.md,
//       JinduFilingsMissing) and operators see which period the count is about.
// Refreshed by a periodic query (setting gauge-refresh-ms): the filed counties of the period from
// the filings table, the counties from the region replica, the deadline from the
// filing-deadline-days setting, exactly as ListFilings decides LATE.
#include <prometheus/gauge.h>

#include <chrono>

#include "reporting/filings/filing_store.h"
#include "reporting/reporting_context.h"
#include "runtime/metrics/periodic_refresh.h"

namespace jindu::reporting {

class MissingFilingsGauge {
 public:
  MissingFilingsGauge(const ReportingContext& context, int deadline_days,
                      std::chrono::milliseconds interval);

 private:
  struct Kind {
    bool quarter;
    prometheus::Gauge& missing;
    prometheus::Gauge& deadline;
  };
  void Refresh();

  const ReportingContext& context_;
  const int deadline_days_;
  FilingStore filings_;
  Kind month_;
  Kind quarter_;
  runtime::PeriodicRefresh refresh_;  // last: its thread stops before the members above go
};

}  // namespace jindu::reporting
