#include "publicity/activities/activity_handlers.h"

namespace jindu::publicity {

ActivityHandlers::ActivityHandlers(PublicityContext& context) : context_(context) {}

grpc::Status ActivityHandlers::Create(const runtime::CallContext&, const v1::CreateActivityRequest&,
                                      v1::Activity*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not built yet");
}

grpc::Status ActivityHandlers::Get(const runtime::CallContext&, const v1::GetActivityRequest&,
                                   v1::Activity*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not built yet");
}

grpc::Status ActivityHandlers::List(const runtime::CallContext&, const v1::ListActivitiesRequest&,
                                    v1::ListActivitiesResponse*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not built yet");
}

grpc::Status ActivityHandlers::Update(const runtime::CallContext&, const v1::UpdateActivityRequest&,
                                      v1::Activity*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not built yet");
}

grpc::Status ActivityHandlers::Delete(const runtime::CallContext&, const v1::DeleteActivityRequest&,
                                      google::protobuf::Empty*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not built yet");
}

grpc::Status ActivityHandlers::Submit(const runtime::CallContext&, const v1::SubmitActivityRequest&,
                                      v1::Activity*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not built yet");
}

grpc::Status ActivityHandlers::Approve(const runtime::CallContext&,
                                       const v1::ApproveActivityRequest&, v1::Activity*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not built yet");
}

grpc::Status ActivityHandlers::Reject(const runtime::CallContext&, const v1::RejectActivityRequest&,
                                      v1::Activity*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not built yet");
}

grpc::Status ActivityHandlers::ProposeCorrection(const runtime::CallContext&,
                                                 const v1::ProposeActivityCorrectionRequest&,
                                                 v1::Activity*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not built yet");
}

}  // namespace jindu::publicity
