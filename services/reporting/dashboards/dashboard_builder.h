#pragma once
// A dashboard computed from PostgreSQL: the region's figures for the month, quarter and year that
// contain `today` (Asia/Shanghai), in one snapshot with its freshness.
#include <pqxx/pqxx>
#include <string>

#include "jindu/reporting/v1/reporting_service.pb.h"
#include "reporting/reporting_context.h"
#include "runtime/identity/civil_date.h"

namespace jindu::reporting {

v1::Dashboard BuildDashboard(pqxx::transaction_base& tx, const ReportingContext& context,
                             const runtime::RegionEntry& region, runtime::CivilDate today);

}  // namespace jindu::reporting
