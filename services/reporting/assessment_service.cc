#include "reporting/assessment_service.h"

#include "runtime/grpc/handle_call.h"

namespace jindu::reporting {

AssessmentServiceImpl::AssessmentServiceImpl(ReportingContext& context)
    : policy_(context.resources.call_policy), rubrics_(context), drug_free_(context) {}

grpc::Status AssessmentServiceImpl::CreateAssessmentRubric(
    grpc::ServerContext* context, const v1::CreateAssessmentRubricRequest* request,
    v1::AssessmentRubric* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return rubrics_.Create(call, *request, response);
  });
}

grpc::Status AssessmentServiceImpl::GetAssessmentRubric(
    grpc::ServerContext* context, const v1::GetAssessmentRubricRequest* request,
    v1::AssessmentRubric* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return rubrics_.Get(call, *request, response);
  });
}

grpc::Status AssessmentServiceImpl::ListAssessmentRubrics(
    grpc::ServerContext* context, const v1::ListAssessmentRubricsRequest* request,
    v1::ListAssessmentRubricsResponse* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return rubrics_.List(call, *request, response);
  });
}

grpc::Status AssessmentServiceImpl::UpdateAssessmentRubric(
    grpc::ServerContext* context, const v1::UpdateAssessmentRubricRequest* request,
    v1::AssessmentRubric* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return rubrics_.Update(call, *request, response);
  });
}

grpc::Status AssessmentServiceImpl::ComputeAssessmentScores(
    grpc::ServerContext* context, const v1::ComputeAssessmentScoresRequest* request,
    v1::ComputeAssessmentScoresResponse* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return rubrics_.ComputeScores(call, *request, response);
  });
}

grpc::Status AssessmentServiceImpl::CreateDrugFreeCommunityApplication(
    grpc::ServerContext* context, const v1::CreateDrugFreeCommunityApplicationRequest* request,
    v1::DrugFreeCommunityApplication* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return drug_free_.Create(call, *request, response);
  });
}

grpc::Status AssessmentServiceImpl::GetDrugFreeCommunityApplication(
    grpc::ServerContext* context, const v1::GetDrugFreeCommunityApplicationRequest* request,
    v1::DrugFreeCommunityApplication* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return drug_free_.Get(call, *request, response);
  });
}

grpc::Status AssessmentServiceImpl::ListDrugFreeCommunityApplications(
    grpc::ServerContext* context, const v1::ListDrugFreeCommunityApplicationsRequest* request,
    v1::ListDrugFreeCommunityApplicationsResponse* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return drug_free_.List(call, *request, response);
  });
}

grpc::Status AssessmentServiceImpl::RecordInspectionResults(
    grpc::ServerContext* context, const v1::RecordInspectionResultsRequest* request,
    v1::DrugFreeCommunityApplication* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return drug_free_.RecordInspections(call, *request, response);
  });
}

grpc::Status AssessmentServiceImpl::EvaluateDrugFreeCommunityApplication(
    grpc::ServerContext* context, const v1::EvaluateDrugFreeCommunityApplicationRequest* request,
    v1::DrugFreeCommunityApplication* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return drug_free_.Evaluate(call, *request, response);
  });
}

grpc::Status AssessmentServiceImpl::ApproveDrugFreeCommunityApplication(
    grpc::ServerContext* context, const v1::ApproveDrugFreeCommunityApplicationRequest* request,
    v1::DrugFreeCommunityApplication* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return drug_free_.Approve(call, *request, response);
  });
}

grpc::Status AssessmentServiceImpl::RejectDrugFreeCommunityApplication(
    grpc::ServerContext* context, const v1::RejectDrugFreeCommunityApplicationRequest* request,
    v1::DrugFreeCommunityApplication* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return drug_free_.Reject(call, *request, response);
  });
}

}  // namespace jindu::reporting
