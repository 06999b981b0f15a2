#pragma once
// The review rules of an activity (activity.proto, ReviewState), as pure functions, so the handlers
// and the tests agree on what may follow what:
//   DRAFT | REJECTED -> SUBMITTED (SubmitActivity, or CreateActivity with `submit`);
//   SUBMITTED -> APPROVED (ApproveActivity) | REJECTED (RejectActivity);
//   APPROVED -> CORRECTION_SUBMITTED (ProposeActivityCorrection);
//   CORRECTION_SUBMITTED -> APPROVED (approved: the correction applies; rejected: discarded).
// DRAFT and REJECTED activities are edited in place; only a DRAFT one may be deleted; an approved
// one (with or without a correction pending) changes only through a reviewed correction.
#include <optional>
#include <string>

#include "jindu/common/v1/errors.pb.h"
#include "jindu/publicity/v1/activity.pb.h"

namespace jindu::publicity {

enum class ReviewTransition {
  kSubmit,
  kApprove,
  kReject,
  kProposeCorrection,
};

// The state after `transition`, or nullopt when it is illegal from `current`.
std::optional<v1::ReviewState> NextReviewState(v1::ReviewState current,
                                               ReviewTransition transition);

// Why an activity in `state` may not be edited (UpdateActivity) or deleted (DeleteActivity):
// APPROVED_RESOURCE_IMMUTABLE for an approved one (corrections go through review),
// ILLEGAL_STATE_TRANSITION for one awaiting review (and, for delete, a rejected one); nullopt when
// allowed.
std::optional<common::v1::ErrorReason> EditRefusal(v1::ReviewState state);
std::optional<common::v1::ErrorReason> DeleteRefusal(v1::ReviewState state);

// Whether approving from `state` applies a correction (a new approved revision replacing one that
// counts) rather than approving a first submission.
bool ApprovesCorrection(v1::ReviewState state);

// The approved revision after an approval: the first approval makes revision 1, each approved
// correction one more.
int ApprovedRevisionAfterApproval(int approved_revision);

// "REVIEW_STATE_DRAFT" -> "DRAFT", for messages.
std::string ReviewStateLabel(v1::ReviewState state);

}  // namespace jindu::publicity
