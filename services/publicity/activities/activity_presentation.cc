#include "publicity/activities/activity_presentation.h"

#include "runtime/postgres/row_conversions.h"

namespace jindu::publicity {

v1::Activity PresentActivity(const ActivityRecord& record) {
  v1::Activity activity = record.content;
  activity.set_name(ActivityName(record.id));
  activity.set_review_state(record.state);
  if (record.last_review.has_value()) *activity.mutable_last_review() = *record.last_review;
  activity.set_approved_revision(record.approved_revision);
  if (record.pending_correction.has_value()) {
    *activity.mutable_pending_correction() = *record.pending_correction;
  }
  common::v1::AuditMetadata* audit = activity.mutable_audit();
  *audit->mutable_create_time() = runtime::TimestampFromMicros(record.create_micros);
  *audit->mutable_update_time() = runtime::TimestampFromMicros(record.update_micros);
  audit->set_create_subject(record.create_subject);
  audit->set_update_subject(record.update_subject);
  audit->set_etag(std::to_string(record.revision));
  return activity;
}

}  // namespace jindu::publicity
