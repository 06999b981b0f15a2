#include "publicity/activities/activity_review_rules.h"

#include <string_view>

namespace jindu::publicity {

std::optional<v1::ReviewState> NextReviewState(v1::ReviewState current,
                                               ReviewTransition transition) {
  switch (transition) {
    case ReviewTransition::kSubmit:
      if (current == v1::REVIEW_STATE_DRAFT || current == v1::REVIEW_STATE_REJECTED) {
        return v1::REVIEW_STATE_SUBMITTED;
      }
      return std::nullopt;
    case ReviewTransition::kApprove:
      if (current == v1::REVIEW_STATE_SUBMITTED ||
          current == v1::REVIEW_STATE_CORRECTION_SUBMITTED) {
        return v1::REVIEW_STATE_APPROVED;
      }
      return std::nullopt;
    case ReviewTransition::kReject:
      if (current == v1::REVIEW_STATE_SUBMITTED) return v1::REVIEW_STATE_REJECTED;
      // A rejected correction leaves the approved revision counting.
      if (current == v1::REVIEW_STATE_CORRECTION_SUBMITTED) return v1::REVIEW_STATE_APPROVED;
      return std::nullopt;
    case ReviewTransition::kProposeCorrection:
      if (current == v1::REVIEW_STATE_APPROVED) return v1::REVIEW_STATE_CORRECTION_SUBMITTED;
      return std::nullopt;
  }
  return std::nullopt;
}

std::optional<common::v1::ErrorReason> EditRefusal(v1::ReviewState state) {
  switch (state) {
    case v1::REVIEW_STATE_DRAFT:
    case v1::REVIEW_STATE_REJECTED:
      return std::nullopt;
    case v1::REVIEW_STATE_APPROVED:
    case v1::REVIEW_STATE_CORRECTION_SUBMITTED:
      return common::v1::APPROVED_RESOURCE_IMMUTABLE;
    default:
      return common::v1::ILLEGAL_STATE_TRANSITION;
  }
}

std::optional<common::v1::ErrorReason> DeleteRefusal(v1::ReviewState state) {
  if (state == v1::REVIEW_STATE_DRAFT) return std::nullopt;
  if (state == v1::REVIEW_STATE_APPROVED || state == v1::REVIEW_STATE_CORRECTION_SUBMITTED) {
    return common::v1::APPROVED_RESOURCE_IMMUTABLE;
  }
  return common::v1::ILLEGAL_STATE_TRANSITION;
}

bool ApprovesCorrection(v1::ReviewState state) {
  return state == v1::REVIEW_STATE_CORRECTION_SUBMITTED;
}

int ApprovedRevisionAfterApproval(int approved_revision) { return approved_revision + 1; }

std::string ReviewStateLabel(v1::ReviewState state) {
  std::string name = v1::ReviewState_Name(state);
  constexpr std::string_view kPrefix = "REVIEW_STATE_";
  return name.starts_with(kPrefix) ? name.substr(kPrefix.size()) : name;
}

}  // namespace jindu::publicity
