#pragma once
// Field rules of help records (help.proto). Each check adds a FieldViolation naming the request
// path ("help_record.amount"); no message echoes a submitted value.
#include <set>
#include <string>

#include "casework/help/help_record.h"
#include "runtime/api/api_error.h"

namespace jindu::casework {

// Paths a create sets; UpdateHelpRecord may change all of them but kind.
const std::set<std::string>& HelpCreatePaths();
const std::set<std::string>& HelpMutablePaths();
const std::set<std::string>& HelpImmutablePaths();
const std::set<std::string>& HelpOutputOnlyPaths();

// Checks the fields of `input` named by `paths` and copies them into *record: kind (required),
// help_date (required, not in the future), amount (CNY, >= 0), provider (0..128 characters),
// outcome (required) and notes (0..2000 characters).
void CheckHelpFields(const v1::HelpRecord& input, const std::set<std::string>& paths,
                     runtime::FieldViolations& violations, HelpRecordRow* record);

// Loans and subsistence allowances are counted in money: their amount is required (on
// help_record.amount), checked on the record as it will be stored.
void CheckAmountRequired(const HelpRecordRow& record, runtime::FieldViolations& violations);

}  // namespace jindu::casework
