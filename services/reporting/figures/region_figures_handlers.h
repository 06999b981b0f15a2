#pragma once
// ComputeRegionFigures: every figure of a region and period, optionally per child region.
#include "jindu/reporting/v1/reporting_service.pb.h"
#include "reporting/reporting_context.h"
#include "runtime/grpc/call_context.h"

namespace jindu::reporting {

class RegionFiguresHandlers {
 public:
  explicit RegionFiguresHandlers(ReportingContext& context) : context_(context) {}

  grpc::Status Compute(const runtime::CallContext& call,
                       const v1::ComputeRegionFiguresRequest& request,
                       v1::ComputeRegionFiguresResponse* response);

 private:
  ReportingContext& context_;
};

}  // namespace jindu::reporting
