#pragma once
// A ContactRecord as the API shows it: notes only in the full view (the handler has checked the
// role and written the audit entry), empty otherwise.
#include <string>
#include <vector>

#include "casework/contacts/contact_record.h"
#include "jindu/casework/v1/contact.pb.h"

namespace jindu::casework {

v1::Contact PresentContact(const ContactRecord& record, bool notes_in_clear);

// The sensitive field paths a full view returns in clear, for the audit entry.
std::vector<std::string> ContactClearFieldPaths(const ContactRecord& record);

}  // namespace jindu::casework
