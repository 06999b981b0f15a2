#pragma once
// GetDashboard: the figures of a province, city or county for the current month, quarter and year.
// Placeholder: answers UNIMPLEMENTED until built.
#include "jindu/reporting/v1/reporting_service.pb.h"
#include "reporting/reporting_context.h"
#include "runtime/grpc/call_context.h"

namespace jindu::reporting {

class DashboardHandlers {
 public:
  explicit DashboardHandlers(ReportingContext& context) : context_(context) {}

  grpc::Status Get(const runtime::CallContext& call, const v1::GetDashboardRequest& request,
                   v1::Dashboard* response);

 private:
  ReportingContext& context_;
};

}  // namespace jindu::reporting
