#include "casework/help/help_events.h"

#include "casework/cases/case_record.h"
#include "casework/followup/case_child_names.h"
#include "casework/followup/followup_fields.h"
#include "runtime/postgres/row_conversions.h"

namespace jindu::casework {
namespace {

events::v1::HelpFacts FactsOf(const HelpRecordRow& record) {
  events::v1::HelpFacts facts;
  facts.set_help_record(ChildResourceName(record.case_id, kHelpRecordCollection, record.id));
  facts.set_kind(record.kind);
  *facts.mutable_help_date() = runtime::ToProtoDate(record.help_date);
  if (record.amount_minor_units.has_value()) {
    *facts.mutable_amount() = Cny(*record.amount_minor_units);
  }
  facts.set_outcome(record.outcome);
  return facts;
}

// Help given and help updated carry the same: the case and the help's facts as they now are, so a
// consumer can replace what it counted for the record.
template <typename Event>
Event EventWithFacts(const HelpRecordRow& record) {
  Event event;
  event.set_case_name(CaseName(record.case_id));
  *event.mutable_help() = FactsOf(record);
  return event;
}

}  // namespace

events::v1::HelpGiven HelpGivenEvent(const HelpRecordRow& record) {
  return EventWithFacts<events::v1::HelpGiven>(record);
}

events::v1::HelpUpdated HelpUpdatedEvent(const HelpRecordRow& record) {
  return EventWithFacts<events::v1::HelpUpdated>(record);
}

}  // namespace jindu::casework
