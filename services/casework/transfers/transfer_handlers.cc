#include "casework/transfers/transfer_handlers.h"

#include "casework/access/casework_roles.h"
#include "casework/assistance/pairing_ending.h"
#include "casework/cases/case_events.h"
#include "casework/cases/case_status_machine.h"
#include "casework/cases/case_validation.h"
#include "casework/intake/decision_registry.h"
#include "runtime/api/paging.h"
#include "runtime/api/request_checks.h"
#include "runtime/api/request_log.h"
#include "runtime/api/text_fields.h"
#include "runtime/ids/resource_ids.h"
#include "runtime/postgres/row_conversions.h"

namespace jindu::casework {
namespace {

constexpr const char* kTransferType = "jindu.casework.v1.CaseTransfer";
constexpr const char* kCaseType = "jindu.casework.v1.Case";

std::string TransferIdOrViolation(runtime::FieldViolations& violations, const std::string& name) {
  return runtime::CheckResourceName(violations, "name", name, "caseTransfers/", true);
}

grpc::Status NotPending(const TransferRecord& transfer, const char* method) {
  return runtime::FailedPreconditionError(
      common::v1::ILLEGAL_STATE_TRANSITION,
      std::string(method) + " is not allowed: the transfer is " +
          v1::CaseTransferState_Name(transfer.state)
              .substr(std::string("CASE_TRANSFER_STATE_").size()),
      CaseTransferName(transfer.id));
}

}  // namespace

TransferHandlers::TransferHandlers(CaseworkContext& context)
    : context_(context),
      opening_(context),
      cases_(context.schema(), context.personal_data.cipher),
      transfers_(context.schema(), context.personal_data.cipher) {}

TransferHandlers::Side TransferHandlers::SideOf(const runtime::CallerAccess& caller,
                                                const TransferRecord& transfer) const {
  const bool sending = caller.Covers(transfer.from_region_code);
  const bool receiving = caller.Covers(transfer.to_region_code);
  if (sending && receiving) return Side::kBoth;
  if (sending) return Side::kSending;
  if (receiving) return Side::kReceiving;
  return Side::kNone;
}

v1::CaseTransfer TransferHandlers::Present(const TransferRecord& transfer, Side side) const {
  v1::CaseTransfer result;
  result.set_name(CaseTransferName(transfer.id));
  const bool sending = side == Side::kSending || side == Side::kBoth;
  const bool receiving = side == Side::kReceiving || side == Side::kBoth;
  if (sending) {
    result.set_source_case(CaseName(transfer.source_case_id));
    result.set_from_region_code(transfer.from_region_code);
  }
  if (receiving && !transfer.target_case_id.empty()) {
    result.set_target_case(CaseName(transfer.target_case_id));
  }
  result.set_to_region_code(transfer.to_region_code);
  result.set_origin(transfer.origin);
  result.set_reason(transfer.reason);
  result.set_state(transfer.state);
  if (!transfer.decision_subject.empty()) {
    v1::TransferDecision* decision = result.mutable_decision();
    decision->set_subject(transfer.decision_subject);
    *decision->mutable_time() = runtime::TimestampFromMicros(transfer.decision_micros);
    decision->set_reason(transfer.decision_reason);
  }
  common::v1::AuditMetadata* audit = result.mutable_audit();
  *audit->mutable_create_time() = runtime::TimestampFromMicros(transfer.create_micros);
  *audit->mutable_update_time() = runtime::TimestampFromMicros(transfer.update_micros);
  audit->set_create_subject(transfer.create_subject);
  audit->set_update_subject(transfer.update_subject);
  audit->set_etag(std::to_string(transfer.revision));
  return result;
}

grpc::Status TransferHandlers::Create(const runtime::CallContext& call,
                                      const v1::CreateCaseTransferRequest& request,
                                      v1::CaseTransfer* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("CreateCaseTransfer", kCaseWriters); !status.ok()) {
    return status;
  }
  const v1::CaseTransfer& input = request.case_transfer();
  runtime::FieldViolations violations;
  const std::string case_id = runtime::CheckResourceName(violations, "case_transfer.source_case",
                                                         input.source_case(), "cases/", true);
  CheckResidenceRegion("case_transfer.to_region_code", input.to_region_code(), context_.regions,
                       &violations);
  runtime::CheckTextLength("case_transfer.reason", input.reason(), 0, kMaxReasonCharacters,
                           &violations);
  if (!violations.empty()) return violations.ToStatus();

  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  runtime::RequestLog log(tx, context_.schema(), "CreateCaseTransfer", request.request_id(),
                          request, call.principal().subject);
  if (!log.status().ok()) return log.status();
  if (log.Earlier().has_value()) {
    auto earlier = transfers_.Find(tx, *log.Earlier(), false);
    if (!earlier.has_value()) return runtime::NotFoundError(kTransferType, *log.Earlier());
    *response = Present(*earlier, SideOf(caller, *earlier));
    return grpc::Status::OK;
  }
  auto source = cases_.Find(tx, case_id, /*personal=*/false, /*lock=*/true);
  if (!source.has_value() || !caller.Covers(source->residence_region_code)) {
    return runtime::NotFoundError(kCaseType, input.source_case());
  }
  if (opening_.SameCounty(source->residence_region_code, input.to_region_code())) {
    return runtime::InvalidFieldError("case_transfer.to_region_code", common::v1::VALUE_NOT_ALLOWED,
                                      "must be in another county (a move inside the county is "
                                      "not a transfer)");
  }
  if (!IsOpenStatus(source->status)) {
    return runtime::FailedPreconditionError(
        common::v1::ILLEGAL_STATE_TRANSITION,
        "CreateCaseTransfer is not allowed: the case is " + StatusLabel(source->status),
        CaseName(source->id));
  }
  if (!source->pending_transfer_id.empty()) {
    return runtime::FailedPreconditionError(common::v1::TRANSFER_PENDING,
                                            "the case already has a pending transfer",
                                            CaseTransferName(source->pending_transfer_id));
  }
  TransferRecord transfer;
  transfer.id = runtime::NewResourceId();
  transfer.source_case_id = source->id;
  transfer.from_region_code = source->residence_region_code;
  transfer.to_region_code = input.to_region_code();
  transfer.origin = v1::CASE_TRANSFER_ORIGIN_SENDING_SIDE;
  transfer.reason = input.reason();
  transfer.create_subject = caller.subject();
  transfers_.Insert(tx, transfer, context_.regions.EnclosingPath(transfer.from_region_code),
                    context_.regions.EnclosingPath(transfer.to_region_code));
  source->pending_transfer_id = transfer.id;
  ++source->revision;
  source->update_subject = caller.subject();
  cases_.Update(tx, *source, {});
  log.Record(transfer.id);
  auto stored = transfers_.Find(tx, transfer.id, false);
  tx.commit();
  *response = Present(*stored, SideOf(caller, *stored));
  return grpc::Status::OK;
}

grpc::Status TransferHandlers::Get(const runtime::CallContext& call,
                                   const v1::GetCaseTransferRequest& request,
                                   v1::CaseTransfer* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("GetCaseTransfer", kCaseWriters); !status.ok()) {
    return status;
  }
  runtime::FieldViolations violations;
  const std::string id = TransferIdOrViolation(violations, request.name());
  if (!violations.empty()) return violations.ToStatus();
  auto connection = context_.resources.database.Acquire();
  pqxx::read_transaction tx(*connection);
  auto transfer = transfers_.Find(tx, id, false);
  const Side side = transfer.has_value() ? SideOf(caller, *transfer) : Side::kNone;
  if (side == Side::kNone) return runtime::NotFoundError(kTransferType, request.name());
  *response = Present(*transfer, side);
  return grpc::Status::OK;
}

grpc::Status TransferHandlers::List(const runtime::CallContext& call,
                                    const v1::ListCaseTransfersRequest& request,
                                    v1::ListCaseTransfersResponse* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("ListCaseTransfers", kCaseWriters); !status.ok()) {
    return status;
  }
  runtime::FieldViolations violations;
  if (!v1::CaseTransferDirection_IsValid(request.direction())) {
    violations.Add("direction", common::v1::VALUE_NOT_ALLOWED, "unknown direction");
  }
  if (!v1::CaseTransferState_IsValid(request.state())) {
    violations.Add("state", common::v1::VALUE_NOT_ALLOWED, "unknown state");
  }
  runtime::PageRequest page;
  if (auto status = runtime::ReadPageRequest(request, &page); !status.ok()) return status;
  if (!violations.empty()) return violations.ToStatus();
  std::optional<std::pair<int64_t, std::string>> after;
  if (!page.cursor.empty()) {
    std::vector<std::string> parts;
    int64_t micros = 0;
    if (!runtime::SplitCursor(page.cursor, 2, &parts) || !runtime::CursorToInt(parts[0], &micros) ||
        runtime::ResourceIdFromName("x/" + parts[1], "x/").empty()) {
      return runtime::InvalidPageTokenError();
    }
    after = std::make_pair(micros, parts[1]);
  }
  std::vector<std::string> regions;
  bool all = false;
  if (auto status = caller.ListScope("", "", &regions, &all); !status.ok()) return status;
  auto connection = context_.resources.database.Acquire();
  pqxx::read_transaction tx(*connection);
  TransferListFilter filter{
      .incoming_condition = runtime::RegionPathCondition(tx, "to_region_path", regions, all),
      .outgoing_condition = runtime::RegionPathCondition(tx, "from_region_path", regions, all),
      .direction = request.direction(),
      .state = request.state()};
  std::vector<TransferRecord> records = transfers_.List(tx, filter, after, page.page_size + 1);
  const bool more = static_cast<int>(records.size()) > page.page_size;
  if (more) records.resize(page.page_size);
  for (const TransferRecord& record : records) {
    *response->add_case_transfers() = Present(record, SideOf(caller, record));
  }
  if (more) {
    response->set_next_page_token(runtime::NextPageToken(
        request,
        runtime::JoinCursor({std::to_string(records.back().create_micros), records.back().id})));
  }
  return grpc::Status::OK;
}

grpc::Status TransferHandlers::LoadForDecision(pqxx::work& tx, const runtime::CallerAccess& caller,
                                               const std::string& name, const std::string& etag,
                                               bool deciding, const char* method,
                                               TransferRecord* transfer, Side* side) const {
  runtime::FieldViolations violations;
  const std::string id = TransferIdOrViolation(violations, name);
  if (!violations.empty()) return violations.ToStatus();
  auto found = transfers_.Find(tx, id, /*with_pending_decision=*/true, /*lock=*/true);
  *side = found.has_value() ? SideOf(caller, *found) : Side::kNone;
  if (*side == Side::kNone) return runtime::NotFoundError(kTransferType, name);
  if (!etag.empty() && etag != std::to_string(found->revision)) {
    return runtime::EtagMismatchError(name);
  }
  // The creating side is the sender for SENDING_SIDE transfers, the receiver otherwise.
  const bool caller_sends = *side == Side::kSending || *side == Side::kBoth;
  const bool caller_receives = *side == Side::kReceiving || *side == Side::kBoth;
  const bool creator_sends = found->origin == v1::CASE_TRANSFER_ORIGIN_SENDING_SIDE;
  const bool allowed = deciding ? (creator_sends ? caller_receives : caller_sends)
                                : (creator_sends ? caller_sends : caller_receives);
  if (!allowed) {
    return runtime::PermissionDeniedError(
        common::v1::REGION_OUT_OF_SCOPE,
        std::string(method) + ": only the " +
            (deciding ? "side that did not create" : "side that created") +
            " the transfer may do this");
  }
  if (found->state != v1::CASE_TRANSFER_STATE_PENDING) return NotPending(*found, method);
  *transfer = std::move(*found);
  return grpc::Status::OK;
}

void TransferHandlers::ReleaseSource(pqxx::work& tx, const TransferRecord& transfer,
                                     const std::string& subject) const {
  auto source = cases_.Find(tx, transfer.source_case_id, false, /*lock=*/true);
  if (!source.has_value() || source->pending_transfer_id != transfer.id) return;
  source->pending_transfer_id.clear();
  ++source->revision;
  source->update_subject = subject;
  cases_.Update(tx, *source, {});
}

grpc::Status TransferHandlers::Accept(const runtime::CallContext& call,
                                      const v1::AcceptCaseTransferRequest& request,
                                      v1::CaseTransfer* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("AcceptCaseTransfer", kCaseWriters); !status.ok()) {
    return status;
  }
  runtime::FieldViolations violations;
  runtime::CheckTextLength("reason", request.reason(), 0, kMaxReasonCharacters, &violations);
  if (!violations.empty()) return violations.ToStatus();
  const runtime::CivilDate today = runtime::TodayInShanghai();
  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  TransferRecord transfer;
  Side side = Side::kNone;
  if (auto status = LoadForDecision(tx, caller, request.name(), request.etag(), true,
                                    "AcceptCaseTransfer", &transfer, &side);
      !status.ok()) {
    return status;
  }
  auto source = cases_.Find(tx, transfer.source_case_id, /*personal=*/true, /*lock=*/true);
  if (!source.has_value() || !IsOpenStatus(source->status)) {
    return NotPending(transfer, "AcceptCaseTransfer");
  }
  opening_.LockPerson(tx, source->national_id_hash);

  // The sending case ends first: a person has one open case at a time.
  const v1::CaseStatus previous = source->status;
  source->status = *NextStatus(source->status, CaseTransition::kTransferOut);
  source->status_since = today;
  source->pending_transfer_id.clear();
  source->suspected_relapse = false;
  EndActivePairings(context_, tx, *source, "", v1::PAIRING_END_REASON_CASE_ENDED, today,
                    caller.subject());
  ++source->revision;
  source->update_subject = caller.subject();
  opening_.urine_test_schedule().ReconcileWithinChange(tx, *source, caller.subject());
  cases_.Update(tx, *source, {});
  cases_.AppendStatusChange(tx, source->id, source->revision, previous, source->status, today,
                            "transferred to " + transfer.to_region_code, caller.subject());
  AppendCaseEvent(context_, tx, *source, StatusChangedEvent(*source, previous, today));

  // The receiving county's case: the waiting decision's person and measure when a decision asked
  // for the transfer, the sending case's otherwise.
  ArrivingPerson arriving{.person = source->person,
                          .residence_region_code = transfer.to_region_code,
                          .measure = source->measure,
                          .assistance_category = source->assistance_category,
                          .transferred_from_case_id = source->id,
                          .transferred_from_region_code = source->residence_region_code,
                          .open_date = today};
  if (transfer.pending_decision.has_value()) {
    arriving.person = transfer.pending_decision->person();
    arriving.measure = MeasureOfDecision(*transfer.pending_decision);
  }
  CaseRecord target =
      opening_.Open(tx, arriving, caller.subject(), today, events::v1::OPENED_BY_TRANSFER);
  if (transfer.pending_decision.has_value()) {
    DecisionRegistry(context_).Record(tx, *transfer.pending_decision, target.id, transfer.id,
                                      caller.subject());
  }
  events::v1::CaseTransferred transferred;
  transferred.set_case_name(CaseName(source->id));
  transferred.set_target_case(CaseName(target.id));
  transferred.set_from_region_code(transfer.from_region_code);
  transferred.set_to_region_code(transfer.to_region_code);
  *transferred.mutable_effective_date() = runtime::ToProtoDate(today);
  AppendCaseEvent(context_, tx, *source, transferred);

  transfer.state = v1::CASE_TRANSFER_STATE_ACCEPTED;
  transfer.target_case_id = target.id;
  transfer.decision_subject = caller.subject();
  transfer.decision_reason = request.reason();
  ++transfer.revision;
  transfer.update_subject = caller.subject();
  transfers_.Update(tx, transfer);
  auto stored = transfers_.Find(tx, transfer.id, false);
  tx.commit();
  *response = Present(*stored, side);
  return grpc::Status::OK;
}

grpc::Status TransferHandlers::Reject(const runtime::CallContext& call,
                                      const v1::RejectCaseTransferRequest& request,
                                      v1::CaseTransfer* response) {
  return Conclude(call,
                  {.method = "RejectCaseTransfer",
                   .name = request.name(),
                   .etag = request.etag(),
                   .reason = request.reason(),
                   .reason_required = true,
                   .by_deciding_side = true,
                   .state = v1::CASE_TRANSFER_STATE_REJECTED},
                  response);
}

grpc::Status TransferHandlers::Cancel(const runtime::CallContext& call,
                                      const v1::CancelCaseTransferRequest& request,
                                      v1::CaseTransfer* response) {
  return Conclude(call,
                  {.method = "CancelCaseTransfer",
                   .name = request.name(),
                   .etag = request.etag(),
                   .reason = request.reason(),
                   .reason_required = false,
                   .by_deciding_side = false,
                   .state = v1::CASE_TRANSFER_STATE_CANCELLED},
                  response);
}

grpc::Status TransferHandlers::Conclude(const runtime::CallContext& call,
                                        const Conclusion& conclusion, v1::CaseTransfer* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole(conclusion.method, kCaseWriters); !status.ok()) {
    return status;
  }
  runtime::FieldViolations violations;
  runtime::CheckTextLength("reason", conclusion.reason, conclusion.reason_required ? 1 : 0,
                           kMaxReasonCharacters, &violations);
  if (!violations.empty()) return violations.ToStatus();
  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  TransferRecord transfer;
  Side side = Side::kNone;
  if (auto status =
          LoadForDecision(tx, caller, conclusion.name, conclusion.etag, conclusion.by_deciding_side,
                          conclusion.method, &transfer, &side);
      !status.ok()) {
    return status;
  }
  transfer.state = conclusion.state;
  transfer.decision_subject = caller.subject();
  transfer.decision_reason = conclusion.reason;
  ++transfer.revision;
  transfer.update_subject = caller.subject();
  transfers_.Update(tx, transfer);
  ReleaseSource(tx, transfer, caller.subject());
  auto stored = transfers_.Find(tx, transfer.id, false);
  tx.commit();
  *response = Present(*stored, side);
  return grpc::Status::OK;
}

}  // namespace jindu::casework
