#pragma once
// The filters of ListAccessAuditEntries and ExportAccessAuditEntries (AccessAuditFilter), checked
// field by field: every bad field is named "filter.<path>" in one INVALID_ARGUMENT answer.
#include <cstdint>
#include <optional>
#include <string>

#include "casework/audit/access_audit_store.h"
#include "jindu/casework/v1/access_audit_service.pb.h"
#include "jindu/common/v1/period.pb.h"
#include "runtime/api/api_error.h"
#include "runtime/api/request_checks.h"
#include "runtime/regions/region_directory.h"

namespace jindu::casework {

// A reporting period (jindu.common.v1.Period) as the days [start, end) it covers; nullopt after
// adding violations under `field` ("filter.period.month.month", ...).
std::optional<runtime::CivilDateRange> CheckPeriod(const std::string& field,
                                                   const common::v1::Period& period,
                                                   runtime::FieldViolations* violations);

// Microseconds since the epoch at 00:00 Asia/Shanghai (UTC+8, no daylight saving) of the date.
int64_t ShanghaiMidnightMicros(runtime::CivilDate date);

struct CheckedAccessAuditFilter {
  AccessAuditQuery query;          // everything but region_condition
  std::string within_region_code;  // well formed and known when not empty
  std::string period_text;         // "2024-07-01/2024-08-01" for logs, "" without a period
};

// Checks every field of `filter`; the region scope (filter.within_region_code inside the caller's
// scopes) is the caller's to check afterwards.
CheckedAccessAuditFilter CheckAccessAuditFilter(const v1::AccessAuditFilter& filter,
                                                const runtime::RegionDirectory& regions,
                                                runtime::FieldViolations* violations);

}  // namespace jindu::casework
