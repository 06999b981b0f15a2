#include "casework/contacts/contact_presentation.h"

#include "casework/followup/case_child_names.h"
#include "casework/followup/followup_fields.h"
#include "runtime/postgres/row_conversions.h"

namespace jindu::casework {

v1::Contact PresentContact(const ContactRecord& record, bool notes_in_clear) {
  v1::Contact contact;
  contact.set_name(ChildResourceName(record.case_id, kContactCollection, record.id));
  contact.set_kind(record.kind);
  *contact.mutable_contact_time() = runtime::TimestampFromMicros(record.contact_micros);
  contact.set_reached(record.reached);
  for (const std::string& subject : record.participant_subjects) {
    contact.add_participant_subjects(subject);
  }
  for (const std::string& id : record.participant_volunteer_ids) {
    contact.add_participant_volunteers("volunteers/" + id);
  }
  if (notes_in_clear) contact.set_notes(record.notes);
  if (record.relief_minor_units.has_value()) {
    *contact.mutable_relief_money() = Cny(*record.relief_minor_units);
  }
  contact.set_relief_items(record.relief_items);
  contact.set_relief_items_description(record.relief_items_description);
  common::v1::AuditMetadata* audit = contact.mutable_audit();
  *audit->mutable_create_time() = runtime::TimestampFromMicros(record.create_micros);
  *audit->mutable_update_time() = runtime::TimestampFromMicros(record.update_micros);
  audit->set_create_subject(record.create_subject);
  audit->set_update_subject(record.update_subject);
  audit->set_etag(std::to_string(record.revision));
  return contact;
}

std::vector<std::string> ContactClearFieldPaths(const ContactRecord& record) {
  if (record.notes.empty()) return {};
  return {"notes"};
}

}  // namespace jindu::casework
