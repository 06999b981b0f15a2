#pragma once
// Exports of every table as CSV or XLSX with Chinese headers. (Placeholder: answers UNIMPLEMENTED
// until built.)
#include <grpcpp/support/sync_stream.h>

#include "jindu/reporting/v1/reporting_service.pb.h"
#include "reporting/reporting_context.h"
#include "runtime/grpc/call_context.h"

namespace jindu::reporting {

class ExportHandlers {
 public:
  explicit ExportHandlers(ReportingContext& context);

  grpc::Status Export(const runtime::CallContext& call, const v1::ExportTableRequest& request,
                      grpc::ServerWriter<v1::ExportTableResponse>* writer);

 private:
  ReportingContext& context_;
};

}  // namespace jindu::reporting
