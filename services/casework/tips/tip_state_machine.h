#pragma once
// The state rules of a tip (tip.proto, TipState), as one pure function, so the handlers and the
// tests agree on what may follow what:
//   RECEIVED -> FORWARDED (ForwardTip); FORWARDED -> CONFIRMED (ConfirmTip);
//   RECEIVED | FORWARDED -> UNFOUNDED (DismissTip).
// CONFIRMED and UNFOUNDED are final. An outcome may be recorded (and replaced) only while
// CONFIRMED.
#include <optional>
#include <string>

#include "jindu/casework/v1/tip.pb.h"

namespace jindu::casework {

enum class TipTransition {
  kForward,
  kConfirm,
  kDismiss,
};

// The state after `transition`, or nullopt when it is illegal from `current`.
std::optional<v1::TipState> NextTipState(v1::TipState current, TipTransition transition);

// Whether RecordTipOutcome may run on a tip in `state`.
bool MayRecordOutcome(v1::TipState state);

// "TIP_STATE_RECEIVED" -> "RECEIVED", for messages.
std::string TipStateLabel(v1::TipState state);

}  // namespace jindu::casework
