#pragma once
// TipService's handling by police liaison: forward, confirm, dismiss (tip_state_machine.h) and the
// outcome of a confirmed tip. Each is one transaction: the tip, its history row and its event.
// Answers carry no sensitive field (the description is read through GetTip, audited).
#include <functional>

#include "casework/casework_context.h"
#include "casework/tips/tip_state_machine.h"
#include "casework/tips/tip_store.h"
#include "jindu/casework/v1/tip_service.pb.h"
#include "runtime/api/api_error.h"
#include "runtime/grpc/call_context.h"

namespace jindu::casework {

class TipTransitions {
 public:
  explicit TipTransitions(CaseworkContext& context);

  grpc::Status Forward(const runtime::CallContext& call, const v1::ForwardTipRequest& request,
                       v1::Tip* response);
  grpc::Status Confirm(const runtime::CallContext& call, const v1::ConfirmTipRequest& request,
                       v1::Tip* response);
  grpc::Status Dismiss(const runtime::CallContext& call, const v1::DismissTipRequest& request,
                       v1::Tip* response);
  grpc::Status RecordOutcome(const runtime::CallContext& call,
                             const v1::RecordTipOutcomeRequest& request, v1::Tip* response);

 private:
  // What every handling method shares: the role, the name, the scope (out of scope: NOT_FOUND and
  // a denied audit entry), the etag; then `change` edits the locked record and writes what is
  // particular to it (state or outcome, history, event). The revision is already the new one.
  struct Handling {
    const char* method;
    const std::string& name;
    const std::string& etag;
    runtime::FieldViolations& violations;  // of the method's own fields
  };
  using Change = std::function<grpc::Status(pqxx::work&, TipRecord&, const std::string& subject)>;
  grpc::Status Run(const runtime::CallContext& call, const Handling& handling, const Change& change,
                   v1::Tip* response);
  // A state change: the transition's rule, the new state, its history row (with the reason
  // sealed) and TipStateChanged.
  Change MoveTo(TipTransition transition, const char* method, const std::string& reason,
                const std::string& police_reference);

  CaseworkContext& context_;
  TipStore tips_;
};

}  // namespace jindu::casework
