#pragma once
// The facts of help that reporting counts (HelpFacts in case_events.proto): kind, day, amount and
// outcome. Never the notes, nor who provided it.
#include "casework/help/help_record.h"
#include "jindu/casework/events/v1/case_events.pb.h"

namespace jindu::casework {

events::v1::HelpGiven HelpGivenEvent(const HelpRecordRow& record);
events::v1::HelpUpdated HelpUpdatedEvent(const HelpRecordRow& record);

}  // namespace jindu::casework
