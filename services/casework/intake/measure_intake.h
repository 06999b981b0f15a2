#pragma once
// Applies one measure decision from public security, in its own transaction, and says what it did
// (intake.proto, MeasureDecisionOutcome):
//   - invalid, or residing outside the caller's scope: REJECTED, nothing written;
//   - the same decision again: UNCHANGED;
//   - a corrected decision: UPDATED, the case it opened gets the corrected measure;
//   - a person without an open case: OPENED;
//   - a person with an open case in the same county: UPDATED (new measure);
//   - a person with an open case in another county: TRANSFER_REQUESTED, nothing about the other
//     county revealed.
#include "casework/cases/case_opening.h"
#include "casework/casework_context.h"
#include "casework/intake/decision_registry.h"
#include "jindu/casework/v1/intake.pb.h"
#include "runtime/access/caller_access.h"
#include "runtime/grpc/call_context.h"

namespace jindu::casework {

class MeasureIntake {
 public:
  explicit MeasureIntake(const CaseworkContext& context);

  v1::MeasureDecisionResult Apply(const runtime::CallContext& call,
                                  const runtime::CallerAccess& caller,
                                  const v1::MeasureDecision& decision, int64_t index) const;

 private:
  v1::MeasureDecisionResult ApplyValid(const runtime::CallerAccess& caller,
                                       const v1::MeasureDecision& decision,
                                       const CheckedPerson& person) const;

  const CaseworkContext& context_;
  CaseOpening opening_;
  DecisionRegistry decisions_;
};

// A failed status as the google.rpc.Status of a result (code, message and details).
google::rpc::Status ToRpcStatus(const grpc::Status& status);

}  // namespace jindu::casework
