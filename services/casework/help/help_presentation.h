#pragma once
// A HelpRecordRow as the API shows it: notes only in the full view (the handler has checked the
// role and written the audit entry), empty otherwise.
#include <string>
#include <vector>

#include "casework/help/help_record.h"
#include "jindu/casework/v1/help.pb.h"

namespace jindu::casework {

v1::HelpRecord PresentHelpRecord(const HelpRecordRow& record, bool notes_in_clear);

// The sensitive field paths a full view returns in clear, for the audit entry.
std::vector<std::string> HelpClearFieldPaths(const HelpRecordRow& record);

}  // namespace jindu::casework
