#pragma once
// The status rules of a case (case.proto, CaseStatus), as one pure function, so the handlers, the
// intake and the tests agree on what may follow what:
//   ACTIVE -> LOST_CONTACT; LOST_CONTACT -> ACTIVE;
//   ACTIVE | LOST_CONTACT -> RELAPSED; RELAPSED | ABSTINENCE_CONFIRMED -> ACTIVE (a new measure
//   decision, which applies to any case not CLOSED or TRANSFERRED_OUT);
//   ACTIVE -> ABSTINENCE_CONFIRMED (three years after opening or the last relapse);
//   any but CLOSED | TRANSFERRED_OUT -> TRANSFERRED_OUT; any but CLOSED -> CLOSED.
#include <optional>
#include <string>

#include "jindu/casework/v1/case.pb.h"
#include "runtime/identity/civil_date.h"

namespace jindu::casework {

enum class CaseTransition {
  kReportLostContact,
  kRestoreContact,
  kConfirmRelapse,
  kNewMeasureDecision,
  kConfirmAbstinence,
  kTransferOut,
  kClose,
};

// The status after `transition`, or nullopt when it is illegal from `current`.
std::optional<v1::CaseStatus> NextStatus(v1::CaseStatus current, CaseTransition transition);

// The first day on which abstinence may be confirmed: three years after the later of the opening
// day and the last confirmed relapse (29 February counts to 28 February in a common year).
runtime::CivilDate AbstinenceEligibleFrom(runtime::CivilDate open_date,
                                          std::optional<runtime::CivilDate> last_relapse_date);

// "CASE_STATUS_ACTIVE" -> "ACTIVE", for messages.
std::string StatusLabel(v1::CaseStatus status);

}  // namespace jindu::casework
