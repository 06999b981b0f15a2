#include "reporting/filings/frozen_figures.h"

#include "reporting/filings/filing_period.h"

namespace jindu::reporting {

std::optional<FrozenAnswer> FrozenFiguresOf(pqxx::transaction_base& tx, const std::string& schema,
                                            const std::string& region_code,
                                            const common::v1::Period& period,
                                            const v1::RegionFigures& current) {
  const auto filing_period = FilingPeriodOf(period);
  if (!filing_period.has_value()) return std::nullopt;
  auto record = FilingStore(schema).Find(tx, region_code, filing_period->id);
  if (!record.has_value()) return std::nullopt;
  FrozenAnswer answer{.filing = std::move(*record), .late = {}};
  answer.late = DiffFigures(current, answer.filing.frozen_figures);
  return answer;
}

}  // namespace jindu::reporting
