#include "casework/contacts/contact_events.h"

#include "casework/cases/case_record.h"
#include "casework/followup/case_child_names.h"
#include "casework/followup/followup_fields.h"
#include "runtime/postgres/row_conversions.h"

namespace jindu::casework {
namespace {

events::v1::ContactFacts FactsOf(const ContactRecord& record) {
  events::v1::ContactFacts facts;
  facts.set_contact(ChildResourceName(record.case_id, kContactCollection, record.id));
  facts.set_kind(record.kind);
  *facts.mutable_contact_date() = runtime::ToProtoDate(record.contact_date);
  facts.set_reached(record.reached);
  for (const std::string& id : record.participant_volunteer_ids) {
    facts.add_participant_volunteers("volunteers/" + id);
  }
  if (record.relief_minor_units.has_value()) {
    *facts.mutable_relief_money() = Cny(*record.relief_minor_units);
  }
  facts.set_relief_items(record.relief_items);
  return facts;
}

// A contact logged and a contact corrected carry the same: the case and the contact's facts as they
// now are, so a consumer can replace what it counted for the contact.
template <typename Event>
Event EventWithFacts(const ContactRecord& record) {
  Event event;
  event.set_case_name(CaseName(record.case_id));
  *event.mutable_contact() = FactsOf(record);
  return event;
}

}  // namespace

events::v1::ContactLogged ContactLoggedEvent(const ContactRecord& record) {
  return EventWithFacts<events::v1::ContactLogged>(record);
}

events::v1::ContactCorrected ContactCorrectedEvent(const ContactRecord& record) {
  return EventWithFacts<events::v1::ContactCorrected>(record);
}

}  // namespace jindu::casework
