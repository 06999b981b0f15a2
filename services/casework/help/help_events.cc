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

}  // namespace

events::v1::HelpGiven HelpGivenEvent(const HelpRecordRow& record) {
  events::v1::HelpGiven event;
  event.set_case_name(CaseName(record.case_id));
  *event.mutable_help() = FactsOf(record);
  return event;
}

events::v1::HelpUpdated HelpUpdatedEvent(const HelpRecordRow& record) {
  events::v1::HelpUpdated event;
  event.set_case_name(CaseName(record.case_id));
  *event.mutable_help() = FactsOf(record);
  return event;
}

}  // namespace jindu::casework
