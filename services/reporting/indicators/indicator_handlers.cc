#include "reporting/indicators/indicator_handlers.h"

namespace jindu::reporting {

IndicatorHandlers::IndicatorHandlers(ReportingContext& context) : context_(context) {}

grpc::Status IndicatorHandlers::Compute(const runtime::CallContext&,
                                        const v1::ComputeIndicatorsRequest&,
                                        v1::ComputeIndicatorsResponse*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not built yet");
}

grpc::Status IndicatorHandlers::ListDefinitions(const runtime::CallContext&,
                                                const v1::ListIndicatorDefinitionsRequest&,
                                                v1::ListIndicatorDefinitionsResponse*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not built yet");
}

}  // namespace jindu::reporting
