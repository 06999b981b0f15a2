#include "casework/help/help_presentation.h"

#include "casework/followup/case_child_names.h"
#include "casework/followup/followup_fields.h"
#include "runtime/postgres/row_conversions.h"

namespace jindu::casework {

v1::HelpRecord PresentHelpRecord(const HelpRecordRow& record, bool notes_in_clear) {
  v1::HelpRecord help;
  help.set_name(ChildResourceName(record.case_id, kHelpRecordCollection, record.id));
  help.set_kind(record.kind);
  *help.mutable_help_date() = runtime::ToProtoDate(record.help_date);
  if (record.amount_minor_units.has_value()) {
    *help.mutable_amount() = Cny(*record.amount_minor_units);
  }
  help.set_provider(record.provider);
  help.set_outcome(record.outcome);
  if (notes_in_clear) help.set_notes(record.notes);
  common::v1::AuditMetadata* audit = help.mutable_audit();
  *audit->mutable_create_time() = runtime::TimestampFromMicros(record.create_micros);
  *audit->mutable_update_time() = runtime::TimestampFromMicros(record.update_micros);
  audit->set_create_subject(record.create_subject);
  audit->set_update_subject(record.update_subject);
  audit->set_etag(std::to_string(record.revision));
  return help;
}

std::vector<std::string> HelpClearFieldPaths(const HelpRecordRow& record) {
  if (record.notes.empty()) return {};
  return {"notes"};
}

}  // namespace jindu::casework
