#include "casework/cases/case_transition_handlers.h"

#include "casework/access/casework_roles.h"
#include "casework/assistance/pairing_ending.h"
#include "casework/audit/access_audit_log.h"
#include "casework/cases/case_events.h"
#include "casework/cases/case_presentation.h"
#include "casework/cases/case_status_machine.h"
#include "casework/cases/case_validation.h"
#include "runtime/api/request_checks.h"
#include "runtime/api/text_fields.h"
#include "runtime/postgres/row_conversions.h"

namespace jindu::casework {
namespace {

constexpr const char* kCaseType = "jindu.casework.v1.Case";

grpc::Status Illegal(const CaseRecord& record, const char* method) {
  return runtime::FailedPreconditionError(
      common::v1::ILLEGAL_STATE_TRANSITION,
      std::string(method) + " is not allowed: the case is " + StatusLabel(record.status),
      CaseName(record.id));
}

// Moves the record to the status `transition` leads to, or answers ILLEGAL_STATE_TRANSITION.
grpc::Status Move(CaseRecord& record, CaseTransition transition, const char* method) {
  auto next = NextStatus(record.status, transition);
  if (!next.has_value()) return Illegal(record, method);
  record.status = *next;
  return grpc::Status::OK;
}

runtime::CivilDate DateOr(std::optional<runtime::CivilDate> date) {
  return date.value_or(runtime::TodayInShanghai());
}

}  // namespace

CaseTransitionHandlers::CaseTransitionHandlers(CaseworkContext& context)
    : context_(context),
      cases_(context.schema(), context.personal_data.cipher),
      opening_(context) {}

grpc::Status CaseTransitionHandlers::Run(const runtime::CallContext& call,
                                         TransitionCall transition, const Change& change,
                                         v1::Case* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  const bool report = std::string_view(transition.method) == "RecordMeasureReport";
  if (auto status =
          caller.RequireRole(transition.method, report ? kCaseWriters : kPersonalDataReaders);
      !status.ok()) {
    return status;
  }
  const std::string id =
      runtime::CheckResourceName(transition.violations, "name", transition.name, "cases/", true);
  if (!transition.violations.empty()) return transition.violations.ToStatus();

  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  auto record = cases_.Find(tx, id, /*personal=*/false, /*lock=*/true);
  if (!record.has_value()) return runtime::NotFoundError(kCaseType, transition.name);
  if (!caller.Covers(record->residence_region_code)) {
    AppendAccessAudit(
        tx, context_.schema(), caller, call,
        {.method = std::string("/jindu.casework.v1.CaseworkService/") + transition.method,
         .resource = CaseName(id),
         .person_pseudonym = record->person_pseudonym,
         .region_code = record->residence_region_code,
         .region_path = context_.regions.EnclosingPath(record->residence_region_code),
         .denied = true});
    tx.commit();
    return runtime::NotFoundError(kCaseType, transition.name);
  }
  if (!transition.etag.empty() && transition.etag != std::to_string(record->revision)) {
    return runtime::EtagMismatchError(transition.name);
  }
  const v1::CaseStatus previous = record->status;
  record->update_subject = caller.subject();
  if (auto status = change(tx, *record); !status.ok()) return status;
  ++record->revision;
  if (record->status != previous) record->status_since = transition.effective_date;
  opening_.urine_test_schedule().ReconcileWithinChange(tx, *record, caller.subject());
  cases_.Update(tx, *record, {});
  if (record->status != previous) {
    cases_.AppendStatusChange(tx, record->id, record->revision, previous, record->status,
                              transition.effective_date, transition.reason, caller.subject());
    AppendCaseEvent(context_, tx, *record,
                    StatusChangedEvent(*record, previous, transition.effective_date));
  }
  auto updated = cases_.Find(tx, id, /*personal=*/false);
  tx.commit();
  *response = PresentCase(*updated, context_, caller, runtime::TodayInShanghai(),
                          {.sensitive_flags = !report});
  return grpc::Status::OK;
}

grpc::Status CaseTransitionHandlers::ReportLostContact(const runtime::CallContext& call,
                                                       const v1::ReportLostContactRequest& request,
                                                       v1::Case* response) {
  runtime::FieldViolations violations;
  auto since = runtime::CheckPastDate(violations, "since_date", request.has_since_date(),
                                      request.since_date());
  runtime::CheckTextLength("reason", request.reason(), 1, kMaxReasonCharacters, &violations);
  return Run(
      call,
      {"ReportLostContact", request.name(), request.etag(), violations, DateOr(since),
       request.reason()},
      [&](pqxx::work&, CaseRecord& record) {
        return Move(record, CaseTransition::kReportLostContact, "ReportLostContact");
      },
      response);
}

grpc::Status CaseTransitionHandlers::RestoreContact(const runtime::CallContext& call,
                                                    const v1::RestoreContactRequest& request,
                                                    v1::Case* response) {
  runtime::FieldViolations violations;
  auto restored = runtime::CheckPastDate(violations, "restored_date", request.has_restored_date(),
                                         request.restored_date());
  runtime::CheckTextLength("reason", request.reason(), 1, kMaxReasonCharacters, &violations);
  return Run(
      call,
      {"RestoreContact", request.name(), request.etag(), violations, DateOr(restored),
       request.reason()},
      [&](pqxx::work&, CaseRecord& record) {
        if (auto status = Move(record, CaseTransition::kRestoreContact, "RestoreContact");
            !status.ok()) {
          return status;
        }
        // Restoring contact means someone reached the person that day.
        if (restored &&
            (!record.last_reached_contact_date || *record.last_reached_contact_date < *restored)) {
          record.last_reached_contact_date = restored;
        }
        return grpc::Status::OK;
      },
      response);
}

grpc::Status CaseTransitionHandlers::ConfirmRelapse(const runtime::CallContext& call,
                                                    const v1::ConfirmRelapseRequest& request,
                                                    v1::Case* response) {
  runtime::FieldViolations violations;
  auto relapse = runtime::CheckPastDate(violations, "relapse_date", request.has_relapse_date(),
                                        request.relapse_date());
  runtime::CheckTextLength("reason", request.reason(), 1, kMaxDecisionReasonCharacters,
                           &violations);
  return Run(
      call,
      {"ConfirmRelapse", request.name(), request.etag(), violations, DateOr(relapse),
       request.reason()},
      [&](pqxx::work&, CaseRecord& record) {
        if (auto status = Move(record, CaseTransition::kConfirmRelapse, "ConfirmRelapse");
            !status.ok()) {
          return status;
        }
        record.suspected_relapse = false;
        record.last_relapse_date = relapse;
        return grpc::Status::OK;
      },
      response);
}

grpc::Status CaseTransitionHandlers::DismissSuspectedRelapse(
    const runtime::CallContext& call, const v1::DismissSuspectedRelapseRequest& request,
    v1::Case* response) {
  runtime::FieldViolations violations;
  runtime::CheckTextLength("reason", request.reason(), 1, kMaxDecisionReasonCharacters,
                           &violations);
  return Run(
      call,
      {"DismissSuspectedRelapse", request.name(), request.etag(), violations,
       runtime::TodayInShanghai(), request.reason()},
      [&](pqxx::work&, CaseRecord& record) {
        if (!record.suspected_relapse) {
          return runtime::FailedPreconditionError(
              common::v1::ILLEGAL_STATE_TRANSITION,
              "DismissSuspectedRelapse is not allowed: no suspected relapse awaits a "
              "decision",
              CaseName(record.id));
        }
        record.suspected_relapse = false;
        return grpc::Status::OK;
      },
      response);
}

grpc::Status CaseTransitionHandlers::ConfirmAbstinence(const runtime::CallContext& call,
                                                       const v1::ConfirmAbstinenceRequest& request,
                                                       v1::Case* response) {
  runtime::FieldViolations violations;
  auto confirmed = runtime::CheckPastDate(violations, "confirmed_date",
                                          request.has_confirmed_date(), request.confirmed_date());
  runtime::CheckTextLength("reason", request.reason(), 0, kMaxReasonCharacters, &violations);
  return Run(
      call,
      {"ConfirmAbstinence", request.name(), request.etag(), violations, DateOr(confirmed),
       request.reason()},
      [&](pqxx::work&, CaseRecord& record) {
        const runtime::CivilDate eligible =
            AbstinenceEligibleFrom(record.open_date, record.last_relapse_date);
        if (record.status == v1::CASE_STATUS_ACTIVE && DateOr(confirmed) < eligible) {
          return runtime::FailedPreconditionError(
              common::v1::ILLEGAL_STATE_TRANSITION,
              "ConfirmAbstinence is not allowed before " + runtime::FormatIsoDate(eligible) +
                  ": three years must pass since the case opened or the last relapse",
              CaseName(record.id));
        }
        return Move(record, CaseTransition::kConfirmAbstinence, "ConfirmAbstinence");
      },
      response);
}

grpc::Status CaseTransitionHandlers::Close(const runtime::CallContext& call,
                                           const v1::CloseCaseRequest& request,
                                           v1::Case* response) {
  runtime::FieldViolations violations;
  if (request.close_reason() == v1::CLOSE_REASON_UNSPECIFIED ||
      !v1::CloseReason_IsValid(request.close_reason())) {
    violations.Add("close_reason", common::v1::FIELD_REQUIRED, "why the case closes");
  }
  auto closed = runtime::CheckPastDate(violations, "close_date", request.has_close_date(),
                                       request.close_date());
  runtime::CheckTextLength("reason", request.reason(),
                           request.close_reason() == v1::CLOSE_REASON_OTHER ? 1 : 0,
                           kMaxReasonCharacters, &violations);
  return Run(
      call,
      {"CloseCase", request.name(), request.etag(), violations, DateOr(closed), request.reason()},
      [&](pqxx::work& tx, CaseRecord& record) {
        if (auto status = Move(record, CaseTransition::kClose, "CloseCase"); !status.ok()) {
          return status;
        }
        record.close_reason = request.close_reason();
        EndActivePairings(context_, tx, record, "", v1::PAIRING_END_REASON_CASE_ENDED,
                          DateOr(closed), record.update_subject);
        record.suspected_relapse = false;
        // A pending transfer of a closed case is cancelled.
        if (!record.pending_transfer_id.empty()) {
          tx.exec_params("UPDATE " + context_.schema() +
                             ".case_transfers SET state = 4, update_time = now(), "
                             "revision = revision + 1 WHERE case_transfer_id = $1",
                         record.pending_transfer_id);
          record.pending_transfer_id.clear();
        }
        return grpc::Status::OK;
      },
      response);
}

grpc::Status CaseTransitionHandlers::RecordMeasureReport(
    const runtime::CallContext& call, const v1::RecordMeasureReportRequest& request,
    v1::Case* response) {
  runtime::FieldViolations violations;
  auto reported = runtime::CheckPastDate(violations, "reported_date", request.has_reported_date(),
                                         request.reported_date());
  return Run(
      call,
      {"RecordMeasureReport", request.name(), request.etag(), violations, DateOr(reported), ""},
      [&](pqxx::work& tx, CaseRecord& record) {
        if (record.measure.type() == v1::MEASURE_TYPE_NONE || !IsOpenStatus(record.status)) {
          return runtime::FailedPreconditionError(
              common::v1::ILLEGAL_STATE_TRANSITION,
              "RecordMeasureReport is not allowed: the case has no current measure",
              CaseName(record.id));
        }
        if (record.measure.has_start_date() &&
            *reported < runtime::FromProtoDate(record.measure.start_date())) {
          return runtime::InvalidFieldError("reported_date", common::v1::END_BEFORE_START,
                                            "must not be before the measure's start_date");
        }
        *record.measure.mutable_reported_date() = runtime::ToProtoDate(*reported);
        events::v1::MeasureReported event;
        event.set_case_name(CaseName(record.id));
        event.set_measure_type(record.measure.type());
        *event.mutable_reported_date() = runtime::ToProtoDate(*reported);
        AppendCaseEvent(context_, tx, record, event);
        return grpc::Status::OK;
      },
      response);
}

}  // namespace jindu::casework
