#pragma once
// KPI indicators: values with their numerators, denominators and definition versions for a region
// and period (optionally the counts per child region), and the catalogue of definitions.
#include "jindu/reporting/v1/reporting_service.pb.h"
#include "reporting/reporting_context.h"
#include "runtime/grpc/call_context.h"

namespace jindu::reporting {

class IndicatorHandlers {
 public:
  explicit IndicatorHandlers(ReportingContext& context) : context_(context) {}

  grpc::Status Compute(const runtime::CallContext& call,
                       const v1::ComputeIndicatorsRequest& request,
                       v1::ComputeIndicatorsResponse* response);
  grpc::Status ListDefinitions(const runtime::CallContext& call,
                               const v1::ListIndicatorDefinitionsRequest& request,
                               v1::ListIndicatorDefinitionsResponse* response);

 private:
  ReportingContext& context_;
};

}  // namespace jindu::reporting
