#pragma once
// A filed period answers with its frozen figures: ComputeRegionFigures and ComputeIndicators ask
// here whether the region has filed exactly the period asked (the same month or quarter; a year or
// a range is never frozen), and GetFiling builds its late delta the same way.
#include <optional>
#include <pqxx/pqxx>
#include <string>

#include "jindu/common/v1/period.pb.h"
#include "reporting/filings/figures_diff.h"
#include "reporting/filings/filing_store.h"

namespace jindu::reporting {

struct FrozenAnswer {
  FilingRecord filing;
  // current - frozen, and the number of numeric cells that differ (late_event_count).
  FiguresDelta late;
};

// The filing of `region_code` for `period` when it is filed, with `current` (its figures computed
// now) compared against the frozen ones; nullopt otherwise.
std::optional<FrozenAnswer> FrozenFiguresOf(pqxx::transaction_base& tx, const std::string& schema,
                                            const std::string& region_code,
                                            const common::v1::Period& period,
                                            const v1::RegionFigures& current);

}  // namespace jindu::reporting
