#include "casework/assistance/team_handlers.h"

#include <set>

#include "casework/access/casework_roles.h"
#include "casework/audit/access_audit_log.h"
#include "casework/cases/case_events.h"
#include "casework/cases/case_status_machine.h"
#include "casework/cases/case_validation.h"
#include "jindu/registration/v1/volunteer.pb.h"
#include "runtime/api/request_checks.h"
#include "runtime/api/text_fields.h"
#include "runtime/postgres/row_conversions.h"

namespace jindu::casework {
namespace {

constexpr const char* kCaseType = "jindu.casework.v1.Case";
constexpr int kMaxMembers = 30;

// "cases/{case}/team" -> case id; empty with a violation otherwise.
std::string CaseIdOfTeam(runtime::FieldViolations& violations, const std::string& field,
                         const std::string& name) {
  constexpr std::string_view kSuffix = "/team";
  if (!name.ends_with(kSuffix)) {
    violations.Add(field, name.empty() ? common::v1::FIELD_REQUIRED : common::v1::FIELD_MALFORMED,
                   "expected cases/{case}/team");
    return {};
  }
  return runtime::CheckResourceName(violations, field, name.substr(0, name.size() - kSuffix.size()),
                                    "cases/", true);
}

v1::CaseTeam Masked(const v1::CaseTeam& team) {
  v1::CaseTeam masked = team;
  for (v1::TeamMember& member : *masked.mutable_members()) {
    member.set_display_name(MaskFullName(member.display_name()));
    member.set_phone(MaskPhone(member.phone()));
  }
  return masked;
}

v1::CaseTeam Present(const std::string& case_id, const TeamRecord& record) {
  v1::CaseTeam team = record.team;
  team.set_name(CaseName(case_id) + "/team");
  common::v1::AuditMetadata* audit = team.mutable_audit();
  if (record.revision > 0) {
    *audit->mutable_create_time() = runtime::TimestampFromMicros(record.create_micros);
    *audit->mutable_update_time() = runtime::TimestampFromMicros(record.update_micros);
    audit->set_create_subject(record.create_subject);
    audit->set_update_subject(record.update_subject);
  }
  audit->set_etag(std::to_string(record.revision));
  return team;
}

}  // namespace

TeamHandlers::TeamHandlers(CaseworkContext& context)
    : context_(context),
      cases_(context.schema(), context.personal_data.cipher),
      volunteers_(context.schema()),
      teams_(context.schema(), context.personal_data.cipher) {}

grpc::Status TeamHandlers::Get(const runtime::CallContext& call,
                               const v1::GetCaseTeamRequest& request, v1::CaseTeam* response) {
  const bool full = request.view() == v1::CASE_VIEW_FULL;
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("GetCaseTeam", full ? kPersonalDataReaders : kCaseRoles);
      !status.ok()) {
    if (full && caller.RequireRole("GetCaseTeam", kCaseRoles).ok()) {
      return runtime::PermissionDeniedError(
          common::v1::PERSONAL_DATA_ACCESS_DENIED,
          "GetCaseTeam: members' names and phones need the caseworker or police liaison role");
    }
    return status;
  }
  runtime::FieldViolations violations;
  const std::string case_id = CaseIdOfTeam(violations, "name", request.name());
  if (!v1::CaseView_IsValid(request.view())) {
    violations.Add("view", common::v1::VALUE_NOT_ALLOWED, "unknown view");
  }
  if (!violations.empty()) return violations.ToStatus();
  if (full && (request.access_purpose().empty() ||
               runtime::CodePointCount(request.access_purpose()) > kMaxPurposeCharacters)) {
    return runtime::ApiError(
        grpc::StatusCode::INVALID_ARGUMENT, common::v1::ACCESS_PURPOSE_REQUIRED,
        "access_purpose: a full view needs a stated purpose (1..200 characters)");
  }
  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  auto record = cases_.Find(tx, case_id, /*personal=*/false);
  if (!record.has_value() || !caller.Covers(record->residence_region_code)) {
    if (record.has_value()) {
      AppendAccessAudit(
          tx, context_.schema(), caller, call,
          {.method = "/jindu.casework.v1.CaseworkService/GetCaseTeam",
           .resource = request.name(),
           .person_pseudonym = record->person_pseudonym,
           .region_code = record->residence_region_code,
           .region_path = context_.regions.EnclosingPath(record->residence_region_code),
           .purpose = request.access_purpose(),
           .denied = true});
      tx.commit();
    }
    return runtime::NotFoundError(kCaseType, CaseName(case_id));
  }
  TeamRecord team = teams_.Find(tx, case_id, full).value_or(TeamRecord{});
  if (full && team.team.members_size() > 0) {
    AppendAccessAudit(tx, context_.schema(), caller, call,
                      {.method = "/jindu.casework.v1.CaseworkService/GetCaseTeam",
                       .resource = request.name(),
                       .person_pseudonym = record->person_pseudonym,
                       .region_code = record->residence_region_code,
                       .region_path = context_.regions.EnclosingPath(record->residence_region_code),
                       .fields = {"members.display_name", "members.phone"},
                       .purpose = request.access_purpose()});
  }
  tx.commit();
  *response = Present(case_id, team);
  return grpc::Status::OK;
}

grpc::Status TeamHandlers::Update(const runtime::CallContext& call,
                                  const v1::UpdateCaseTeamRequest& request,
                                  v1::CaseTeam* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("UpdateCaseTeam", kCaseworkers); !status.ok()) {
    return status;
  }
  runtime::FieldViolations violations;
  const std::string case_id = CaseIdOfTeam(violations, "team.name", request.team().name());
  const auto& paths = request.update_mask().paths();
  if (paths.size() != 1 || paths[0] != "members") {
    violations.Add("update_mask",
                   paths.empty() ? common::v1::FIELD_REQUIRED : common::v1::UNKNOWN_FIELD_PATH,
                   "the only updatable path is \"members\"");
  }
  if (request.team().members_size() > kMaxMembers) {
    violations.Add("team.members", common::v1::FIELD_OUT_OF_RANGE, "at most 30 members");
  }
  v1::CaseTeam members;
  std::set<int> roles;
  std::vector<std::pair<std::string, std::string>> volunteer_members;  // (path, id)
  for (int i = 0; i < request.team().members_size() && i < kMaxMembers; ++i) {
    const v1::TeamMember& input = request.team().members(i);
    const std::string path = "team.members[" + std::to_string(i) + "].";
    v1::TeamMember member;
    if (input.role() == v1::TEAM_ROLE_UNSPECIFIED || !v1::TeamRole_IsValid(input.role())) {
      violations.Add(path + "role", common::v1::FIELD_REQUIRED, "the member's role");
    }
    member.set_role(input.role());
    runtime::CheckTextLength(path + "subject", input.subject(), 0, 128, &violations);
    member.set_subject(input.subject());
    runtime::CheckTextLength(path + "affiliation", input.affiliation(), 0, 128, &violations);
    member.set_affiliation(input.affiliation());
    runtime::CheckTextLength(path + "display_name", input.display_name(), 0, 64, &violations);
    member.set_display_name(input.display_name());
    if (!input.phone().empty()) {
      if (auto phone = NormalizePhone(input.phone())) {
        member.set_phone(*phone);
      } else {
        violations.Add(path + "phone", common::v1::FIELD_MALFORMED,
                       "must be a mobile number or a landline with its area code");
      }
    }
    const std::string volunteer_id =
        runtime::CheckResourceName(violations, path + "volunteer", input.volunteer(), "volunteers/",
                                   /*required=*/input.role() == v1::TEAM_ROLE_VOLUNTEER);
    if (!volunteer_id.empty()) {
      member.set_volunteer(input.volunteer());
      volunteer_members.emplace_back(path + "volunteer", volunteer_id);
    }
    roles.insert(input.role());
    *members.add_members() = std::move(member);
  }
  if (!violations.empty()) return violations.ToStatus();
  members.set_distinct_role_count(static_cast<int>(roles.size()));

  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  auto record = cases_.Find(tx, case_id, /*personal=*/false, /*lock=*/true);
  if (!record.has_value() || !caller.Covers(record->residence_region_code)) {
    return runtime::NotFoundError(kCaseType, CaseName(case_id));
  }
  if (!IsOpenStatus(record->status)) {
    return runtime::FailedPreconditionError(
        common::v1::ILLEGAL_STATE_TRANSITION,
        "UpdateCaseTeam is not allowed: the case is " + StatusLabel(record->status),
        CaseName(case_id));
  }
  for (const auto& [path, volunteer_id] : volunteer_members) {
    auto volunteer = volunteers_.FindVolunteer(tx, volunteer_id);
    if (!volunteer.has_value() || volunteer->state != registration::v1::VOLUNTEER_STATE_ACTIVE) {
      return runtime::FailedPreconditionError(
          common::v1::VOLUNTEER_NOT_ACTIVE,
          path + ": only volunteers active in registration can join a help team",
          "volunteers/" + volunteer_id);
    }
  }
  const auto current = teams_.Find(tx, case_id, /*personal=*/false, /*lock=*/true);
  const int64_t revision = current.has_value() ? current->revision : 0;
  if (!request.etag().empty() && request.etag() != std::to_string(revision)) {
    return runtime::EtagMismatchError(request.team().name());
  }
  teams_.Save(tx, case_id, members, Masked(members), revision + 1, caller.subject());

  events::v1::CaseTeamChanged event;
  event.set_case_name(CaseName(case_id));
  std::map<int, int> counts;
  for (const v1::TeamMember& member : members.members()) ++counts[member.role()];
  for (const auto& [role, count] : counts) {
    events::v1::TeamRoleCount* role_count = event.add_roles();
    role_count->set_role(static_cast<v1::TeamRole>(role));
    role_count->set_count(count);
  }
  event.set_distinct_role_count(members.distinct_role_count());
  AppendCaseEvent(context_, tx, *record, event);
  auto stored = teams_.Find(tx, case_id, /*personal=*/false);
  tx.commit();
  *response = Present(case_id, *stored);
  return grpc::Status::OK;
}

}  // namespace jindu::casework
