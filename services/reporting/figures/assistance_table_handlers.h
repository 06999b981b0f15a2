#pragma once
// Assistance work per child region (seed 004 section 4). (Placeholder: answers UNIMPLEMENTED until
// built.)
#include "jindu/reporting/v1/reporting_service.pb.h"
#include "reporting/reporting_context.h"
#include "runtime/grpc/call_context.h"

namespace jindu::reporting {

class AssistanceTableHandlers {
 public:
  explicit AssistanceTableHandlers(ReportingContext& context);

  grpc::Status Compute(const runtime::CallContext& call,
                       const v1::ComputeAssistanceTableRequest& request,
                       v1::ComputeAssistanceTableResponse* response);

 private:
  ReportingContext& context_;
};

}  // namespace jindu::reporting
