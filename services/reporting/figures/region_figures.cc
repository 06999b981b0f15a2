#include "reporting/figures/region_figures.h"

#include "reporting/figures/casework_figures.h"
#include "reporting/figures/publicity_figures.h"
#include "reporting/figures/registration_figures.h"

namespace jindu::reporting {

v1::RegionFigures ComputeFiguresOf(pqxx::transaction_base& tx, const ReportingContext& context,
                                   const std::string& region_code, const common::v1::Period& period,
                                   const runtime::CivilDateRange& dates) {
  v1::RegionFigures figures;
  figures.set_region_code(region_code);
  if (auto entry = context.regions.Find(region_code)) {
    figures.set_region_display_name(entry->display_name);
  }
  *figures.mutable_period() = period;
  *figures.mutable_publicity() = ComputePublicityFigures(tx, context.schema(), region_code, dates);
  *figures.mutable_registration() =
      ComputeRegistrationFigures(tx, context.schema(), region_code, dates);
  *figures.mutable_casework() = ComputeCaseworkFigures(tx, context.schema(), region_code, dates);
  return figures;
}

std::vector<std::string> ChildRegions(const ReportingContext& context,
                                      const std::string& region_code) {
  std::vector<std::string> children;
  std::string after;
  bool more = true;
  while (more) {
    const auto page = context.regions.List(
        after, 1000, [&](const runtime::RegionEntry& entry) { return entry.parent == region_code; },
        &more);
    for (const auto& entry : page) children.push_back(entry.code);
    if (page.empty()) break;
    after = page.back().code;
  }
  return children;
}

}  // namespace jindu::reporting
