#include "publicity/activities/activity_events.h"

namespace jindu::publicity {

void AppendActivityEvent(const PublicityContext& context, pqxx::work& tx,
                         const ActivityRecord& record, const google::protobuf::Message& event) {
  context.outbox.Append(tx, {.aggregate_type = kActivityAggregate,
                             .aggregate_id = record.id,
                             .aggregate_version = record.revision,
                             .region_code = record.content.region_code(),
                             .payload = &event});
}

events::v1::ActivityFacts ActivityFactsOf(const ActivityRecord& record) {
  const v1::Activity& content = record.content;
  events::v1::ActivityFacts facts;
  facts.set_activity(ActivityName(record.id));
  facts.set_organization(content.organization());
  facts.set_region_code(content.region_code());
  *facts.mutable_activity_date() = content.activity_date();
  facts.set_kind(content.kind());
  facts.set_six_into_category(content.six_into_category());
  *facts.mutable_campaign_tags() = content.campaign_tags();
  facts.set_campaign(content.campaign());
  facts.set_audience_count(content.audience_count());
  *facts.mutable_lecturers() = content.lecturers();
  *facts.mutable_volunteers() = content.volunteers();
  *facts.mutable_materials() = content.materials();
  facts.set_approved_revision(record.approved_revision);
  return facts;
}

events::v1::ActivitySubmitted ActivitySubmittedEvent(const ActivityRecord& record,
                                                     bool correction) {
  const v1::Activity& content = correction && record.pending_correction.has_value()
                                    ? record.pending_correction->proposed()
                                    : record.content;
  events::v1::ActivitySubmitted event;
  event.set_activity(ActivityName(record.id));
  event.set_organization(content.organization());
  event.set_region_code(content.region_code());
  *event.mutable_activity_date() = content.activity_date();
  event.set_correction(correction);
  return event;
}

events::v1::ActivityApproved ActivityApprovedEvent(const ActivityRecord& record) {
  events::v1::ActivityApproved event;
  *event.mutable_activity() = ActivityFactsOf(record);
  return event;
}

events::v1::ActivityRejected ActivityRejectedEvent(const ActivityRecord& record, bool correction) {
  events::v1::ActivityRejected event;
  event.set_activity(ActivityName(record.id));
  event.set_correction(correction);
  return event;
}

events::v1::ActivityCorrected ActivityCorrectedEvent(const ActivityRecord& record,
                                                     int previous_revision) {
  events::v1::ActivityCorrected event;
  *event.mutable_activity() = ActivityFactsOf(record);
  event.set_previous_revision(previous_revision);
  return event;
}

}  // namespace jindu::publicity
