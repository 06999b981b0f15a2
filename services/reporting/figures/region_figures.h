#pragma once
// A region's figures for a period: the publicity, registration and casework parts computed from
// the projections, under the region's code, name and the period asked for. Shared by
// ComputeRegionFigures, the dashboards and the exports.
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "jindu/reporting/v1/figures.pb.h"
#include "reporting/reporting_context.h"
#include "runtime/api/request_checks.h"

namespace jindu::reporting {

v1::RegionFigures ComputeFiguresOf(pqxx::transaction_base& tx, const ReportingContext& context,
                                   const std::string& region_code, const common::v1::Period& period,
                                   const runtime::CivilDateRange& dates);

// The regions directly under `region_code` (children by parent link, and special zones whose
// parent it is), by code.
std::vector<std::string> ChildRegions(const ReportingContext& context,
                                      const std::string& region_code);

}  // namespace jindu::reporting
