#include "reporting/drug_free/drug_free_community_handlers.h"

namespace jindu::reporting {

DrugFreeCommunityHandlers::DrugFreeCommunityHandlers(ReportingContext& context)
    : context_(context) {}

grpc::Status DrugFreeCommunityHandlers::Create(const runtime::CallContext&,
                                               const v1::CreateDrugFreeCommunityApplicationRequest&,
                                               v1::DrugFreeCommunityApplication*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not built yet");
}

grpc::Status DrugFreeCommunityHandlers::Get(const runtime::CallContext&,
                                            const v1::GetDrugFreeCommunityApplicationRequest&,
                                            v1::DrugFreeCommunityApplication*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not built yet");
}

grpc::Status DrugFreeCommunityHandlers::List(const runtime::CallContext&,
                                             const v1::ListDrugFreeCommunityApplicationsRequest&,
                                             v1::ListDrugFreeCommunityApplicationsResponse*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not built yet");
}

grpc::Status DrugFreeCommunityHandlers::RecordInspections(const runtime::CallContext&,
                                                          const v1::RecordInspectionResultsRequest&,
                                                          v1::DrugFreeCommunityApplication*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not built yet");
}

grpc::Status DrugFreeCommunityHandlers::Evaluate(
    const runtime::CallContext&, const v1::EvaluateDrugFreeCommunityApplicationRequest&,
    v1::DrugFreeCommunityApplication*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not built yet");
}

grpc::Status DrugFreeCommunityHandlers::Approve(
    const runtime::CallContext&, const v1::ApproveDrugFreeCommunityApplicationRequest&,
    v1::DrugFreeCommunityApplication*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not built yet");
}

grpc::Status DrugFreeCommunityHandlers::Reject(const runtime::CallContext&,
                                               const v1::RejectDrugFreeCommunityApplicationRequest&,
                                               v1::DrugFreeCommunityApplication*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not built yet");
}

}  // namespace jindu::reporting
