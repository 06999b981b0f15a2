#pragma once
// AssessmentService (assessment_service.proto): each RPC runs in HandleCall and is handed to the
// rubrics and scores (assessments/) or to drug-free community creation (drug_free/).
#include "jindu/reporting/v1/assessment_service.grpc.pb.h"
#include "reporting/assessments/rubric_handlers.h"
#include "reporting/drug_free/drug_free_community_handlers.h"
#include "reporting/reporting_context.h"

namespace jindu::reporting {

class AssessmentServiceImpl final : public v1::AssessmentService::Service {
 public:
  explicit AssessmentServiceImpl(ReportingContext& context);

  grpc::Status CreateAssessmentRubric(grpc::ServerContext* context,
                                      const v1::CreateAssessmentRubricRequest* request,
                                      v1::AssessmentRubric* response) override;
  grpc::Status GetAssessmentRubric(grpc::ServerContext* context,
                                   const v1::GetAssessmentRubricRequest* request,
                                   v1::AssessmentRubric* response) override;
  grpc::Status ListAssessmentRubrics(grpc::ServerContext* context,
                                     const v1::ListAssessmentRubricsRequest* request,
                                     v1::ListAssessmentRubricsResponse* response) override;
  grpc::Status UpdateAssessmentRubric(grpc::ServerContext* context,
                                      const v1::UpdateAssessmentRubricRequest* request,
                                      v1::AssessmentRubric* response) override;
  grpc::Status ComputeAssessmentScores(grpc::ServerContext* context,
                                       const v1::ComputeAssessmentScoresRequest* request,
                                       v1::ComputeAssessmentScoresResponse* response) override;
  grpc::Status CreateDrugFreeCommunityApplication(
      grpc::ServerContext* context, const v1::CreateDrugFreeCommunityApplicationRequest* request,
      v1::DrugFreeCommunityApplication* response) override;
  grpc::Status GetDrugFreeCommunityApplication(
      grpc::ServerContext* context, const v1::GetDrugFreeCommunityApplicationRequest* request,
      v1::DrugFreeCommunityApplication* response) override;
  grpc::Status ListDrugFreeCommunityApplications(
      grpc::ServerContext* context, const v1::ListDrugFreeCommunityApplicationsRequest* request,
      v1::ListDrugFreeCommunityApplicationsResponse* response) override;
  grpc::Status RecordInspectionResults(grpc::ServerContext* context,
                                       const v1::RecordInspectionResultsRequest* request,
                                       v1::DrugFreeCommunityApplication* response) override;
  grpc::Status EvaluateDrugFreeCommunityApplication(
      grpc::ServerContext* context, const v1::EvaluateDrugFreeCommunityApplicationRequest* request,
      v1::DrugFreeCommunityApplication* response) override;
  grpc::Status ApproveDrugFreeCommunityApplication(
      grpc::ServerContext* context, const v1::ApproveDrugFreeCommunityApplicationRequest* request,
      v1::DrugFreeCommunityApplication* response) override;
  grpc::Status RejectDrugFreeCommunityApplication(
      grpc::ServerContext* context, const v1::RejectDrugFreeCommunityApplicationRequest* request,
      v1::DrugFreeCommunityApplication* response) override;

 private:
  const runtime::CallPolicy& policy_;
  RubricHandlers rubrics_;
  DrugFreeCommunityHandlers drug_free_;
};

}  // namespace jindu::reporting
