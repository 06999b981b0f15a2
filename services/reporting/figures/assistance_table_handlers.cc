#include "reporting/figures/assistance_table_handlers.h"

namespace jindu::reporting {

AssistanceTableHandlers::AssistanceTableHandlers(ReportingContext& context) : context_(context) {}

grpc::Status AssistanceTableHandlers::Compute(const runtime::CallContext&,
                                              const v1::ComputeAssistanceTableRequest&,
                                              v1::ComputeAssistanceTableResponse*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not built yet");
}

}  // namespace jindu::reporting
