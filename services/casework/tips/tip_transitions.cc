#include "casework/tips/tip_transitions.h"

#include "casework/access/tip_roles.h"
#include "casework/audit/access_audit_log.h"
#include "casework/tips/tip_events.h"
#include "casework/tips/tip_presentation.h"
#include "casework/tips/tip_validation.h"
#include "runtime/access/caller_access.h"
#include "runtime/api/request_checks.h"
#include "runtime/api/text_fields.h"

namespace jindu::casework {
namespace {

constexpr const char* kTipType = "jindu.casework.v1.Tip";

grpc::Status Illegal(const TipRecord& record, const char* method) {
  return runtime::FailedPreconditionError(
      common::v1::ILLEGAL_STATE_TRANSITION,
      std::string(method) + " is not allowed: the tip is " + TipStateLabel(record.state),
      TipName(record.id));
}

}  // namespace

TipTransitions::TipTransitions(CaseworkContext& context)
    : context_(context), tips_(context.schema(), context.personal_data.cipher) {}

grpc::Status TipTransitions::Run(const runtime::CallContext& call, const Handling& handling,
                                 const Change& change, v1::Tip* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole(handling.method, kTipHandlers); !status.ok()) return status;
  const std::string id =
      runtime::CheckResourceName(handling.violations, "name", handling.name, "tips/", true);
  if (!handling.violations.empty()) return handling.violations.ToStatus();

  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  auto record = tips_.Find(tx, id, /*sealed=*/false, /*lock=*/true);
  if (!record.has_value()) return runtime::NotFoundError(kTipType, handling.name);
  if (!caller.Covers(record->region_code)) {
    AppendAccessAudit(tx, context_.schema(), caller, call,
                      {.method = std::string("/jindu.casework.v1.TipService/") + handling.method,
                       .resource = TipName(id),
                       .region_code = record->region_code,
                       .region_path = context_.regions.EnclosingPath(record->region_code),
                       .denied = true});
    tx.commit();
    return runtime::NotFoundError(kTipType, handling.name);
  }
  if (!handling.etag.empty() && handling.etag != std::to_string(record->revision)) {
    return runtime::EtagMismatchError(handling.name);
  }
  ++record->revision;
  record->update_subject = caller.subject();
  if (auto status = change(tx, *record, caller.subject()); !status.ok()) return status;
  auto updated = tips_.Find(tx, id, /*sealed=*/false);
  tx.commit();
  *response = PresentTip(*updated, {});
  return grpc::Status::OK;
}

TipTransitions::Change TipTransitions::MoveTo(TipTransition transition, const char* method,
                                              const std::string& reason,
                                              const std::string& police_reference) {
  return [this, transition, method, &reason, &police_reference](pqxx::work& tx, TipRecord& record,
                                                                const std::string& subject) {
    auto next = NextTipState(record.state, transition);
    if (!next.has_value()) return Illegal(record, method);
    const v1::TipState previous = record.state;
    record.state = *next;
    const runtime::CivilDate today = runtime::TodayInShanghai();
    tips_.ChangeState(tx, record, police_reference);
    tips_.AppendStateChange(tx, record.id, record.revision, previous, record.state, today, reason,
                            subject);
    AppendTipEvent(context_, tx, record, TipStateChangedEvent(record, previous, today));
    return grpc::Status::OK;
  };
}

grpc::Status TipTransitions::Forward(const runtime::CallContext& call,
                                     const v1::ForwardTipRequest& request, v1::Tip* response) {
  runtime::FieldViolations violations;
  runtime::CheckTextLength("police_reference", request.police_reference(), 0,
                           kMaxPoliceReferenceCharacters, &violations);
  const std::string no_reason;
  return Run(call, {"ForwardTip", request.name(), request.etag(), violations},
             MoveTo(TipTransition::kForward, "ForwardTip", no_reason, request.police_reference()),
             response);
}

grpc::Status TipTransitions::Confirm(const runtime::CallContext& call,
                                     const v1::ConfirmTipRequest& request, v1::Tip* response) {
  runtime::FieldViolations violations;
  runtime::CheckTextLength("reason", request.reason(), 0, kMaxTipReasonCharacters, &violations);
  const std::string no_reference;
  return Run(call, {"ConfirmTip", request.name(), request.etag(), violations},
             MoveTo(TipTransition::kConfirm, "ConfirmTip", request.reason(), no_reference),
             response);
}

grpc::Status TipTransitions::Dismiss(const runtime::CallContext& call,
                                     const v1::DismissTipRequest& request, v1::Tip* response) {
  runtime::FieldViolations violations;
  runtime::CheckTextLength("reason", request.reason(), 1, kMaxTipReasonCharacters, &violations);
  const std::string no_reference;
  return Run(call, {"DismissTip", request.name(), request.etag(), violations},
             MoveTo(TipTransition::kDismiss, "DismissTip", request.reason(), no_reference),
             response);
}

grpc::Status TipTransitions::RecordOutcome(const runtime::CallContext& call,
                                           const v1::RecordTipOutcomeRequest& request,
                                           v1::Tip* response) {
  runtime::FieldViolations violations;
  CheckTipOutcome(request.has_outcome(), request.outcome(), &violations);
  return Run(
      call, {"RecordTipOutcome", request.name(), request.etag(), violations},
      [&](pqxx::work& tx, TipRecord& record, const std::string&) {
        if (!MayRecordOutcome(record.state)) return Illegal(record, "RecordTipOutcome");
        record.outcome = request.outcome();
        tips_.SetOutcome(tx, record);
        AppendTipEvent(context_, tx, record,
                       TipOutcomeRecordedEvent(record, runtime::TodayInShanghai()));
        return grpc::Status::OK;
      },
      response);
}

}  // namespace jindu::casework
