#include "publicity/news_reports/news_report_handlers.h"

namespace jindu::publicity {

NewsReportHandlers::NewsReportHandlers(PublicityContext& context) : context_(context) {}

grpc::Status NewsReportHandlers::Create(const runtime::CallContext&,
                                        const v1::CreateNewsReportRequest&, v1::NewsReport*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not built yet");
}

grpc::Status NewsReportHandlers::Get(const runtime::CallContext&, const v1::GetNewsReportRequest&,
                                     v1::NewsReport*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not built yet");
}

grpc::Status NewsReportHandlers::List(const runtime::CallContext&,
                                      const v1::ListNewsReportsRequest&,
                                      v1::ListNewsReportsResponse*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not built yet");
}

grpc::Status NewsReportHandlers::Update(const runtime::CallContext&,
                                        const v1::UpdateNewsReportRequest&, v1::NewsReport*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not built yet");
}

grpc::Status NewsReportHandlers::Delete(const runtime::CallContext&,
                                        const v1::DeleteNewsReportRequest&,
                                        google::protobuf::Empty*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not built yet");
}

}  // namespace jindu::publicity
