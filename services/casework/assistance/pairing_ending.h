#pragma once
// Ends active pairings when their reason to exist ends: the case closed or moved to another
// county (CASE_ENDED), or the volunteer stopped being active in registration
// (VOLUNTEER_INACTIVE). Each ended pairing keeps its history and publishes CaseUnpaired; the case's
// active_pairing_count follows (the caller saves the case row).
#include <pqxx/pqxx>
#include <string>

#include "casework/cases/case_record.h"
#include "casework/casework_context.h"
#include "jindu/casework/v1/assistance.pb.h"

namespace jindu::casework {

// Ends the active pairings of `record` (locked), all of them, or only those of `volunteer_id`
// when it is not empty. Returns how many ended.
int EndActivePairings(const CaseworkContext& context, pqxx::work& tx, CaseRecord& record,
                      const std::string& volunteer_id, v1::PairingEndReason reason,
                      runtime::CivilDate end_date, const std::string& subject);

}  // namespace jindu::casework
