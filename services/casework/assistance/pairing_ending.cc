#include "casework/assistance/pairing_ending.h"

#include "casework/cases/case_events.h"
#include "casework/storage/pairing_store.h"
#include "runtime/postgres/row_conversions.h"

namespace jindu::casework {

int EndActivePairings(const CaseworkContext& context, pqxx::work& tx, CaseRecord& record,
                      const std::string& volunteer_id, v1::PairingEndReason reason,
                      runtime::CivilDate end_date, const std::string& subject) {
  const PairingStore pairings(context.schema());
  int ended = 0;
  for (PairingRecord pairing : pairings.ActiveOfCase(tx, record.id)) {
    if (!volunteer_id.empty() && pairing.volunteer_id != volunteer_id) continue;
    // A pairing cannot end before it began (a volunteer suspended the day they were paired).
    pairing.end_date = end_date > pairing.start_date ? end_date : pairing.start_date;
    pairing.state = v1::PAIRING_STATE_ENDED;
    pairing.end_reason = reason;
    ++pairing.revision;
    pairing.update_subject = subject;
    pairings.Update(tx, pairing);
    events::v1::CaseUnpaired event;
    event.set_case_name(CaseName(record.id));
    event.set_pairing(PairingName(record.id, pairing.id));
    event.set_volunteer("volunteers/" + pairing.volunteer_id);
    *event.mutable_end_date() = runtime::ToProtoDate(*pairing.end_date);
    event.set_end_reason(reason);
    AppendCaseEvent(context, tx, record, event);
    ++ended;
  }
  record.active_pairing_count = std::max(0, record.active_pairing_count - ended);
  return ended;
}

}  // namespace jindu::casework
