#pragma once
// A TipRecord as the API shows it. What a caller sees depends on who it is for this tip (the
// handler decided, and audited what needs auditing):
//   - police liaison in scope reading one tip: the description and the police reference;
//   - the submitter: the description, its own subject and the source volunteer;
//   - everyone else, every list and every state change: none of the sensitive fields.
// The submitter's identity (submitter_subject, source_volunteer, audit.create_subject) reaches no
// one but the submitter.
#include <string>
#include <vector>

#include "casework/tips/tip_record.h"
#include "jindu/casework/v1/tip.pb.h"

namespace jindu::casework {

struct TipView {
  bool handler_fields = false;    // description and police reference (police liaison, audited)
  bool submitter_fields = false;  // description, submitter and source volunteer (the submitter)
};

// `record` must have been loaded with its sealed fields when either view flag is set.
v1::Tip PresentTip(const TipRecord& record, TipView view);

// The field paths a police liaison's read returns in clear, for the audit entry.
std::vector<std::string> HandlerClearFieldPaths(const TipRecord& record);

}  // namespace jindu::casework
