#pragma once
// The events of a tip (jindu.casework.events.v1, aggregate type "tip", topic
// jindu.casework.tip.v1), appended to the outbox in the transaction of the change. Built from the
// record's public facts alone (kind, region, dates, states, counts): never the description, the
// submitter, the source volunteer or the police reference.
#include <pqxx/pqxx>

#include "casework/casework_context.h"
#include "casework/tips/tip_record.h"
#include "jindu/casework/events/v1/tip_events.pb.h"

namespace jindu::casework {

void AppendTipEvent(const CaseworkContext& context, pqxx::work& tx, const TipRecord& record,
                    const google::protobuf::Message& event);

events::v1::TipFiled TipFiledEvent(const TipRecord& record);
events::v1::TipStateChanged TipStateChangedEvent(const TipRecord& record, v1::TipState previous,
                                                 runtime::CivilDate effective_date);
// record.outcome must be set.
events::v1::TipOutcomeRecorded TipOutcomeRecordedEvent(const TipRecord& record,
                                                       runtime::CivilDate recorded_date);

}  // namespace jindu::casework
