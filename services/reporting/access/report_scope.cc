#include "reporting/access/report_scope.h"

#include "reporting/access/reporting_roles.h"
#include "reporting/periods/report_period.h"
#include "runtime/access/caller_access.h"

namespace jindu::reporting {

grpc::Status CheckReportRequest(const ReportingContext& context, const runtime::CallContext& call,
                                std::string_view method, const std::string& region_code,
                                bool has_period, const common::v1::Period& period,
                                ReportScope* scope) {
  runtime::CallerAccess caller(call.principal(), context.regions);
  if (auto status = caller.RequireRole(method, kReportReaders); !status.ok()) return status;
  runtime::FieldViolations violations;
  if (region_code.empty()) {
    violations.Add("region_code", common::v1::FIELD_REQUIRED, "name the region, e.g. 430100");
  } else if (!context.regions.Knows(region_code)) {
    violations.Add("region_code", common::v1::REFERENCE_NOT_FOUND, "not a known region code");
  }
  std::optional<runtime::CivilDateRange> dates;
  if (!has_period) {
    violations.Add("period", common::v1::FIELD_REQUIRED,
                   "set one of day, month, quarter, year or range");
  } else {
    dates = ResolvePeriod(period, "period", &violations);
  }
  if (!violations.empty()) return violations.ToStatus();
  if (auto status = caller.RequireNamedRegion("region_code", region_code); !status.ok()) {
    return status;
  }
  scope->region_code = region_code;
  scope->dates = *dates;
  return grpc::Status::OK;
}

}  // namespace jindu::reporting
