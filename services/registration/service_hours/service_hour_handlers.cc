#include "registration/service_hours/service_hour_handlers.h"

#include "registration/access/visible_regions.h"
#include "registration/service_hours/daily_service_limit.h"
#include "registration/service_hours/service_hour_events.h"
#include "runtime/api/paging.h"
#include "runtime/api/request_checks.h"
#include "runtime/api/request_log.h"
#include "runtime/api/text_fields.h"
#include "runtime/ids/resource_ids.h"
#include "runtime/postgres/row_conversions.h"

namespace jindu::registration {
namespace {

using common::v1::FIELD_REQUIRED;
using common::v1::ILLEGAL_STATE_TRANSITION;
using common::v1::REFERENCE_NOT_FOUND;
using common::v1::VALUE_NOT_ALLOWED;
using v1::SERVICE_HOUR_SOURCE_ORGANIZER_ENTERED;
using v1::SERVICE_HOUR_SOURCE_SELF_DECLARED;
using v1::SERVICE_HOUR_STATE_CONFIRMED;
using v1::SERVICE_HOUR_STATE_PENDING_CONFIRMATION;
using v1::SERVICE_HOUR_STATE_REJECTED;
using v1::SERVICE_HOUR_STATE_REVIEW_REQUIRED;

constexpr const char* kRecordType = "jindu.registration.v1.ServiceHourRecord";
constexpr const char* kRecordPrefix = "serviceHourRecords/";
constexpr size_t kMaxDescriptionCharacters = 500;

bool AwaitsOrganizer(v1::ServiceHourState state) {
  return state == SERVICE_HOUR_STATE_PENDING_CONFIRMATION ||
         state == SERVICE_HOUR_STATE_REVIEW_REQUIRED;
}

grpc::Status IllegalTransition(const StoredRecord& record, const std::string& wanted) {
  return runtime::FailedPreconditionError(
      ILLEGAL_STATE_TRANSITION,
      "the record is " + v1::ServiceHourState_Name(record.record.state()) + "; " + wanted,
      record.record.name());
}

}  // namespace

grpc::Status ServiceHourHandlers::LoadForChange(pqxx::work& tx, const runtime::CallerAccess& caller,
                                                const std::string& record_id,
                                                const std::string& name, const std::string& etag,
                                                StoredRecord* record) const {
  auto stored = store_.Get(tx, record_id, /*for_update=*/true);
  if (!stored.has_value() || !caller.Covers(stored->organizer_region_code)) {
    return runtime::NotFoundError(kRecordType, name);
  }
  if (!etag.empty() && etag != stored->record.audit().etag()) {
    return runtime::EtagMismatchError(name);
  }
  *record = std::move(*stored);
  return grpc::Status::OK;
}

grpc::Status ServiceHourHandlers::Create(const runtime::CallContext& call,
                                         const v1::CreateServiceHourRecordRequest& request,
                                         v1::ServiceHourRecord* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("CreateServiceHourRecord", kStaffAndSystem); !status.ok()) {
    return status;
  }
  const v1::ServiceHourRecord& record = request.service_hour_record();
  runtime::FieldViolations violations;
  if (request.source() != SERVICE_HOUR_SOURCE_ORGANIZER_ENTERED &&
      request.source() != SERVICE_HOUR_SOURCE_SELF_DECLARED) {
    violations.Add("source", VALUE_NOT_ALLOWED,
                   "ORGANIZER_ENTERED or SELF_DECLARED (publicity hours come from events)");
  }
  const std::string volunteer_id = runtime::CheckResourceName(
      violations, "service_hour_record.volunteer", record.volunteer(), "volunteers/", true);
  const std::string organizer_id = runtime::CheckResourceName(
      violations, "service_hour_record.organizer", record.organizer(), "organizations/", true);
  auto work_date = runtime::CheckPastDate(violations, "service_hour_record.work_date",
                                          record.has_work_date(), record.work_date());
  runtime::CheckMinutes(violations, "service_hour_record.minutes", record.minutes());
  runtime::CheckTextLength("service_hour_record.description", record.description(), 0,
                           kMaxDescriptionCharacters, &violations);
  if (!violations.empty()) return violations.ToStatus();
  const bool organizer_entered = request.source() == SERVICE_HOUR_SOURCE_ORGANIZER_ENTERED;
  // Hours that count at once are the organiser's own word: staff only.
  if (organizer_entered) {
    if (auto status = caller.RequireRole("CreateServiceHourRecord (ORGANIZER_ENTERED)", kStaff);
        !status.ok()) {
      return status;
    }
  }

  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  runtime::RequestLog log(tx, context_.schema(), "CreateServiceHourRecord", request.request_id(),
                          request, call.principal().subject);
  if (!log.status().ok()) return log.status();
  if (log.Earlier().has_value()) {
    auto earlier = store_.Get(tx, runtime::ResourceIdFromName(*log.Earlier(), kRecordPrefix));
    if (!earlier.has_value() || !caller.Covers(earlier->organizer_region_code)) {
      return runtime::NotFoundError(kRecordType, *log.Earlier());
    }
    *response = std::move(earlier->record);
    return grpc::Status::OK;
  }
  auto organizer = participants_.Organizer(tx, organizer_id);
  if (!organizer.has_value()) {
    return runtime::InvalidFieldError("service_hour_record.organizer", REFERENCE_NOT_FOUND,
                                      "no such organisation");
  }
  if (auto status =
          caller.RequireNamedRegion("service_hour_record.organizer", organizer->region_code);
      !status.ok()) {
    return status;
  }
  auto volunteer = participants_.Volunteer(tx, volunteer_id);
  if (!volunteer.has_value() || !MayBeRecorded(volunteer->state)) {
    return runtime::InvalidFieldError("service_hour_record.volunteer", REFERENCE_NOT_FOUND,
                                      kUnusableVolunteer);
  }
  NewRecord new_record{.record_id = runtime::NewResourceId(),
                       .volunteer_id = volunteer_id,
                       .organizer_id = organizer_id,
                       .work_date = *work_date,
                       .minutes = record.minutes(),
                       .description = record.description(),
                       .source = request.source(),
                       .state = SERVICE_HOUR_STATE_PENDING_CONFIRMATION};
  if (organizer_entered) {
    if (!FitsInDay(tx, store_, volunteer_id, *work_date, record.minutes(), "")) {
      return DailyServiceHoursExceededError(*work_date);
    }
    new_record.state = SERVICE_HOUR_STATE_CONFIRMED;
    new_record.decision_subject = caller.subject();
    new_record.event_version = 1;
  }
  store_.Insert(tx, new_record, caller.subject());
  StoredRecord stored = *store_.Get(tx, new_record.record_id);
  if (organizer_entered) AppendServiceHoursConfirmed(tx, context_.outbox, stored, false);
  log.Record(stored.record.name());
  tx.commit();
  *response = std::move(stored.record);
  return grpc::Status::OK;
}

grpc::Status ServiceHourHandlers::Get(const runtime::CallContext& call,
                                      const v1::GetServiceHourRecordRequest& request,
                                      v1::ServiceHourRecord* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("GetServiceHourRecord", kStaffAndSystem); !status.ok()) {
    return status;
  }
  runtime::FieldViolations violations;
  const std::string record_id =
      runtime::CheckResourceName(violations, "name", request.name(), kRecordPrefix, true);
  if (!violations.empty()) return violations.ToStatus();
  auto connection = context_.resources.database.Acquire();
  pqxx::read_transaction tx(*connection);
  auto stored = store_.Get(tx, record_id);
  if (!stored.has_value() || !caller.Covers(stored->organizer_region_code)) {
    return runtime::NotFoundError(kRecordType, request.name());
  }
  *response = std::move(stored->record);
  return grpc::Status::OK;
}

grpc::Status ServiceHourHandlers::List(const runtime::CallContext& call,
                                       const v1::ListServiceHourRecordsRequest& request,
                                       v1::ListServiceHourRecordsResponse* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("ListServiceHourRecords", kStaffAndSystem); !status.ok()) {
    return status;
  }
  runtime::FieldViolations violations;
  RecordFilter filter;
  filter.volunteer_id = runtime::CheckResourceName(violations, "volunteer", request.volunteer(),
                                                   "volunteers/", false);
  filter.organizer_id = runtime::CheckResourceName(violations, "organizer", request.organizer(),
                                                   "organizations/", false);
  for (int i = 0; i < request.states_size(); ++i) {
    const auto state = request.states(i);
    if (state == v1::SERVICE_HOUR_STATE_UNSPECIFIED || !v1::ServiceHourState_IsValid(state)) {
      violations.Add("states[" + std::to_string(i) + "]", VALUE_NOT_ALLOWED,
                     "must be a record state other than UNSPECIFIED");
    }
    filter.states.push_back(state);
  }
  if (auto range = runtime::CheckDateRangeFilter(violations, "date_range", request.has_date_range(),
                                                 request.date_range());
      range.has_value()) {
    filter.from = range->start;
    filter.until = range->end;
  }
  runtime::PageRequest page;
  if (auto status = runtime::ReadPageRequest(request, &page); !status.ok()) return status;
  if (!violations.empty()) return violations.ToStatus();
  std::optional<RecordCursor> after;
  if (!page.cursor.empty()) {
    std::vector<std::string> parts;
    std::optional<runtime::CivilDate> date;
    RecordCursor cursor;
    if (!runtime::SplitCursor(page.cursor, 2, &parts) ||
        !(date = runtime::ParseIsoDate(parts[0])).has_value() ||
        !runtime::CursorToInt(parts[1], &cursor.seq)) {
      return runtime::InvalidPageTokenError();
    }
    cursor.work_date = *date;
    after = cursor;
  }
  auto connection = context_.resources.database.Acquire();
  pqxx::read_transaction tx(*connection);
  filter.region_codes =
      VisibleRegionCodes(store_.OrganizerRegions(tx), caller, context_.regions, "");
  if (filter.region_codes.empty()) return grpc::Status::OK;
  auto records = store_.List(tx, filter, after, page.page_size + 1);
  const bool more = static_cast<int>(records.size()) > page.page_size;
  if (more) records.pop_back();
  for (auto& stored : records) *response->add_service_hour_records() = std::move(stored.record);
  if (more) {
    const StoredRecord& last = records.back();
    response->set_next_page_token(runtime::NextPageToken(
        request,
        runtime::JoinCursor({runtime::FormatIsoDate(last.work_date), std::to_string(last.seq)})));
  }
  return grpc::Status::OK;
}

grpc::Status ServiceHourHandlers::Decide(const runtime::CallerAccess& caller,
                                         const std::string& record_id, const std::string& name,
                                         const std::string& etag, v1::ServiceHourState decision,
                                         const std::string& reason,
                                         v1::ServiceHourRecord* response) {
  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  StoredRecord stored;
  if (auto status = LoadForChange(tx, caller, record_id, name, etag, &stored); !status.ok()) {
    return status;
  }
  if (!AwaitsOrganizer(stored.record.state())) {
    return IllegalTransition(
        stored,
        "only PENDING_CONFIRMATION or REVIEW_REQUIRED records can be " +
            std::string(decision == SERVICE_HOUR_STATE_CONFIRMED ? "confirmed" : "rejected"));
  }
  int64_t event_version = stored.event_version;
  if (decision == SERVICE_HOUR_STATE_CONFIRMED) {
    if (!FitsInDay(tx, store_, stored.volunteer_id, stored.work_date, stored.record.minutes(),
                   stored.record_id)) {
      return DailyServiceHoursExceededError(stored.work_date);
    }
    ++event_version;
  }
  store_.Decide(tx, record_id, decision, reason, event_version, caller.subject());
  stored = *store_.Get(tx, record_id);
  if (decision == SERVICE_HOUR_STATE_CONFIRMED) {
    AppendServiceHoursConfirmed(tx, context_.outbox, stored, false);
  }
  tx.commit();
  *response = std::move(stored.record);
  return grpc::Status::OK;
}

grpc::Status ServiceHourHandlers::Confirm(const runtime::CallContext& call,
                                          const v1::ConfirmServiceHourRecordRequest& request,
                                          v1::ServiceHourRecord* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("ConfirmServiceHourRecord", kStaff); !status.ok()) {
    return status;
  }
  runtime::FieldViolations violations;
  const std::string record_id =
      runtime::CheckResourceName(violations, "name", request.name(), kRecordPrefix, true);
  runtime::CheckTextLength("reason", request.reason(), 0, runtime::kMaxReasonCharacters,
                           &violations);
  if (!violations.empty()) return violations.ToStatus();
  return Decide(caller, record_id, request.name(), request.etag(), SERVICE_HOUR_STATE_CONFIRMED,
                request.reason(), response);
}

grpc::Status ServiceHourHandlers::Reject(const runtime::CallContext& call,
                                         const v1::RejectServiceHourRecordRequest& request,
                                         v1::ServiceHourRecord* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("RejectServiceHourRecord", kStaff); !status.ok()) {
    return status;
  }
  runtime::FieldViolations violations;
  const std::string record_id =
      runtime::CheckResourceName(violations, "name", request.name(), kRecordPrefix, true);
  runtime::CheckTextLength("reason", request.reason(), 1, runtime::kMaxReasonCharacters,
                           &violations);
  if (!violations.empty()) return violations.ToStatus();
  return Decide(caller, record_id, request.name(), request.etag(), SERVICE_HOUR_STATE_REJECTED,
                request.reason(), response);
}

grpc::Status ServiceHourHandlers::RequestCorrection(
    const runtime::CallContext& call, const v1::RequestServiceHourCorrectionRequest& request,
    v1::ServiceHourRecord* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("RequestServiceHourCorrection", kStaffAndSystem);
      !status.ok()) {
    return status;
  }
  runtime::FieldViolations violations;
  const std::string record_id =
      runtime::CheckResourceName(violations, "name", request.name(), kRecordPrefix, true);
  const v1::ServiceHourCorrection& asked = request.correction();
  CorrectionRequest correction{.minutes = asked.minutes(), .reason = asked.reason()};
  if (!asked.has_work_date() && asked.minutes() == 0) {
    violations.Add("correction", FIELD_REQUIRED, "set work_date, minutes or both");
  }
  if (asked.has_work_date()) {
    correction.work_date =
        runtime::CheckPastDate(violations, "correction.work_date", true, asked.work_date());
  }
  if (asked.minutes() != 0)
    runtime::CheckMinutes(violations, "correction.minutes", asked.minutes());
  runtime::CheckTextLength("correction.reason", asked.reason(), 1, runtime::kMaxReasonCharacters,
                           &violations);
  if (!violations.empty()) return violations.ToStatus();

  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  StoredRecord stored;
  if (auto status = LoadForChange(tx, caller, record_id, request.name(), request.etag(), &stored);
      !status.ok()) {
    return status;
  }
  if (stored.record.state() != SERVICE_HOUR_STATE_CONFIRMED) {
    return IllegalTransition(stored, "only CONFIRMED records can be corrected");
  }
  if (stored.record.has_pending_correction()) {
    return IllegalTransition(stored,
                             "a correction is already pending; the organiser decides it "
                             "first");
  }
  // The record keeps counting as it is until the organiser approves: no event yet.
  store_.SetCorrection(tx, record_id, correction, caller.subject());
  stored = *store_.Get(tx, record_id);
  tx.commit();
  *response = std::move(stored.record);
  return grpc::Status::OK;
}

grpc::Status ServiceHourHandlers::ApproveCorrection(
    const runtime::CallContext& call, const v1::ApproveServiceHourCorrectionRequest& request,
    v1::ServiceHourRecord* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("ApproveServiceHourCorrection", kStaff); !status.ok()) {
    return status;
  }
  runtime::FieldViolations violations;
  const std::string record_id =
      runtime::CheckResourceName(violations, "name", request.name(), kRecordPrefix, true);
  if (!violations.empty()) return violations.ToStatus();

  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  StoredRecord stored;
  if (auto status = LoadForChange(tx, caller, record_id, request.name(), request.etag(), &stored);
      !status.ok()) {
    return status;
  }
  if (!stored.record.has_pending_correction()) {
    return IllegalTransition(stored, "no correction is pending");
  }
  const v1::ServiceHourCorrection& pending = stored.record.pending_correction();
  const runtime::CivilDate work_date =
      pending.has_work_date() ? runtime::FromProtoDate(pending.work_date()) : stored.work_date;
  const int minutes = pending.minutes() != 0 ? pending.minutes() : stored.record.minutes();
  if (!FitsInDay(tx, store_, stored.volunteer_id, work_date, minutes, stored.record_id)) {
    return DailyServiceHoursExceededError(work_date);
  }
  store_.ApplyCorrection(tx, record_id, work_date, minutes, stored.event_version + 1,
                         caller.subject());
  stored = *store_.Get(tx, record_id);
  AppendServiceHoursConfirmed(tx, context_.outbox, stored, /*corrected=*/true);
  tx.commit();
  *response = std::move(stored.record);
  return grpc::Status::OK;
}

grpc::Status ServiceHourHandlers::RejectCorrection(
    const runtime::CallContext& call, const v1::RejectServiceHourCorrectionRequest& request,
    v1::ServiceHourRecord* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("RejectServiceHourCorrection", kStaff); !status.ok()) {
    return status;
  }
  runtime::FieldViolations violations;
  const std::string record_id =
      runtime::CheckResourceName(violations, "name", request.name(), kRecordPrefix, true);
  runtime::CheckTextLength("reason", request.reason(), 1, runtime::kMaxReasonCharacters,
                           &violations);
  if (!violations.empty()) return violations.ToStatus();

  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  StoredRecord stored;
  if (auto status = LoadForChange(tx, caller, record_id, request.name(), request.etag(), &stored);
      !status.ok()) {
    return status;
  }
  if (!stored.record.has_pending_correction()) {
    return IllegalTransition(stored, "no correction is pending");
  }
  store_.RejectCorrection(tx, record_id, request.reason(), caller.subject());
  stored = *store_.Get(tx, record_id);
  tx.commit();
  *response = std::move(stored.record);
  return grpc::Status::OK;
}

}  // namespace jindu::registration
