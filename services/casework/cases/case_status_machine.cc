#include "casework/cases/case_status_machine.h"

namespace jindu::casework {

std::optional<v1::CaseStatus> NextStatus(v1::CaseStatus current, CaseTransition transition) {
  using enum CaseTransition;
  switch (transition) {
    case kReportLostContact:
      if (current == v1::CASE_STATUS_ACTIVE) return v1::CASE_STATUS_LOST_CONTACT;
      return std::nullopt;
    case kRestoreContact:
      if (current == v1::CASE_STATUS_LOST_CONTACT) return v1::CASE_STATUS_ACTIVE;
      return std::nullopt;
    case kConfirmRelapse:
      if (current == v1::CASE_STATUS_ACTIVE || current == v1::CASE_STATUS_LOST_CONTACT) {
        return v1::CASE_STATUS_RELAPSED;
      }
      return std::nullopt;
    case kNewMeasureDecision:
      if (current == v1::CASE_STATUS_CLOSED || current == v1::CASE_STATUS_TRANSFERRED_OUT) {
        return std::nullopt;
      }
      // A new measure puts a relapsed person (or one confirmed abstinent who used again) back
      // under active management; lost contact stays lost until someone reaches the person.
      if (current == v1::CASE_STATUS_RELAPSED || current == v1::CASE_STATUS_ABSTINENCE_CONFIRMED) {
        return v1::CASE_STATUS_ACTIVE;
      }
      return current;
    case kConfirmAbstinence:
      if (current == v1::CASE_STATUS_ACTIVE) return v1::CASE_STATUS_ABSTINENCE_CONFIRMED;
      return std::nullopt;
    case kTransferOut:
      if (current == v1::CASE_STATUS_CLOSED || current == v1::CASE_STATUS_TRANSFERRED_OUT) {
        return std::nullopt;
      }
      return v1::CASE_STATUS_TRANSFERRED_OUT;
    case kClose:
      if (current == v1::CASE_STATUS_CLOSED) return std::nullopt;
      return v1::CASE_STATUS_CLOSED;
  }
  return std::nullopt;
}

runtime::CivilDate AbstinenceEligibleFrom(runtime::CivilDate open_date,
                                          std::optional<runtime::CivilDate> last_relapse_date) {
  runtime::CivilDate start = open_date;
  if (last_relapse_date.has_value() && *last_relapse_date > start) start = *last_relapse_date;
  runtime::CivilDate eligible{start.year + 3, start.month, start.day};
  if (!runtime::IsValidCivilDate(eligible)) eligible.day = 28;  // 29 February
  return eligible;
}

std::string StatusLabel(v1::CaseStatus status) {
  std::string name = v1::CaseStatus_Name(status);
  constexpr std::string_view kPrefix = "CASE_STATUS_";
  return name.starts_with(kPrefix) ? name.substr(kPrefix.size()) : name;
}

}  // namespace jindu::casework
