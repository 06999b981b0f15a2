#include "registration/training/training_handlers.h"

#include <set>

#include "jindu/registration/events/v1/training_events.pb.h"
#include "registration/access/visible_regions.h"
#include "runtime/api/paging.h"
#include "runtime/api/request_checks.h"
#include "runtime/api/request_log.h"
#include "runtime/api/text_fields.h"
#include "runtime/auth/region_code.h"
#include "runtime/ids/resource_ids.h"
#include "runtime/postgres/row_conversions.h"

namespace jindu::registration {
namespace {

using common::v1::FIELD_MALFORMED;
using common::v1::FIELD_OUT_OF_RANGE;
using common::v1::FIELD_REQUIRED;
using common::v1::REFERENCE_NOT_FOUND;

constexpr const char* kSessionType = "jindu.registration.v1.TrainingSession";
constexpr const char* kAttendanceType = "jindu.registration.v1.TrainingAttendance";
constexpr const char* kAggregateType = "training_session";
constexpr int kMaxAttendancesPerBatch = 1000;
constexpr size_t kMaxTopicCharacters = 128;

// "trainingSessions/{session}/attendances/{attendance}" into its two ids; false when malformed.
bool ParseAttendanceName(const std::string& name, std::string* session_id,
                         std::string* attendance_id) {
  constexpr std::string_view kSeparator = "/attendances/";
  const size_t at = name.find(kSeparator);
  if (at == std::string::npos) return false;
  *session_id = runtime::ResourceIdFromName(name.substr(0, at), "trainingSessions/");
  *attendance_id = runtime::ResourceIdFromName(name.substr(at + 1), "attendances/");
  return !session_id->empty() && !attendance_id->empty();
}

// Names recorded in the request log for a batch, one per line.
std::string JoinLines(const std::vector<std::string>& lines) {
  std::string joined;
  for (const std::string& line : lines) {
    if (!joined.empty()) joined += '\n';
    joined += line;
  }
  return joined;
}

std::vector<std::string> SplitLines(const std::string& joined) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < joined.size()) {
    size_t end = joined.find('\n', start);
    if (end == std::string::npos) end = joined.size();
    lines.push_back(joined.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

}  // namespace

std::optional<StoredSession> TrainingHandlers::VisibleSession(pqxx::transaction_base& tx,
                                                              const runtime::CallerAccess& caller,
                                                              const std::string& session_id,
                                                              bool for_update) const {
  auto session = store_.GetSession(tx, session_id, for_update);
  if (!session.has_value() || !caller.Covers(session->session.region_code())) return std::nullopt;
  return session;
}

grpc::Status TrainingHandlers::CreateSession(const runtime::CallContext& call,
                                             const v1::CreateTrainingSessionRequest& request,
                                             v1::TrainingSession* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("CreateTrainingSession", kStaff); !status.ok()) {
    return status;
  }
  const v1::TrainingSession& session = request.training_session();
  runtime::FieldViolations violations;
  const std::string organizer_id = runtime::CheckResourceName(
      violations, "training_session.organizer", session.organizer(), "organizations/", true);
  const std::string& region_code = session.region_code();
  if (region_code.empty()) {
    violations.Add("training_session.region_code", FIELD_REQUIRED, "required");
  } else if (!runtime::IsWellFormedRegionCode(region_code)) {
    violations.Add("training_session.region_code", FIELD_MALFORMED, "must be a region code");
  } else if (!context_.regions.Knows(region_code)) {
    violations.Add("training_session.region_code", REFERENCE_NOT_FOUND, "no such region");
  }
  runtime::CheckTextLength("training_session.topic", session.topic(), 1, kMaxTopicCharacters,
                           &violations);
  auto session_date = runtime::CheckPastDate(violations, "training_session.session_date",
                                             session.has_session_date(), session.session_date());
  runtime::CheckMinutes(violations, "training_session.duration_minutes",
                        session.duration_minutes());
  if (!violations.empty()) return violations.ToStatus();
  if (auto status = caller.RequireNamedRegion("training_session.region_code", region_code);
      !status.ok()) {
    return status;
  }

  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  runtime::RequestLog log(tx, context_.schema(), "CreateTrainingSession", request.request_id(),
                          request, call.principal().subject);
  if (!log.status().ok()) return log.status();
  if (log.Earlier().has_value()) {
    auto earlier = VisibleSession(tx, caller,
                                  runtime::ResourceIdFromName(*log.Earlier(), "trainingSessions/"));
    if (!earlier.has_value()) return runtime::NotFoundError(kSessionType, *log.Earlier());
    *response = std::move(earlier->session);
    return grpc::Status::OK;
  }
  auto organizer = participants_.Organizer(tx, organizer_id);
  if (!organizer.has_value()) {
    return runtime::InvalidFieldError("training_session.organizer", REFERENCE_NOT_FOUND,
                                      "no such organisation");
  }
  if (!context_.regions.Contains(organizer->region_code, region_code)) {
    return runtime::InvalidFieldError("training_session.region_code", FIELD_OUT_OF_RANGE,
                                      "must lie inside the organiser's region");
  }
  const NewSession new_session{.session_id = runtime::NewResourceId(),
                               .organizer_id = organizer_id,
                               .region_code = region_code,
                               .topic = session.topic(),
                               .session_date = *session_date,
                               .duration_minutes = session.duration_minutes()};
  store_.InsertSession(tx, new_session, caller.subject());
  const std::string name = SessionName(new_session.session_id);
  registration::events::v1::TrainingSessionRecorded event;
  event.set_training_session(name);
  event.set_organizer(session.organizer());
  event.set_region_code(region_code);
  *event.mutable_session_date() = runtime::ToProtoDate(*session_date);
  event.set_duration_minutes(session.duration_minutes());
  context_.outbox.Append(tx, {.aggregate_type = kAggregateType,
                              .aggregate_id = new_session.session_id,
                              .aggregate_version = 1,
                              .region_code = region_code,
                              .payload = &event});
  log.Record(name);
  *response = store_.GetSession(tx, new_session.session_id)->session;
  tx.commit();
  return grpc::Status::OK;
}

grpc::Status TrainingHandlers::GetSession(const runtime::CallContext& call,
                                          const v1::GetTrainingSessionRequest& request,
                                          v1::TrainingSession* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("GetTrainingSession", kStaffAndSystem); !status.ok()) {
    return status;
  }
  runtime::FieldViolations violations;
  const std::string session_id =
      runtime::CheckResourceName(violations, "name", request.name(), "trainingSessions/", true);
  if (!violations.empty()) return violations.ToStatus();
  auto connection = context_.resources.database.Acquire();
  pqxx::read_transaction tx(*connection);
  auto session = VisibleSession(tx, caller, session_id);
  if (!session.has_value()) return runtime::NotFoundError(kSessionType, request.name());
  *response = std::move(session->session);
  return grpc::Status::OK;
}

grpc::Status TrainingHandlers::ListSessions(const runtime::CallContext& call,
                                            const v1::ListTrainingSessionsRequest& request,
                                            v1::ListTrainingSessionsResponse* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("ListTrainingSessions", kStaffAndSystem); !status.ok()) {
    return status;
  }
  runtime::FieldViolations violations;
  const std::string& within = request.within_region_code();
  if (!within.empty() && !runtime::IsWellFormedRegionCode(within)) {
    violations.Add("within_region_code", FIELD_MALFORMED, "must be a region code");
  }
  SessionFilter filter;
  filter.organizer_id = runtime::CheckResourceName(violations, "organizer", request.organizer(),
                                                   "organizations/", false);
  if (auto range = runtime::CheckDateRangeFilter(violations, "date_range", request.has_date_range(),
                                                 request.date_range());
      range.has_value()) {
    filter.from = range->start;
    filter.until = range->end;
  }
  runtime::PageRequest page;
  if (auto status = runtime::ReadPageRequest(request, &page); !status.ok()) return status;
  if (!violations.empty()) return violations.ToStatus();
  if (!within.empty()) {
    if (auto status = caller.RequireNamedRegion("within_region_code", within); !status.ok()) {
      return status;
    }
  }
  std::optional<SessionCursor> after;
  if (!page.cursor.empty()) {
    std::vector<std::string> parts;
    std::optional<runtime::CivilDate> date;
    SessionCursor cursor;
    if (!runtime::SplitCursor(page.cursor, 2, &parts) ||
        !(date = runtime::ParseIsoDate(parts[0])).has_value() ||
        !runtime::CursorToInt(parts[1], &cursor.seq)) {
      return runtime::InvalidPageTokenError();
    }
    cursor.session_date = *date;
    after = cursor;
  }
  auto connection = context_.resources.database.Acquire();
  pqxx::read_transaction tx(*connection);
  filter.region_codes =
      VisibleRegionCodes(store_.SessionRegions(tx), caller, context_.regions, within);
  if (filter.region_codes.empty()) return grpc::Status::OK;
  auto sessions = store_.ListSessions(tx, filter, after, page.page_size + 1);
  const bool more = static_cast<int>(sessions.size()) > page.page_size;
  if (more) sessions.pop_back();
  for (auto& session : sessions) *response->add_training_sessions() = std::move(session.session);
  if (more) {
    const StoredSession& last = sessions.back();
    response->set_next_page_token(runtime::NextPageToken(
        request, runtime::JoinCursor(
                     {runtime::FormatIsoDate(last.session_date), std::to_string(last.seq)})));
  }
  return grpc::Status::OK;
}

void TrainingHandlers::CheckNewAttendees(pqxx::transaction_base& tx,
                                         const v1::BatchCreateTrainingAttendancesRequest& request,
                                         const std::vector<std::string>& volunteer_ids,
                                         const std::map<std::string, StoredAttendance>& recorded,
                                         runtime::FieldViolations& violations) const {
  std::vector<std::string> unrecorded;
  for (const std::string& id : volunteer_ids) {
    if (!recorded.contains(id)) unrecorded.push_back(id);
  }
  const auto volunteers = participants_.Volunteers(tx, unrecorded);
  for (int i = 0; i < request.attendances_size(); ++i) {
    const std::string& id = volunteer_ids[static_cast<size_t>(i)];
    if (recorded.contains(id)) continue;
    const std::string field = "attendances[" + std::to_string(i) + "].volunteer";
    auto found = volunteers.find(id);
    if (found == volunteers.end() || !MayBeRecorded(found->second.state)) {
      violations.Add(field, REFERENCE_NOT_FOUND, kUnusableVolunteer);
    }
  }
}

grpc::Status TrainingHandlers::BatchCreateAttendances(
    const runtime::CallContext& call, const v1::BatchCreateTrainingAttendancesRequest& request,
    v1::BatchCreateTrainingAttendancesResponse* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("BatchCreateTrainingAttendances", kStaff); !status.ok()) {
    return status;
  }
  if (request.attendances_size() > kMaxAttendancesPerBatch) {
    return runtime::ApiError(grpc::StatusCode::INVALID_ARGUMENT, common::v1::BATCH_TOO_LARGE,
                             "attendances: at most 1000 per call; split the batch",
                             {{"max_items", std::to_string(kMaxAttendancesPerBatch)}});
  }
  runtime::FieldViolations violations;
  const std::string session_id =
      runtime::CheckResourceName(violations, "parent", request.parent(), "trainingSessions/", true);
  if (request.attendances_size() == 0) {
    violations.Add("attendances", FIELD_REQUIRED, "1..1000 attendances");
  }
  std::vector<std::string> volunteer_ids;
  std::set<std::string> seen;
  for (int i = 0; i < request.attendances_size(); ++i) {
    const v1::TrainingAttendance& attendance = request.attendances(i);
    const std::string prefix = "attendances[" + std::to_string(i) + "]";
    std::string id = runtime::CheckResourceName(violations, prefix + ".volunteer",
                                                attendance.volunteer(), "volunteers/", true);
    if (!id.empty() && !seen.insert(id).second) {
      violations.Add(prefix + ".volunteer", common::v1::DUPLICATE_IN_REQUEST,
                     "the volunteer appears earlier in this request");
    }
    // 0 means "the session's duration"; the upper bound needs the session.
    if (attendance.attended_minutes() != 0) {
      runtime::CheckMinutes(violations, prefix + ".attended_minutes",
                            attendance.attended_minutes());
    }
    volunteer_ids.push_back(std::move(id));
  }
  if (!violations.empty()) return violations.ToStatus();

  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  runtime::RequestLog log(tx, context_.schema(), "BatchCreateTrainingAttendances",
                          request.request_id(), request, call.principal().subject);
  if (!log.status().ok()) return log.status();
  // Attendance writes of one session take turns here.
  auto session = VisibleSession(tx, caller, session_id, /*for_update=*/true);
  if (!session.has_value()) return runtime::NotFoundError(kSessionType, request.parent());
  if (log.Earlier().has_value()) {
    // The first call's attendances, those not deleted since, in its order.
    std::vector<std::string> ids;
    for (const std::string& name : SplitLines(*log.Earlier())) {
      std::string ignored_session, attendance_id;
      if (ParseAttendanceName(name, &ignored_session, &attendance_id)) ids.push_back(attendance_id);
    }
    std::map<std::string, StoredAttendance> by_id;
    for (auto& stored : store_.AttendancesByIds(tx, session_id, ids)) {
      by_id.emplace(stored.attendance_id, std::move(stored));
    }
    for (const std::string& id : ids) {
      if (auto it = by_id.find(id); it != by_id.end()) {
        *response->add_attendances() = it->second.attendance;
      }
    }
    return grpc::Status::OK;
  }

  const int duration = session->session.duration_minutes();
  for (int i = 0; i < request.attendances_size(); ++i) {
    if (request.attendances(i).attended_minutes() > duration) {
      violations.Add("attendances[" + std::to_string(i) + "].attended_minutes", FIELD_OUT_OF_RANGE,
                     "must not exceed the session's duration");
    }
  }
  std::map<std::string, StoredAttendance> recorded;
  for (auto& stored : store_.AttendancesOfVolunteers(tx, session_id, volunteer_ids)) {
    recorded.emplace(stored.volunteer_id, std::move(stored));
  }
  CheckNewAttendees(tx, request, volunteer_ids, recorded, violations);
  if (!violations.empty()) return violations.ToStatus();

  int64_t version = session->event_version;
  int added = 0;
  const std::string session_name = SessionName(session_id);
  for (int i = 0; i < request.attendances_size(); ++i) {
    const std::string& volunteer_id = volunteer_ids[static_cast<size_t>(i)];
    if (recorded.contains(volunteer_id)) continue;  // returned as it is
    const int minutes = request.attendances(i).attended_minutes() == 0
                            ? duration
                            : request.attendances(i).attended_minutes();
    const std::string attendance_id = runtime::NewResourceId();
    store_.InsertAttendance(tx, session_id, attendance_id, volunteer_id, minutes, caller.subject());
    registration::events::v1::TrainingAttended event;
    event.set_training_session(session_name);
    event.set_attendance(AttendanceName(session_id, attendance_id));
    event.set_volunteer("volunteers/" + volunteer_id);
    event.set_region_code(session->session.region_code());
    *event.mutable_session_date() = session->session.session_date();
    event.set_attended_minutes(minutes);
    context_.outbox.Append(tx, {.aggregate_type = kAggregateType,
                                .aggregate_id = session_id,
                                .aggregate_version = ++version,
                                .region_code = session->session.region_code(),
                                .payload = &event});
    ++added;
  }
  if (added > 0) store_.AdvanceSession(tx, session_id, added, version, caller.subject());

  std::map<std::string, StoredAttendance> by_volunteer;
  for (auto& stored : store_.AttendancesOfVolunteers(tx, session_id, volunteer_ids)) {
    by_volunteer.emplace(stored.volunteer_id, std::move(stored));
  }
  std::vector<std::string> names;
  for (const std::string& volunteer_id : volunteer_ids) {
    const StoredAttendance& stored = by_volunteer.at(volunteer_id);
    names.push_back(stored.attendance.name());
    *response->add_attendances() = stored.attendance;
  }
  log.Record(JoinLines(names));
  tx.commit();
  return grpc::Status::OK;
}

grpc::Status TrainingHandlers::ListAttendances(const runtime::CallContext& call,
                                               const v1::ListTrainingAttendancesRequest& request,
                                               v1::ListTrainingAttendancesResponse* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("ListTrainingAttendances", kStaffAndSystem); !status.ok()) {
    return status;
  }
  runtime::FieldViolations violations;
  const std::string session_id =
      runtime::CheckResourceName(violations, "parent", request.parent(), "trainingSessions/", true);
  runtime::PageRequest page;
  if (auto status = runtime::ReadPageRequest(request, &page); !status.ok()) return status;
  if (!violations.empty()) return violations.ToStatus();
  int64_t after_seq = 0;
  if (!page.cursor.empty() && !runtime::CursorToInt(page.cursor, &after_seq)) {
    return runtime::InvalidPageTokenError();
  }
  auto connection = context_.resources.database.Acquire();
  pqxx::read_transaction tx(*connection);
  if (!VisibleSession(tx, caller, session_id).has_value()) {
    return runtime::NotFoundError(kSessionType, request.parent());
  }
  auto attendances = store_.ListAttendances(tx, session_id, after_seq, page.page_size + 1);
  const bool more = static_cast<int>(attendances.size()) > page.page_size;
  if (more) attendances.pop_back();
  for (auto& stored : attendances) *response->add_attendances() = std::move(stored.attendance);
  if (more) {
    response->set_next_page_token(
        runtime::NextPageToken(request, std::to_string(attendances.back().seq)));
  }
  return grpc::Status::OK;
}

grpc::Status TrainingHandlers::DeleteAttendance(const runtime::CallContext& call,
                                                const v1::DeleteTrainingAttendanceRequest& request,
                                                google::protobuf::Empty*) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("DeleteTrainingAttendance", kStaff); !status.ok()) {
    return status;
  }
  std::string session_id, attendance_id;
  if (request.name().empty()) {
    return runtime::InvalidFieldError("name", FIELD_REQUIRED,
                                      "required: trainingSessions/{id}/attendances/{id}");
  }
  if (!ParseAttendanceName(request.name(), &session_id, &attendance_id)) {
    return runtime::InvalidFieldError("name", FIELD_MALFORMED,
                                      "must be trainingSessions/{id}/attendances/{id}");
  }
  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  auto session = VisibleSession(tx, caller, session_id, /*for_update=*/true);
  if (!session.has_value()) return runtime::NotFoundError(kAttendanceType, request.name());
  auto attendance = store_.GetAttendance(tx, session_id, attendance_id);
  if (!attendance.has_value()) return runtime::NotFoundError(kAttendanceType, request.name());
  if (!request.etag().empty() && request.etag() != attendance->attendance.audit().etag()) {
    return runtime::EtagMismatchError(request.name());
  }
  store_.DeleteAttendance(tx, session_id, attendance_id);
  const int64_t version = session->event_version + 1;
  store_.AdvanceSession(tx, session_id, -1, version, caller.subject());
  registration::events::v1::TrainingAttendanceDeleted event;
  event.set_training_session(SessionName(session_id));
  event.set_attendance(AttendanceName(session_id, attendance_id));
  event.set_volunteer(attendance->attendance.volunteer());
  context_.outbox.Append(tx, {.aggregate_type = kAggregateType,
                              .aggregate_id = session_id,
                              .aggregate_version = version,
                              .region_code = session->session.region_code(),
                              .payload = &event});
  tx.commit();
  return grpc::Status::OK;
}

}  // namespace jindu::registration
