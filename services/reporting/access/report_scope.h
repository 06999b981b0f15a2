#pragma once
// The checks every figure request starts with: the caller holds a reporting role, the region is
// known and inside the caller's scope (a county sees its county, a city its counties, the province
// everything), and the period resolves to dates.
#include <grpcpp/support/status.h>

#include <string>

#include "jindu/common/v1/period.pb.h"
#include "reporting/reporting_context.h"
#include "runtime/api/request_checks.h"
#include "runtime/grpc/call_context.h"

namespace jindu::reporting {

struct ReportScope {
  std::string region_code;
  runtime::CivilDateRange dates;
};

// OK with *scope filled, or: PERMISSION_DENIED / ROLE_NOT_GRANTED without a reporting role,
// INVALID_ARGUMENT naming `region_code` (required, unknown) or `period.*`, PERMISSION_DENIED /
// REGION_OUT_OF_SCOPE for a region outside the caller's scope.
grpc::Status CheckReportRequest(const ReportingContext& context, const runtime::CallContext& call,
                                std::string_view method, const std::string& region_code,
                                bool has_period, const common::v1::Period& period,
                                ReportScope* scope);

}  // namespace jindu::reporting
