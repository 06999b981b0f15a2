#pragma once
// The events of a case (jindu.casework.events.v1, topic jindu.casework.case.v1), appended to the
// outbox in the transaction of the change. Built from the record alone: payloads carry the case's
// pseudonymous name, the person pseudonym, regions, dates and categories, never a personal field.
#include <pqxx/pqxx>

#include "casework/cases/case_record.h"
#include "casework/casework_context.h"
#include "jindu/casework/events/v1/case_events.pb.h"

namespace jindu::casework {

// The case row must exist (inserted or locked in this transaction).
void AppendCaseEvent(const CaseworkContext& context, pqxx::work& tx, const CaseRecord& record,
                     const google::protobuf::Message& event);

events::v1::CaseOpened CaseOpenedEvent(const CaseRecord& record, bool first_registration,
                                       events::v1::OpenedBy opened_by);
events::v1::MeasureChanged MeasureChangedEvent(const CaseRecord& record,
                                               v1::MeasureType previous_type);
events::v1::CaseStatusChanged StatusChangedEvent(const CaseRecord& record, v1::CaseStatus previous,
                                                 runtime::CivilDate effective_date);

}  // namespace jindu::casework
