#pragma once
// AssessmentRubricRevised on jindu.reporting.assessment_rubric.v1 (aggregate "assessment_rubric",
// key = rubric id, version = revision), written in the transaction that stores the revision.
#include <pqxx/pqxx>
#include <string>

#include "jindu/reporting/v1/assessment.pb.h"
#include "runtime/outbox/outbox_writer.h"

namespace jindu::reporting {

inline constexpr char kAssessmentRubricAggregate[] = "assessment_rubric";

void AppendRubricRevised(const runtime::OutboxWriter& outbox, pqxx::work& tx,
                         const std::string& rubric_id, const v1::AssessmentRubric& rubric);

}  // namespace jindu::reporting
