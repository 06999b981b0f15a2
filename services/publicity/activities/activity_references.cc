#include "publicity/activities/activity_references.h"

#include "jindu/registration/v1/organization.pb.h"
#include "jindu/registration/v1/volunteer.pb.h"
#include "runtime/ids/resource_ids.h"

namespace jindu::publicity {
namespace {

using common::v1::REFERENCE_NOT_FOUND;
using common::v1::VALUE_NOT_ALLOWED;

bool IsActive(const ReplicatedVolunteer& volunteer) {
  return volunteer.state == registration::v1::VOLUNTEER_STATE_ACTIVE;
}

bool IsCertified(const std::optional<ReplicatedVolunteer>& volunteer) {
  return volunteer.has_value() && !volunteer->lecture_team_id.empty();
}

}  // namespace

std::optional<HoldingOrganization> ActivityReferences::FindOrganization(
    pqxx::transaction_base& tx, const std::string& id) const {
  const pqxx::result rows = tx.exec_params(
      "SELECT o.organization_id, o.state, o.region_code, o.parent_id, CASE WHEN o.parent_id = '' "
      "THEN o.region_code ELSE coalesce(p.region_code, '') END FROM " +
          schema_ + ".organization_replica o LEFT JOIN " + schema_ +
          ".organization_replica p ON o.parent_id <> '' AND p.organization_id = o.parent_id "
          "WHERE o.organization_id = $1",
      id);
  if (rows.empty()) return std::nullopt;
  return HoldingOrganization{.id = rows[0][0].as<std::string>(),
                             .state = rows[0][1].as<int>(),
                             .region_code = rows[0][2].as<std::string>(),
                             .parent_id = rows[0][3].as<std::string>(),
                             .review_region_code = rows[0][4].as<std::string>()};
}

std::optional<HoldingOrganization> ActivityReferences::CheckOrganization(
    pqxx::transaction_base& tx, const runtime::CallerAccess& caller, const std::string& id,
    runtime::FieldViolations* violations) const {
  auto organization = FindOrganization(tx, id);
  if (!organization.has_value() || !caller.Covers(organization->region_code)) {
    violations->Add("activity.organization", REFERENCE_NOT_FOUND,
                    "no such organisation in the caller's scope");
    return std::nullopt;
  }
  if (organization->state != registration::v1::ORGANIZATION_STATE_ACTIVE) {
    violations->Add("activity.organization", VALUE_NOT_ALLOWED, "the organisation is dissolved");
    return std::nullopt;
  }
  return organization;
}

void ActivityReferences::CheckRegion(const HoldingOrganization& organization,
                                     const std::string& region_code,
                                     runtime::FieldViolations* violations) const {
  if (region_code.empty()) return;  // FIELD_REQUIRED already
  if (!regions_.Knows(region_code)) {
    violations->Add("activity.region_code", REFERENCE_NOT_FOUND, "not a known region code");
    return;
  }
  if (!regions_.Contains(organization.region_code, region_code)) {
    violations->Add("activity.region_code", VALUE_NOT_ALLOWED,
                    "must be inside the holding organisation's region " + organization.region_code);
  }
}

void ActivityReferences::CheckPeople(pqxx::transaction_base& tx, const v1::Activity& activity,
                                     runtime::FieldViolations* violations) const {
  for (int i = 0; i < activity.lecturers_size(); ++i) {
    const std::string field = "activity.lecturers[" + std::to_string(i) + "]";
    const std::string id = runtime::ResourceIdFromName(activity.lecturers(i), "volunteers/");
    if (id.empty()) continue;  // malformed, reported already
    auto lecturer = registry_.FindVolunteer(tx, id);
    if (!IsCertified(lecturer)) {
      violations->Add(field, REFERENCE_NOT_FOUND, "not a certified lecturer");
    } else if (!IsActive(*lecturer)) {
      violations->Add(field, VALUE_NOT_ALLOWED, "the lecturer is not active");
    }
  }
  for (int i = 0; i < activity.volunteers_size(); ++i) {
    const std::string field = "activity.volunteers[" + std::to_string(i) + "].volunteer";
    const std::string id =
        runtime::ResourceIdFromName(activity.volunteers(i).volunteer(), "volunteers/");
    if (id.empty()) continue;
    auto volunteer = registry_.FindVolunteer(tx, id);
    if (!volunteer.has_value()) {
      violations->Add(field, REFERENCE_NOT_FOUND, "no such volunteer");
    } else if (!IsActive(*volunteer)) {
      violations->Add(field, VALUE_NOT_ALLOWED, "the volunteer is not active");
    }
  }
}

grpc::Status ActivityReferences::RecheckPeople(pqxx::transaction_base& tx,
                                               const v1::Activity& activity,
                                               const std::string& activity_name) const {
  for (const std::string& name : activity.lecturers()) {
    auto lecturer = registry_.FindVolunteer(tx, runtime::ResourceIdFromName(name, "volunteers/"));
    if (!IsCertified(lecturer) || !IsActive(*lecturer)) {
      return runtime::FailedPreconditionError(
          common::v1::LECTURER_NOT_CERTIFIED,
          name +
              " is no longer an active certified lecturer; reject the activity so it is "
              "corrected",
          activity_name);
    }
  }
  for (const v1::VolunteerService& served : activity.volunteers()) {
    auto volunteer =
        registry_.FindVolunteer(tx, runtime::ResourceIdFromName(served.volunteer(), "volunteers/"));
    if (!volunteer.has_value() || !IsActive(*volunteer)) {
      return runtime::FailedPreconditionError(
          common::v1::VOLUNTEER_NOT_ACTIVE,
          served.volunteer() + " is no longer active; reject the activity so it is corrected",
          activity_name);
    }
  }
  return grpc::Status::OK;
}

}  // namespace jindu::publicity
