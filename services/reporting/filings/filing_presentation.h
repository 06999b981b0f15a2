#pragma once
// A filing as the API shows it: implicit (revision 0, OPEN / DUE / LATE) when not filed, else the
// stored revision with its frozen figures and the late delta against the current figures.
// late_event_count is defined as the number of numeric cells of the late delta that are not zero
// (figures_diff.h): the projections keep facts, not a per-region event log, so "how many figures
// changed since filing" is what can be stated exactly and identically after a replay.
#include <chrono>
#include <optional>

#include "jindu/reporting/v1/filing.pb.h"
#include "reporting/filings/figures_diff.h"
#include "reporting/filings/filing_period.h"
#include "reporting/filings/filing_store.h"

namespace jindu::reporting {

struct FilingView {
  const std::string& region_code;
  const FilingPeriod& period;
  int deadline_days = 0;
  std::chrono::system_clock::time_point now;
  const FilingRecord* record = nullptr;  // nullptr: not filed
  const FiguresDelta* late = nullptr;    // nullptr: figures left out (lists)
};

v1::Filing PresentFiling(const FilingView& view);

}  // namespace jindu::reporting
