#pragma once
// A CaseRecord as the API shows it: personal fields in clear only for a full view (the handler has
// checked the role and written the audit entry), masked otherwise; flags computed for `today`.
#include "casework/cases/case_record.h"
#include "casework/casework_context.h"
#include "jindu/casework/v1/case.pb.h"
#include "runtime/access/caller_access.h"

namespace jindu::casework {

struct CaseView {
  bool personal_in_clear = false;  // CASE_VIEW_FULL, allowed and audited
  bool sensitive_flags = false;    // the caller may read personal data (suspected relapse)
};

// `caller` decides what of other counties shows (the case a transfer came from).
v1::Case PresentCase(const CaseRecord& record, const CaseworkContext& context,
                     const runtime::CallerAccess& caller, runtime::CivilDate today, CaseView view);

// The personal field paths a full view returns in clear, for the audit entry.
std::vector<std::string> ClearFieldPaths(const CaseRecord& record);

}  // namespace jindu::casework
