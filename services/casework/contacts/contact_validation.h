#pragma once
// Field rules of contacts (contact.proto). Each check adds a FieldViolation naming the request path
// ("contact.contact_time"); no message echoes a submitted value.
#include <set>
#include <string>

#include "casework/contacts/contact_record.h"
#include "runtime/api/api_error.h"

namespace jindu::casework {

// The paths UpdateContact may change; a create sets all of them.
const std::set<std::string>& ContactMutablePaths();
const std::set<std::string>& ContactImmutablePaths();
const std::set<std::string>& ContactOutputOnlyPaths();

// Checks the fields of `input` named by `paths` and copies them into *record: kind (required),
// contact_time (required, not in the future; also sets contact_date in Asia/Shanghai), reached,
// participant_subjects (up to 20 subjects, 1..128 characters), participant_volunteers (up to 20
// "volunteers/{volunteer}"), notes (0..4000 characters), relief_money (CNY, >= 0), relief_items
// (>= 0) and relief_items_description (0..200 characters).
void CheckContactFields(const v1::Contact& input, const std::set<std::string>& paths,
                        runtime::FieldViolations& violations, ContactRecord* record);

}  // namespace jindu::casework
