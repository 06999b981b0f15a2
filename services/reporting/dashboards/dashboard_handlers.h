#pragma once
// GetDashboard: the figures of a province, city or county for the current month, quarter and year,
// served from Redis on a hit and from PostgreSQL on a miss or with Redis down.
#include <memory>

#include "jindu/reporting/v1/reporting_service.pb.h"
#include "reporting/dashboards/dashboard_cache.h"
#include "reporting/reporting_context.h"
#include "runtime/grpc/call_context.h"

namespace jindu::reporting {

class DashboardHandlers {
 public:
  explicit DashboardHandlers(ReportingContext& context);

  grpc::Status Get(const runtime::CallContext& call, const v1::GetDashboardRequest& request,
                   v1::Dashboard* response);

 private:
  ReportingContext& context_;
  std::unique_ptr<DashboardCache> cache_;
};

}  // namespace jindu::reporting
