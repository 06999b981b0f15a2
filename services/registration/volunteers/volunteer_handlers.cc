#include "registration/volunteers/volunteer_handlers.h"

#include <algorithm>
#include <set>

#include "registration/organizations/organization_validation.h"
#include "registration/service_hours/service_summary.h"
#include "registration/storage/access_audit.h"
#include "registration/volunteers/id_number_lookup.h"
#include "registration/volunteers/registration_counts.h"
#include "registration/volunteers/volunteer_events.h"
#include "registration/volunteers/volunteer_presentation.h"
#include "registration/volunteers/volunteer_validation.h"
#include "runtime/access/national_id_field.h"
#include "runtime/api/paging.h"
#include "runtime/api/request_checks.h"
#include "runtime/api/request_log.h"
#include "runtime/api/role_check.h"
#include "runtime/api/text_fields.h"
#include "runtime/identity/phone_number.h"
#include "runtime/ids/resource_ids.h"
#include "runtime/postgres/row_conversions.h"

namespace jindu::registration {
namespace {

constexpr const char* kVolunteerType = "jindu.registration.v1.Volunteer";
const std::vector<std::string> kCreatePaths = {"display_name", "phone", "residence_region_code",
                                               "roles", "skills"};
const std::vector<std::string> kMutablePaths = {"display_name",  "phone", "residence_region_code",
                                                "organizations", "roles", "skills"};

std::string VolunteerIdOrViolation(const std::string& field, const std::string& name,
                                   runtime::FieldViolations* violations) {
  return runtime::CheckResourceName(*violations, field, name, "volunteers/", /*required=*/true);
}

google::protobuf::Timestamp Now() {
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  return runtime::TimestampFromMicros(micros);
}

v1::StateChange Change(const runtime::CallerAccess& caller, const std::string& reason) {
  v1::StateChange change;
  change.set_subject(caller.subject());
  *change.mutable_time() = Now();
  change.set_reason(reason);
  return change;
}

template <typename Event>
Event EffectiveEvent(const std::string& volunteer_name) {
  Event event;
  event.set_volunteer(volunteer_name);
  *event.mutable_effective_date() = runtime::ToProtoDate(runtime::TodayInShanghai());
  return event;
}

// The day a rolling figure ends on: today unless the request names a past day.
runtime::CivilDate AsOfDate(bool present, const google::type::Date& date,
                            runtime::FieldViolations* violations) {
  const runtime::CivilDate today = runtime::TodayInShanghai();
  if (!present) return today;
  if (auto day = runtime::CheckPastDate(*violations, "as_of_date", true, date)) return *day;
  return today;
}

}  // namespace

VolunteerHandlers::VolunteerHandlers(RegistrationContext& context)
    : context_(context),
      volunteers_(context.schema(), context.personal_data.cipher),
      organizations_(context.schema(), context.personal_data.cipher) {}

grpc::Status VolunteerHandlers::LoadForChange(pqxx::work& tx, const runtime::CallerAccess& caller,
                                              const std::string& id, const std::string& name,
                                              const std::string& etag,
                                              std::optional<StoredVolunteer>* stored) const {
  *stored = volunteers_.Find(tx, id, /*full=*/false, /*lock=*/true);
  if (!stored->has_value() || !caller.Covers((*stored)->residence_region_code)) {
    return runtime::NotFoundError(kVolunteerType, name);
  }
  if (!etag.empty() && etag != std::to_string((*stored)->revision)) {
    return runtime::EtagMismatchError(name);
  }
  return grpc::Status::OK;
}

void VolunteerHandlers::SaveChange(pqxx::work& tx, const runtime::CallerAccess& caller,
                                   StoredVolunteer* volunteer) const {
  ++volunteer->revision;
  volunteers_.Update(tx, *volunteer,
                     context_.regions.EnclosingPath(volunteer->residence_region_code),
                     caller.subject());
}

void VolunteerHandlers::AppendPublicProfile(pqxx::work& tx, const StoredVolunteer& volunteer,
                                            const google::protobuf::Message& event) const {
  context_.outbox.Append(tx, {.aggregate_type = "public_profile",
                              .aggregate_id = volunteer.id,
                              .aggregate_version = volunteer.revision,
                              .region_code = volunteer.residence_region_code,
                              .payload = &event});
}

grpc::Status VolunteerHandlers::CommitAndAnswer(pqxx::work& tx, const std::string& id,
                                                v1::Volunteer* response) const {
  auto updated = volunteers_.Find(tx, id, /*full=*/false);
  *response = PresentVolunteer(*updated, /*full=*/false);
  FillServiceFields(tx, {response});
  tx.commit();
  return grpc::Status::OK;
}

void VolunteerHandlers::Append(pqxx::work& tx, const StoredVolunteer& volunteer,
                               const google::protobuf::Message& event) const {
  context_.outbox.Append(tx, {.aggregate_type = "volunteer",
                              .aggregate_id = volunteer.id,
                              .aggregate_version = volunteer.revision,
                              .region_code = volunteer.residence_region_code,
                              .payload = &event});
}

std::vector<std::string> VolunteerHandlers::CheckOrganizations(
    pqxx::transaction_base& tx, const runtime::CallerAccess& caller,
    const google::protobuf::RepeatedPtrField<std::string>& names, const std::string& field,
    runtime::FieldViolations* violations) const {
  std::vector<std::string> ids;
  for (int i = 0; i < names.size(); ++i) {
    const std::string path = field + "[" + std::to_string(i) + "]";
    std::string id = runtime::CheckResourceName(*violations, path, names[i], "organizations/",
                                                /*required=*/true);
    if (id.empty()) continue;
    auto organization = organizations_.Find(tx, id);
    if (!organization.has_value() || !caller.Covers(organization->organization.region_code())) {
      violations->Add(path, common::v1::REFERENCE_NOT_FOUND, names[i] + " does not exist");
    } else if (organization->organization.state() != v1::ORGANIZATION_STATE_ACTIVE) {
      violations->Add(path, common::v1::VALUE_NOT_ALLOWED, names[i] + " is dissolved");
    } else if (std::find(ids.begin(), ids.end(), id) != ids.end()) {
      violations->Add(path, common::v1::DUPLICATE_IN_REQUEST, "listed twice");
    } else {
      ids.push_back(std::move(id));
    }
  }
  return ids;
}

grpc::Status VolunteerHandlers::Create(const runtime::CallContext& call,
                                       const v1::CreateVolunteerRequest& request,
                                       v1::Volunteer* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("CreateVolunteer", kStaff); !status.ok()) return status;
  const v1::Volunteer& input = request.volunteer();
  runtime::FieldViolations violations;
  std::string phone;
  ValidateVolunteerFields(input, kCreatePaths, "volunteer.", context_.regions, &violations, &phone);
  auto id_number =
      runtime::CheckNationalIdField("volunteer.national_id_number", input.national_id_number(),
                                    context_.regions, runtime::TodayInShanghai(), &violations);
  if (!violations.empty()) return violations.ToStatus();
  if (auto status = caller.RequireNamedRegion("volunteer.residence_region_code",
                                              input.residence_region_code());
      !status.ok()) {
    return status;
  }

  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  runtime::RequestLog log(tx, context_.schema(), "CreateVolunteer", request.request_id(), request,
                          call.principal().subject);
  if (!log.status().ok()) return log.status();
  if (log.Earlier().has_value()) {
    auto earlier = volunteers_.Find(tx, *log.Earlier(), /*full=*/false);
    if (!earlier.has_value()) return runtime::NotFoundError(kVolunteerType, *log.Earlier());
    *response = PresentVolunteer(*earlier, /*full=*/false);
    return grpc::Status::OK;
  }
  StoredVolunteer volunteer;
  volunteer.organization_ids =
      CheckOrganizations(tx, caller, input.organizations(), "volunteer.organizations", &violations);
  if (!violations.empty()) return violations.ToStatus();

  // One person, one record in the province: serialise registrations of the same number, then look
  // it up by keyed hash.
  const std::string hash =
      VolunteerIdNumberLookup(context_.personal_data.lookup, id_number->normalized);
  tx.exec_params("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", hash);
  if (auto existing = volunteers_.FindByIdNumberHash(tx, hash)) {
    const auto& [existing_id, existing_region] = *existing;
    const bool visible = caller.Covers(existing_region);
    RecordAccess(tx, context_.schema(), caller, call,
                 {.method = "CreateVolunteer",
                  .resource = VolunteerName(existing_id),
                  .outcome = visible ? "DUPLICATE_IN_SCOPE" : "DUPLICATE_ELSEWHERE"});
    tx.commit();  // the attempt stays audited although the call fails
    if (visible) {
      return runtime::AlreadyExistsError(common::v1::PERSON_ALREADY_REGISTERED,
                                         "this ID number is already registered", kVolunteerType,
                                         VolunteerName(existing_id));
    }
    return runtime::AlreadyExistsError(
        common::v1::PERSON_REGISTERED_ELSEWHERE,
        "this ID number is registered outside your region scope; ask for a transfer "
        "(CreateVolunteerTransfer)");
  }

  volunteer.id = runtime::NewResourceId();
  volunteer.revision = 1;
  volunteer.display_name = input.display_name();
  volunteer.national_id_number = id_number->normalized;
  volunteer.national_id_masked = runtime::MaskNationalIdNumber(id_number->normalized);
  volunteer.phone = phone;
  volunteer.phone_masked = runtime::MaskMobilePhone(phone);
  volunteer.residence_region_code = input.residence_region_code();
  volunteer.roles.push_back(v1::VOLUNTEER_ROLE_VOLUNTEER);
  for (int role : input.roles()) {
    if (std::find(volunteer.roles.begin(), volunteer.roles.end(), role) == volunteer.roles.end()) {
      volunteer.roles.push_back(role);
    }
  }
  volunteer.skills.assign(input.skills().begin(), input.skills().end());
  volunteer.state = v1::VOLUNTEER_STATE_APPLIED;
  volunteers_.Insert(tx, volunteer, hash,
                     context_.regions.EnclosingPath(volunteer.residence_region_code),
                     caller.subject());
  Append(tx, volunteer, VolunteerRegisteredOf(volunteer));
  log.Record(volunteer.id);
  auto created = volunteers_.Find(tx, volunteer.id, /*full=*/false);
  tx.commit();
  *response = PresentVolunteer(*created, /*full=*/false);
  return grpc::Status::OK;
}

grpc::Status VolunteerHandlers::Get(const runtime::CallContext& call,
                                    const v1::GetVolunteerRequest& request,
                                    v1::Volunteer* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("GetVolunteer", kStaffAndSystem); !status.ok()) {
    return status;
  }
  runtime::FieldViolations violations;
  const std::string id = VolunteerIdOrViolation("name", request.name(), &violations);
  if (!violations.empty()) return violations.ToStatus();
  const bool full = request.view() == v1::VOLUNTEER_VIEW_FULL;
  if (full) {
    if (!runtime::HasAnyRole(caller.principal(), kStaff)) {
      return runtime::PermissionDeniedError(
          common::v1::PERSONAL_DATA_ACCESS_DENIED,
          "the full view needs an officer or association staff role");
    }
    const size_t purpose = runtime::CodePointCount(request.access_purpose());
    if (purpose == 0 || purpose > 200) {
      return runtime::ApiError(grpc::StatusCode::INVALID_ARGUMENT,
                               common::v1::ACCESS_PURPOSE_REQUIRED,
                               "access_purpose: say why you read this person's data (1 to 200 "
                               "characters); it is recorded");
    }
  }
  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  auto stored = volunteers_.Find(tx, id, full);
  if (!stored.has_value() || !caller.Covers(stored->residence_region_code)) {
    // An attempt at a person's full record is recorded whether or not it was answered (missing
    // and out of scope alike, as the answer is), so probing another county leaves a trace.
    if (full) {
      RecordAccess(tx, context_.schema(), caller, call,
                   {.method = "GetVolunteer",
                    .resource = request.name(),
                    .purpose = request.access_purpose(),
                    .outcome = "REFUSED_NOT_FOUND"});
      tx.commit();
    }
    return runtime::NotFoundError(kVolunteerType, request.name());
  }
  RecordAccess(tx, context_.schema(), caller, call,
               {.method = "GetVolunteer",
                .resource = request.name(),
                .purpose = request.access_purpose(),
                .outcome = full ? "READ_FULL" : "READ_BASIC"});
  *response = PresentVolunteer(*stored, full);
  FillServiceFields(tx, {response});
  tx.commit();
  return grpc::Status::OK;
}

grpc::Status VolunteerHandlers::List(const runtime::CallContext& call,
                                     const v1::ListVolunteersRequest& request,
                                     v1::ListVolunteersResponse* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("ListVolunteers", kStaffAndSystem); !status.ok()) {
    return status;
  }
  runtime::FieldViolations violations;
  VolunteerListQuery query;
  if (!request.organization().empty()) {
    query.organization_id = runtime::CheckResourceName(
        violations, "organization", request.organization(), "organizations/", /*required=*/true);
  }
  if (request.role() != v1::VOLUNTEER_ROLE_UNSPECIFIED) {
    if (!v1::VolunteerRole_IsValid(request.role())) {
      violations.Add("role", common::v1::VALUE_NOT_ALLOWED, "unknown role");
    }
    query.role = request.role();
  }
  for (int i = 0; i < request.states_size(); ++i) {
    if (request.states(i) == v1::VOLUNTEER_STATE_UNSPECIFIED) {
      violations.Add("states[" + std::to_string(i) + "]", common::v1::VALUE_NOT_ALLOWED,
                     "must be a state other than UNSPECIFIED");
    }
    query.states.push_back(request.states(i));
  }
  runtime::CheckRegionFilter(violations, context_.regions, "within_region_code",
                             request.within_region_code());
  runtime::PageRequest page;
  if (auto status = runtime::ReadPageRequest(request, &page); !status.ok()) return status;
  if (!violations.empty()) return violations.ToStatus();
  std::vector<std::string> regions;
  bool all = false;
  if (auto status =
          caller.ListScope("within_region_code", request.within_region_code(), &regions, &all);
      !status.ok()) {
    return status;
  }
  if (request.has_trained()) {
    query.trained = request.trained();
    query.trained_since = runtime::FormatIsoDate(TwelveMonthsBefore(runtime::TodayInShanghai()));
  }
  query.after_cursor = page.cursor;
  query.limit = page.page_size;

  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  query.region_condition = runtime::RegionPathCondition(tx, "v.region_path", regions, all);
  auto rows = volunteers_.List(tx, query);
  const bool more = static_cast<int>(rows.size()) > page.page_size;
  if (more) rows.pop_back();
  response->set_total_size(volunteers_.Count(tx, query));
  std::string cursor;
  for (const auto& stored : rows) {
    const auto micros =
        stored.audit.create_time().seconds() * 1000000 + stored.audit.create_time().nanos() / 1000;
    cursor = runtime::JoinCursor({stored.residence_region_code, std::to_string(micros), stored.id});
    *response->add_volunteers() = PresentVolunteer(stored, /*full=*/false);
  }
  std::vector<v1::Volunteer*> page_volunteers;
  for (auto& volunteer : *response->mutable_volunteers()) page_volunteers.push_back(&volunteer);
  FillServiceFields(tx, page_volunteers);
  RecordAccess(tx, context_.schema(), caller, call,
               {.method = "ListVolunteers",
                .resource = "volunteers?within=" + request.within_region_code() +
                            "&organization=" + request.organization(),
                .outcome = "LISTED " + std::to_string(rows.size())});
  tx.commit();
  if (more) response->set_next_page_token(runtime::NextPageToken(request, cursor));
  return grpc::Status::OK;
}

grpc::Status VolunteerHandlers::Update(const runtime::CallContext& call,
                                       const v1::UpdateVolunteerRequest& request,
                                       v1::Volunteer* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("UpdateVolunteer", kStaff); !status.ok()) return status;
  const v1::Volunteer& input = request.volunteer();
  runtime::FieldViolations violations;
  const std::string id = VolunteerIdOrViolation("volunteer.name", input.name(), &violations);
  std::vector<std::string> paths(request.update_mask().paths().begin(),
                                 request.update_mask().paths().end());
  if (paths.empty()) {
    violations.Add("update_mask", common::v1::FIELD_REQUIRED,
                   "name the paths to change: display_name, phone, residence_region_code, "
                   "organizations, roles, skills");
  }
  for (size_t i = 0; i < paths.size(); ++i) {
    if (std::find(kMutablePaths.begin(), kMutablePaths.end(), paths[i]) == kMutablePaths.end()) {
      violations.Add("update_mask.paths[" + std::to_string(i) + "]", common::v1::UNKNOWN_FIELD_PATH,
                     "not a mutable path");
    }
  }
  std::string phone;
  ValidateVolunteerFields(input, paths, "volunteer.", context_.regions, &violations, &phone);
  if (!violations.empty()) return violations.ToStatus();
  auto has = [&](const char* path) {
    return std::find(paths.begin(), paths.end(), path) != paths.end();
  };

  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  std::optional<StoredVolunteer> stored;
  if (auto status = LoadForChange(tx, caller, id, input.name(), request.etag(), &stored);
      !status.ok()) {
    return status;
  }
  if (stored->state == v1::VOLUNTEER_STATE_WITHDRAWN) {
    return runtime::FailedPreconditionError(common::v1::ILLEGAL_STATE_TRANSITION,
                                            "a withdrawn volunteer's record is closed",
                                            input.name());
  }
  if (has("residence_region_code")) {
    // Moving out of the caller's scope is a transfer, decided by the receiving side.
    if (auto status = caller.RequireNamedRegion("volunteer.residence_region_code",
                                                input.residence_region_code());
        !status.ok()) {
      return status;
    }
    stored->residence_region_code = input.residence_region_code();
  }
  if (has("organizations")) {
    stored->organization_ids = CheckOrganizations(tx, caller, input.organizations(),
                                                  "volunteer.organizations", &violations);
    if (!violations.empty()) return violations.ToStatus();
  }
  if (has("display_name")) stored->display_name = input.display_name();
  if (has("phone")) {
    stored->phone = phone;
    stored->phone_masked = runtime::MaskMobilePhone(phone);
  }
  if (has("roles")) {
    stored->roles = {v1::VOLUNTEER_ROLE_VOLUNTEER};
    for (int role : input.roles()) {
      if (std::find(stored->roles.begin(), stored->roles.end(), role) == stored->roles.end()) {
        stored->roles.push_back(role);
      }
    }
  }
  if (has("skills")) stored->skills.assign(input.skills().begin(), input.skills().end());
  SaveChange(tx, caller, &*stored);
  Append(tx, *stored, VolunteerProfileChangedOf(*stored, /*transferred=*/false));
  if (!stored->lecture_team_id.empty() && has("display_name")) {
    auto profile = LecturerProfileOf(*stored);
    AppendPublicProfile(tx, *stored, profile);
  }
  return CommitAndAnswer(tx, id, response);
}

template <typename Event>
grpc::Status VolunteerHandlers::Transition(const runtime::CallContext& call, const char* method,
                                           const std::string& name, const std::string& reason,
                                           bool reason_required, const std::string& etag,
                                           std::initializer_list<v1::VolunteerState> from,
                                           v1::VolunteerState to, v1::Volunteer* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole(method, kStaff); !status.ok()) return status;
  runtime::FieldViolations violations;
  const std::string id = VolunteerIdOrViolation("name", name, &violations);
  runtime::CheckTextLength("reason", reason, reason_required ? 1 : 0, 500, &violations);
  if (!violations.empty()) return violations.ToStatus();

  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  std::optional<StoredVolunteer> stored;
  if (auto status = LoadForChange(tx, caller, id, name, etag, &stored); !status.ok()) {
    return status;
  }
  if (std::find(from.begin(), from.end(), stored->state) == from.end()) {
    return runtime::FailedPreconditionError(common::v1::ILLEGAL_STATE_TRANSITION,
                                            std::string(method) +
                                                " is not allowed for a volunteer in state " +
                                                v1::VolunteerState_Name(stored->state),
                                            name);
  }
  stored->state = to;
  stored->last_state_change = Change(caller, reason);
  if (to == v1::VOLUNTEER_STATE_APPROVED) stored->approval = stored->last_state_change;
  SaveChange(tx, caller, &*stored);
  Append(tx, *stored, EffectiveEvent<Event>(VolunteerName(stored->id)));
  return CommitAndAnswer(tx, id, response);
}

grpc::Status VolunteerHandlers::Approve(const runtime::CallContext& call,
                                        const v1::ApproveVolunteerRequest& request,
                                        v1::Volunteer* response) {
  return Transition<events::v1::VolunteerApproved>(
      call, "ApproveVolunteer", request.name(), request.reason(), false, request.etag(),
      {v1::VOLUNTEER_STATE_APPLIED}, v1::VOLUNTEER_STATE_APPROVED, response);
}

grpc::Status VolunteerHandlers::Activate(const runtime::CallContext& call,
                                         const v1::ActivateVolunteerRequest& request,
                                         v1::Volunteer* response) {
  return Transition<events::v1::VolunteerActivated>(
      call, "ActivateVolunteer", request.name(), request.reason(), false, request.etag(),
      {v1::VOLUNTEER_STATE_APPROVED, v1::VOLUNTEER_STATE_SUSPENDED}, v1::VOLUNTEER_STATE_ACTIVE,
      response);
}

grpc::Status VolunteerHandlers::Suspend(const runtime::CallContext& call,
                                        const v1::SuspendVolunteerRequest& request,
                                        v1::Volunteer* response) {
  return Transition<events::v1::VolunteerSuspended>(
      call, "SuspendVolunteer", request.name(), request.reason(), true, request.etag(),
      {v1::VOLUNTEER_STATE_ACTIVE}, v1::VOLUNTEER_STATE_SUSPENDED, response);
}

grpc::Status VolunteerHandlers::Withdraw(const runtime::CallContext& call,
                                         const v1::WithdrawVolunteerRequest& request,
                                         v1::Volunteer* response) {
  return Transition<events::v1::VolunteerWithdrawn>(
      call, "WithdrawVolunteer", request.name(), request.reason(), true, request.etag(),
      {v1::VOLUNTEER_STATE_APPLIED, v1::VOLUNTEER_STATE_APPROVED, v1::VOLUNTEER_STATE_ACTIVE,
       v1::VOLUNTEER_STATE_SUSPENDED},
      v1::VOLUNTEER_STATE_WITHDRAWN, response);
}

grpc::Status VolunteerHandlers::CertifyLecturer(const runtime::CallContext& call,
                                                const v1::CertifyLecturerRequest& request,
                                                v1::Volunteer* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("CertifyLecturer", kStaff); !status.ok()) return status;
  runtime::FieldViolations violations;
  const std::string id = VolunteerIdOrViolation("name", request.name(), &violations);
  const v1::LecturerCertification& certification = request.certification();
  const std::string team_id =
      runtime::CheckResourceName(violations, "certification.lecture_team",
                                 certification.lecture_team(), "organizations/", /*required=*/true);
  runtime::CheckPastDate(violations, "certification.certified_date",
                         certification.has_certified_date(), certification.certified_date());
  if (certification.topics_size() > 20) {
    violations.Add("certification.topics", common::v1::FIELD_OUT_OF_RANGE, "at most 20 topics");
  }
  for (int i = 0; i < certification.topics_size() && i < 20; ++i) {
    const std::string field = "certification.topics[" + std::to_string(i) + "]";
    if (runtime::CheckTextLength(field, certification.topics(i), 1, 32, &violations) &&
        certification.topics(i).find_first_of("\r\n") != std::string::npos) {
      violations.Add(field, common::v1::FIELD_MALFORMED, "one line of text");
    }
  }
  if (!violations.empty()) return violations.ToStatus();

  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  std::optional<StoredVolunteer> stored;
  if (auto status = LoadForChange(tx, caller, id, request.name(), request.etag(), &stored);
      !status.ok()) {
    return status;
  }
  auto team = organizations_.Find(tx, team_id);
  if (!team.has_value() || !caller.Covers(team->organization.region_code())) {
    return runtime::InvalidFieldError("certification.lecture_team", common::v1::REFERENCE_NOT_FOUND,
                                      certification.lecture_team() + " does not exist");
  }
  if (team->organization.kind() != v1::ORGANIZATION_KIND_LECTURE_TEAM ||
      team->organization.state() != v1::ORGANIZATION_STATE_ACTIVE) {
    return runtime::InvalidFieldError("certification.lecture_team", common::v1::VALUE_NOT_ALLOWED,
                                      "must be an active lecture team (讲师团)");
  }
  if (stored->state != v1::VOLUNTEER_STATE_ACTIVE) {
    return runtime::FailedPreconditionError(
        common::v1::VOLUNTEER_NOT_ACTIVE,
        "only an ACTIVE volunteer can be certified; this one is " +
            v1::VolunteerState_Name(stored->state),
        request.name());
  }
  stored->lecture_team_id = team_id;
  stored->certification = certification;
  SaveChange(tx, caller, &*stored);
  events::v1::LecturerCertified certified;
  certified.set_volunteer(VolunteerName(stored->id));
  certified.set_lecture_team(certification.lecture_team());
  *certified.mutable_certified_date() = certification.certified_date();
  Append(tx, *stored, certified);
  auto profile = LecturerProfileOf(*stored);
  AppendPublicProfile(tx, *stored, profile);
  return CommitAndAnswer(tx, id, response);
}

grpc::Status VolunteerHandlers::RevokeLecturerCertification(
    const runtime::CallContext& call, const v1::RevokeLecturerCertificationRequest& request,
    v1::Volunteer* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("RevokeLecturerCertification", kStaff); !status.ok()) {
    return status;
  }
  runtime::FieldViolations violations;
  const std::string id = VolunteerIdOrViolation("name", request.name(), &violations);
  runtime::CheckTextLength("reason", request.reason(), 1, 500, &violations);
  if (!violations.empty()) return violations.ToStatus();

  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  std::optional<StoredVolunteer> stored;
  if (auto status = LoadForChange(tx, caller, id, request.name(), request.etag(), &stored);
      !status.ok()) {
    return status;
  }
  if (stored->lecture_team_id.empty()) {
    return runtime::FailedPreconditionError(common::v1::LECTURER_NOT_CERTIFIED,
                                            "the volunteer is not a certified lecturer",
                                            request.name());
  }
  events::v1::LecturerCertificationRevoked revoked;
  revoked.set_volunteer(VolunteerName(stored->id));
  revoked.set_lecture_team(OrganizationName(stored->lecture_team_id));
  *revoked.mutable_effective_date() = runtime::ToProtoDate(runtime::TodayInShanghai());
  stored->lecture_team_id.clear();
  stored->certification.Clear();
  SaveChange(tx, caller, &*stored);
  Append(tx, *stored, revoked);
  events::v1::PublicProfileWithdrawn withdrawn;
  withdrawn.set_profile_id(stored->id);
  AppendPublicProfile(tx, *stored, withdrawn);
  return CommitAndAnswer(tx, id, response);
}

grpc::Status VolunteerHandlers::GetServiceSummary(
    const runtime::CallContext& call, const v1::GetVolunteerServiceSummaryRequest& request,
    v1::VolunteerServiceSummary* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("GetVolunteerServiceSummary", kStaff); !status.ok()) {
    return status;
  }
  runtime::FieldViolations violations;
  const std::string id = VolunteerIdOrViolation("volunteer", request.volunteer(), &violations);
  const runtime::CivilDate as_of =
      AsOfDate(request.has_as_of_date(), request.as_of_date(), &violations);
  if (!violations.empty()) return violations.ToStatus();
  const size_t purpose = runtime::CodePointCount(request.access_purpose());
  if (purpose == 0 || purpose > 200) {
    return runtime::ApiError(grpc::StatusCode::INVALID_ARGUMENT,
                             common::v1::ACCESS_PURPOSE_REQUIRED,
                             "access_purpose: the summary prints the volunteer's name; say why "
                             "(1 to 200 characters), it is recorded");
  }
  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  auto stored = volunteers_.Find(tx, id, /*full=*/false);
  if (!stored.has_value() || !caller.Covers(stored->residence_region_code)) {
    return runtime::NotFoundError(kVolunteerType, request.volunteer());
  }
  const v1::Volunteer shown = PresentVolunteer(*stored, /*full=*/false);
  response->set_volunteer(shown.name());
  response->set_display_name(shown.display_name());
  response->set_masked_national_id_number(shown.national_id_number());
  response->set_state(shown.state());
  *response->mutable_roles() = shown.roles();
  if (shown.has_lecturer_certification()) {
    *response->mutable_lecturer_certification() = shown.lecturer_certification();
  }
  FillServiceFacts(tx, context_.schema(), id, as_of, response);
  RecordAccess(tx, context_.schema(), caller, call,
               {.method = "GetVolunteerServiceSummary",
                .resource = request.volunteer(),
                .purpose = request.access_purpose(),
                .outcome = "READ_SUMMARY"});
  tx.commit();
  return grpc::Status::OK;
}

grpc::Status VolunteerHandlers::ComputeCounts(const runtime::CallContext& call,
                                              const v1::ComputeRegistrationCountsRequest& request,
                                              v1::ComputeRegistrationCountsResponse* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("ComputeRegistrationCounts", kStaffAndSystem);
      !status.ok()) {
    return status;
  }
  runtime::FieldViolations violations;
  const runtime::CivilDate as_of =
      AsOfDate(request.has_as_of_date(), request.as_of_date(), &violations);
  std::optional<runtime::RegionEntry> region;
  if (request.region_code().empty()) {
    violations.Add("region_code", common::v1::FIELD_REQUIRED, "the region to count");
  } else if (region = context_.regions.Find(request.region_code()); !region.has_value()) {
    violations.Add("region_code", common::v1::REFERENCE_NOT_FOUND, "not a region of the tree");
  }
  if (!violations.empty()) return violations.ToStatus();
  if (auto status = caller.RequireNamedRegion("region_code", request.region_code()); !status.ok()) {
    return status;
  }
  auto connection = context_.resources.database.Acquire();
  pqxx::read_transaction tx(*connection);
  *response->mutable_total() =
      CountRegistrations(tx, context_.schema(), region->code, region->display_name, as_of);
  if (request.by_child_region()) {
    bool more = true;
    std::string after;
    while (more) {
      auto children = context_.regions.List(
          after, 500,
          [&](const runtime::RegionEntry& entry) {
            return entry.parent == region->code && entry.ValidOn(as_of);
          },
          &more);
      for (const auto& child : children) {
        *response->add_by_child_region() =
            CountRegistrations(tx, context_.schema(), child.code, child.display_name, as_of);
        after = child.code;
      }
    }
  }
  return grpc::Status::OK;
}

void VolunteerHandlers::FillServiceFields(pqxx::transaction_base& tx,
                                          std::vector<v1::Volunteer*> volunteers) const {
  std::vector<std::string> ids;
  for (const v1::Volunteer* volunteer : volunteers) {
    ids.push_back(volunteer->name().substr(volunteer->name().find('/') + 1));
  }
  if (ids.empty()) return;
  const runtime::CivilDate today = runtime::TodayInShanghai();
  auto minutes = ConfirmedMinutesLast12Months(tx, context_.schema(), ids, today);
  auto trained = TrainedInLast12Months(tx, context_.schema(), ids, today);
  for (size_t i = 0; i < ids.size(); ++i) {
    if (auto it = minutes.find(ids[i]); it != minutes.end()) {
      volunteers[i]->set_service_minutes_last_12_months(it->second);
    }
    volunteers[i]->set_trained(trained.contains(ids[i]));
  }
}

}  // namespace jindu::registration
