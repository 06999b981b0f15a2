#include "reporting/dashboards/dashboard_handlers.h"

namespace jindu::reporting {

grpc::Status DashboardHandlers::Get(const runtime::CallContext&, const v1::GetDashboardRequest&,
                                    v1::Dashboard*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not built yet");
}

}  // namespace jindu::reporting
