#include "reporting/assessments/rubric_events.h"

#include "jindu/reporting/events/v1/assessment_events.pb.h"

namespace jindu::reporting {

void AppendRubricRevised(const runtime::OutboxWriter& outbox, pqxx::work& tx,
                         const std::string& rubric_id, const v1::AssessmentRubric& rubric) {
  events::v1::AssessmentRubricRevised event;
  event.set_assessment_rubric(rubric.name());
  event.set_revision(rubric.revision());
  event.set_display_name(rubric.display_name());
  *event.mutable_organization_kinds() = rubric.organization_kinds();
  event.set_region_code(rubric.region_code());
  event.set_granularity(rubric.granularity());
  *event.mutable_criteria() = rubric.criteria();
  outbox.Append(tx, {.aggregate_type = kAssessmentRubricAggregate,
                     .aggregate_id = rubric_id,
                     .aggregate_version = rubric.revision(),
                     .region_code = rubric.region_code(),
                     .payload = &event});
}

}  // namespace jindu::reporting
