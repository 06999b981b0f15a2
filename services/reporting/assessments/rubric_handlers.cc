#include "reporting/assessments/rubric_handlers.h"

namespace jindu::reporting {

RubricHandlers::RubricHandlers(ReportingContext& context) : context_(context) {}

grpc::Status RubricHandlers::Create(const runtime::CallContext&,
                                    const v1::CreateAssessmentRubricRequest&,
                                    v1::AssessmentRubric*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not built yet");
}

grpc::Status RubricHandlers::Get(const runtime::CallContext&, const v1::GetAssessmentRubricRequest&,
                                 v1::AssessmentRubric*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not built yet");
}

grpc::Status RubricHandlers::List(const runtime::CallContext&,
                                  const v1::ListAssessmentRubricsRequest&,
                                  v1::ListAssessmentRubricsResponse*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not built yet");
}

grpc::Status RubricHandlers::Update(const runtime::CallContext&,
                                    const v1::UpdateAssessmentRubricRequest&,
                                    v1::AssessmentRubric*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not built yet");
}

grpc::Status RubricHandlers::ComputeScores(const runtime::CallContext&,
                                           const v1::ComputeAssessmentScoresRequest&,
                                           v1::ComputeAssessmentScoresResponse*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not built yet");
}

}  // namespace jindu::reporting
