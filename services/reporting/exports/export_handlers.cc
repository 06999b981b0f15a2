#include "reporting/exports/export_handlers.h"

namespace jindu::reporting {

ExportHandlers::ExportHandlers(ReportingContext& context) : context_(context) {}

grpc::Status ExportHandlers::Export(const runtime::CallContext&, const v1::ExportTableRequest&,
                                    grpc::ServerWriter<v1::ExportTableResponse>*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not built yet");
}

}  // namespace jindu::reporting
