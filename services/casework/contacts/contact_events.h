#pragma once
// The facts of a contact that reporting counts (ContactFacts in case_events.proto): kind, day,
// reached, volunteers, relief money and items. Never the notes or what the items were.
#include "casework/contacts/contact_record.h"
#include "jindu/casework/events/v1/case_events.pb.h"

namespace jindu::casework {

events::v1::ContactLogged ContactLoggedEvent(const ContactRecord& record);
events::v1::ContactCorrected ContactCorrectedEvent(const ContactRecord& record);

}  // namespace jindu::casework
