#include "casework/tips/tip_presentation.h"

#include "runtime/postgres/row_conversions.h"

namespace jindu::casework {

std::vector<std::string> HandlerClearFieldPaths(const TipRecord& record) {
  std::vector<std::string> paths = {"description"};
  if (record.has_police_reference) paths.push_back("police_reference");
  return paths;
}

v1::Tip PresentTip(const TipRecord& record, TipView view) {
  v1::Tip tip;
  tip.set_name(TipName(record.id));
  tip.set_kind(record.kind);
  tip.set_region_code(record.region_code);
  *tip.mutable_observed_date() = runtime::ToProtoDate(record.observed_date);
  if (view.handler_fields || view.submitter_fields) tip.set_description(record.description);
  tip.set_plant_count(record.plant_count);
  if (view.submitter_fields) {
    tip.set_submitter_subject(record.submitter_subject);
    tip.set_source_volunteer(record.source_volunteer);
  }
  tip.set_state(record.state);
  if (view.handler_fields) tip.set_police_reference(record.police_reference);
  if (record.outcome.has_value()) *tip.mutable_outcome() = *record.outcome;
  *tip.mutable_state_change_time() = runtime::TimestampFromMicros(record.state_change_micros);
  common::v1::AuditMetadata* audit = tip.mutable_audit();
  *audit->mutable_create_time() = runtime::TimestampFromMicros(record.create_micros);
  *audit->mutable_update_time() = runtime::TimestampFromMicros(record.update_micros);
  // The creator is the submitter; until police change the tip, so is the last updater.
  if (view.submitter_fields) audit->set_create_subject(record.submitter_subject);
  if (!record.update_subject.empty()) {
    audit->set_update_subject(record.update_subject);
  } else if (view.submitter_fields) {
    audit->set_update_subject(record.submitter_subject);
  }
  audit->set_etag(std::to_string(record.revision));
  return tip;
}

}  // namespace jindu::casework
