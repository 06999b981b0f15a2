#include "casework/assistance/pairing_handlers.h"

#include "casework/access/casework_roles.h"
#include "casework/cases/case_events.h"
#include "casework/cases/case_status_machine.h"
#include "jindu/registration/v1/volunteer.pb.h"
#include "runtime/api/paging.h"
#include "runtime/api/request_checks.h"
#include "runtime/api/request_log.h"
#include "runtime/ids/resource_ids.h"
#include "runtime/postgres/row_conversions.h"

namespace jindu::casework {
namespace {

constexpr const char* kCaseType = "jindu.casework.v1.Case";
constexpr const char* kPairingType = "jindu.casework.v1.Pairing";

// "cases/{case}/pairings/{pairing}" -> {case, pairing}; empty ids with a violation otherwise.
std::pair<std::string, std::string> SplitPairingName(runtime::FieldViolations& violations,
                                                     const std::string& field,
                                                     const std::string& name) {
  const size_t separator = name.find("/pairings/");
  if (separator == std::string::npos) {
    violations.Add(field, name.empty() ? common::v1::FIELD_REQUIRED : common::v1::FIELD_MALFORMED,
                   "expected cases/{case}/pairings/{pairing}");
    return {};
  }
  std::string case_id =
      runtime::CheckResourceName(violations, field, name.substr(0, separator), "cases/", true);
  std::string pairing_id = runtime::ResourceIdFromName(name.substr(separator + 1), "pairings/");
  if (pairing_id.empty() && !case_id.empty()) {
    violations.Add(field, common::v1::FIELD_MALFORMED, "expected cases/{case}/pairings/{pairing}");
  }
  return {case_id, pairing_id};
}

}  // namespace

v1::Pairing PresentPairing(const PairingRecord& record) {
  v1::Pairing pairing;
  pairing.set_name(PairingName(record.case_id, record.id));
  pairing.set_volunteer("volunteers/" + record.volunteer_id);
  *pairing.mutable_start_date() = runtime::ToProtoDate(record.start_date);
  if (record.end_date.has_value())
    *pairing.mutable_end_date() = runtime::ToProtoDate(*record.end_date);
  pairing.set_state(record.state);
  pairing.set_end_reason(record.end_reason);
  common::v1::AuditMetadata* audit = pairing.mutable_audit();
  *audit->mutable_create_time() = runtime::TimestampFromMicros(record.create_micros);
  *audit->mutable_update_time() = runtime::TimestampFromMicros(record.update_micros);
  audit->set_create_subject(record.create_subject);
  audit->set_update_subject(record.update_subject);
  audit->set_etag(std::to_string(record.revision));
  return pairing;
}

PairingHandlers::PairingHandlers(CaseworkContext& context)
    : context_(context),
      cases_(context.schema(), context.personal_data.cipher),
      pairings_(context.schema()) {}

grpc::Status PairingHandlers::Create(const runtime::CallContext& call,
                                     const v1::CreatePairingRequest& request,
                                     v1::Pairing* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("CreatePairing", kCaseworkers); !status.ok()) return status;
  runtime::FieldViolations violations;
  const std::string case_id =
      runtime::CheckResourceName(violations, "parent", request.parent(), "cases/", true);
  const std::string volunteer_id = runtime::CheckResourceName(
      violations, "pairing.volunteer", request.pairing().volunteer(), "volunteers/", true);
  auto start =
      runtime::CheckPastDate(violations, "pairing.start_date", request.pairing().has_start_date(),
                             request.pairing().start_date());
  if (!violations.empty()) return violations.ToStatus();

  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  runtime::RequestLog log(tx, context_.schema(), "CreatePairing", request.request_id(), request,
                          call.principal().subject);
  if (!log.status().ok()) return log.status();
  if (log.Earlier().has_value()) {
    auto earlier = pairings_.Find(tx, case_id, *log.Earlier());
    if (!earlier.has_value()) return runtime::NotFoundError(kPairingType, *log.Earlier());
    *response = PresentPairing(*earlier);
    return grpc::Status::OK;
  }
  auto record = cases_.Find(tx, case_id, /*personal=*/false, /*lock=*/true);
  if (!record.has_value() || !caller.Covers(record->residence_region_code)) {
    return runtime::NotFoundError(kCaseType, request.parent());
  }
  if (!IsOpenStatus(record->status)) {
    return runtime::FailedPreconditionError(
        common::v1::ILLEGAL_STATE_TRANSITION,
        "CreatePairing is not allowed: the case is " + StatusLabel(record->status),
        CaseName(record->id));
  }
  auto volunteer = pairings_.FindVolunteer(tx, volunteer_id);
  if (!volunteer.has_value() || volunteer->state != registration::v1::VOLUNTEER_STATE_ACTIVE) {
    return runtime::FailedPreconditionError(
        common::v1::VOLUNTEER_NOT_ACTIVE,
        "pairing.volunteer: only volunteers active in registration can be paired",
        request.pairing().volunteer());
  }
  if (pairings_.ActivePairingExists(tx, case_id, volunteer_id)) {
    return runtime::AlreadyExistsError(common::v1::RESOURCE_ALREADY_EXISTS,
                                       "the volunteer is already paired with this case");
  }
  PairingRecord pairing{.id = runtime::NewResourceId(),
                        .case_id = case_id,
                        .volunteer_id = volunteer_id,
                        .start_date = *start,
                        .create_subject = caller.subject(),
                        .update_subject = caller.subject()};
  pairings_.Insert(tx, pairing, record->residence_region_code,
                   context_.regions.EnclosingPath(record->residence_region_code));
  ++record->active_pairing_count;
  ++record->revision;
  record->update_subject = caller.subject();
  cases_.Update(tx, *record, {});
  events::v1::CasePaired event;
  event.set_case_name(CaseName(case_id));
  event.set_pairing(PairingName(case_id, pairing.id));
  event.set_volunteer(request.pairing().volunteer());
  *event.mutable_start_date() = runtime::ToProtoDate(*start);
  AppendCaseEvent(context_, tx, *record, event);
  log.Record(pairing.id);
  auto stored = pairings_.Find(tx, case_id, pairing.id);
  tx.commit();
  *response = PresentPairing(*stored);
  return grpc::Status::OK;
}

grpc::Status PairingHandlers::List(const runtime::CallContext& call,
                                   const v1::ListPairingsRequest& request,
                                   v1::ListPairingsResponse* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("ListPairings", kCaseRoles); !status.ok()) return status;
  runtime::FieldViolations violations;
  PairingListFilter filter;
  if (request.parent() != "cases/-") {
    filter.case_id =
        runtime::CheckResourceName(violations, "parent", request.parent(), "cases/", true);
  }
  filter.volunteer_id = runtime::CheckResourceName(violations, "volunteer", request.volunteer(),
                                                   "volunteers/", false);
  if (!v1::PairingState_IsValid(request.state())) {
    violations.Add("state", common::v1::VALUE_NOT_ALLOWED, "unknown state");
  }
  filter.state = request.state();
  runtime::PageRequest page;
  if (auto status = runtime::ReadPageRequest(request, &page); !status.ok()) return status;
  if (!violations.empty()) return violations.ToStatus();
  std::optional<std::pair<int64_t, std::string>> after;
  if (!page.cursor.empty()) {
    std::vector<std::string> parts;
    int64_t micros = 0;
    if (!runtime::SplitCursor(page.cursor, 2, &parts) || !runtime::CursorToInt(parts[0], &micros)) {
      return runtime::InvalidPageTokenError();
    }
    after = std::make_pair(micros, parts[1]);
  }
  auto connection = context_.resources.database.Acquire();
  pqxx::read_transaction tx(*connection);
  if (!filter.case_id.empty()) {
    auto record = cases_.Find(tx, filter.case_id, /*personal=*/false);
    if (!record.has_value() || !caller.Covers(record->residence_region_code)) {
      return runtime::NotFoundError(kCaseType, request.parent());
    }
  } else {
    std::vector<std::string> regions;
    bool all = false;
    if (auto status = caller.ListScope("", "", &regions, &all); !status.ok()) return status;
    filter.region_condition = runtime::RegionPathCondition(tx, "region_path", regions, all);
  }
  std::vector<PairingRecord> records = pairings_.List(tx, filter, after, page.page_size + 1);
  const bool more = static_cast<int>(records.size()) > page.page_size;
  if (more) records.resize(page.page_size);
  for (const PairingRecord& record : records) *response->add_pairings() = PresentPairing(record);
  if (more) {
    response->set_next_page_token(runtime::NextPageToken(
        request,
        runtime::JoinCursor({std::to_string(records.back().create_micros), records.back().id})));
  }
  return grpc::Status::OK;
}

grpc::Status PairingHandlers::End(const runtime::CallContext& call,
                                  const v1::EndPairingRequest& request, v1::Pairing* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("EndPairing", kCaseworkers); !status.ok()) return status;
  runtime::FieldViolations violations;
  const auto [case_id, pairing_id] = SplitPairingName(violations, "name", request.name());
  const runtime::CivilDate today = runtime::TodayInShanghai();
  std::optional<runtime::CivilDate> end;
  if (!request.has_end_date()) {
    violations.Add("end_date", common::v1::FIELD_REQUIRED, "the first day after the pairing");
  } else if (!runtime::IsValidCivilDate(request.end_date().year(), request.end_date().month(),
                                        request.end_date().day())) {
    violations.Add("end_date", common::v1::FIELD_MALFORMED, "not a real calendar date");
  } else if (runtime::FromProtoDate(request.end_date()) > runtime::AddDays(today, 1)) {
    violations.Add("end_date", common::v1::DATE_IN_FUTURE, "at most tomorrow");
  } else {
    end = runtime::FromProtoDate(request.end_date());
  }
  if (request.end_reason() != v1::PAIRING_END_REASON_REASSIGNED &&
      request.end_reason() != v1::PAIRING_END_REASON_OTHER) {
    violations.Add("end_reason", common::v1::VALUE_NOT_ALLOWED, "REASSIGNED or OTHER");
  }
  if (!violations.empty()) return violations.ToStatus();

  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  auto record = cases_.Find(tx, case_id, /*personal=*/false, /*lock=*/true);
  auto pairing =
      record.has_value() ? pairings_.Find(tx, case_id, pairing_id, /*lock=*/true) : std::nullopt;
  if (!pairing.has_value() || !caller.Covers(record->residence_region_code)) {
    return runtime::NotFoundError(kPairingType, request.name());
  }
  if (!request.etag().empty() && request.etag() != std::to_string(pairing->revision)) {
    return runtime::EtagMismatchError(request.name());
  }
  if (pairing->state != v1::PAIRING_STATE_ACTIVE) {
    return runtime::FailedPreconditionError(common::v1::ILLEGAL_STATE_TRANSITION,
                                            "EndPairing is not allowed: the pairing has ended",
                                            request.name());
  }
  if (!(*end > pairing->start_date)) {
    return runtime::InvalidFieldError("end_date", common::v1::END_BEFORE_START,
                                      "must be after the pairing's start_date");
  }
  pairing->end_date = end;
  pairing->state = v1::PAIRING_STATE_ENDED;
  pairing->end_reason = request.end_reason();
  ++pairing->revision;
  pairing->update_subject = caller.subject();
  pairings_.Update(tx, *pairing);
  record->active_pairing_count = std::max(0, record->active_pairing_count - 1);
  ++record->revision;
  record->update_subject = caller.subject();
  cases_.Update(tx, *record, {});
  events::v1::CaseUnpaired event;
  event.set_case_name(CaseName(case_id));
  event.set_pairing(request.name());
  event.set_volunteer("volunteers/" + pairing->volunteer_id);
  *event.mutable_end_date() = runtime::ToProtoDate(*end);
  event.set_end_reason(request.end_reason());
  AppendCaseEvent(context_, tx, *record, event);
  auto stored = pairings_.Find(tx, case_id, pairing_id);
  tx.commit();
  *response = PresentPairing(*stored);
  return grpc::Status::OK;
}

}  // namespace jindu::casework
