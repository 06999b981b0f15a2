#include "casework/tips/tip_state_machine.h"

namespace jindu::casework {

std::optional<v1::TipState> NextTipState(v1::TipState current, TipTransition transition) {
  switch (transition) {
    case TipTransition::kForward:
      if (current == v1::TIP_STATE_RECEIVED) return v1::TIP_STATE_FORWARDED;
      return std::nullopt;
    case TipTransition::kConfirm:
      // Only police confirm, so a tip must have reached them first.
      if (current == v1::TIP_STATE_FORWARDED) return v1::TIP_STATE_CONFIRMED;
      return std::nullopt;
    case TipTransition::kDismiss:
      if (current == v1::TIP_STATE_RECEIVED || current == v1::TIP_STATE_FORWARDED) {
        return v1::TIP_STATE_UNFOUNDED;
      }
      return std::nullopt;
  }
  return std::nullopt;
}

bool MayRecordOutcome(v1::TipState state) { return state == v1::TIP_STATE_CONFIRMED; }

std::string TipStateLabel(v1::TipState state) {
  std::string name = v1::TipState_Name(state);
  constexpr std::string_view kPrefix = "TIP_STATE_";
  return name.starts_with(kPrefix) ? name.substr(kPrefix.size()) : name;
}

}  // namespace jindu::casework
