#pragma once
// The publicity service's replica of what it needs from the registration service: organisations
// (an activity is held by an active organisation, inside its region) and volunteers (lecturers
// must be certified, serving volunteers active). Fed by registration's events only; no call to
// registration ever decides a publicity request.
#include <optional>
#include <pqxx/pqxx>
#include <string>

#include "publicity/publicity_context.h"
#include "runtime/inbox/projection.h"

namespace jindu::publicity {

inline constexpr const char* kOrganizationTopic = "jindu.registration.organization.v1";

runtime::ProjectionDefinition RegistryProjection(const PublicityContext& context);

// Reads of the replica, for handlers.
struct ReplicatedOrganization {
  std::string id;
  std::string display_name;
  int kind = 0;   // jindu.registration.v1.OrganizationKind
  int state = 0;  // jindu.registration.v1.OrganizationState
  std::string region_code;
};
struct ReplicatedVolunteer {
  std::string id;
  int state = 0;  // jindu.registration.v1.VolunteerState
  std::string residence_region_code;
  std::string lecture_team_id;  // empty unless a certified lecturer
};

class Registry {
 public:
  explicit Registry(std::string schema) : schema_(std::move(schema)) {}

  std::optional<ReplicatedOrganization> FindOrganization(pqxx::transaction_base& tx,
                                                         const std::string& id) const;
  std::optional<ReplicatedVolunteer> FindVolunteer(pqxx::transaction_base& tx,
                                                   const std::string& id) const;

 private:
  std::string schema_;
};

}  // namespace jindu::publicity
