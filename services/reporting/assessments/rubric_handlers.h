#pragma once
// Branch assessment (考评): versioned rubrics of weighted criteria and the scores and rankings they
// give per period: rubrics are stored per revision (rubric_store.h), every revision is published
// as AssessmentRubricRevised through the outbox (rubric_events.h), scores come from the fact tables
// (assessment_figures.h) by the rules of scoring_rules.h.
#include "jindu/reporting/v1/assessment_service.pb.h"
#include "reporting/assessments/rubric_store.h"
#include "reporting/reporting_context.h"
#include "runtime/grpc/call_context.h"
#include "runtime/outbox/outbox_writer.h"

namespace jindu::reporting {

class RubricHandlers {
 public:
  explicit RubricHandlers(ReportingContext& context);

  grpc::Status Create(const runtime::CallContext& call,
                      const v1::CreateAssessmentRubricRequest& request,
                      v1::AssessmentRubric* response);
  grpc::Status Get(const runtime::CallContext& call, const v1::GetAssessmentRubricRequest& request,
                   v1::AssessmentRubric* response);
  grpc::Status List(const runtime::CallContext& call,
                    const v1::ListAssessmentRubricsRequest& request,
                    v1::ListAssessmentRubricsResponse* response);
  grpc::Status Update(const runtime::CallContext& call,
                      const v1::UpdateAssessmentRubricRequest& request,
                      v1::AssessmentRubric* response);
  grpc::Status ComputeScores(const runtime::CallContext& call,
                             const v1::ComputeAssessmentScoresRequest& request,
                             v1::ComputeAssessmentScoresResponse* response);

 private:
  ReportingContext& context_;
  RubricStore rubrics_;
  runtime::OutboxWriter outbox_;
};

}  // namespace jindu::reporting
