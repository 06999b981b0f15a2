#pragma once
// The few facts training and service hours need about the organisations and volunteers they refer
// to: whether they exist, their region and their state. Read from the tables of the
// "registration" track; never a personal field (names and numbers stay sealed there).
#include <map>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "jindu/registration/v1/organization.pb.h"
#include "jindu/registration/v1/volunteer.pb.h"

namespace jindu::registration {

struct OrganizerFacts {
  std::string organization_id;
  std::string display_name;  // organisations' names are public
  std::string region_code;
  v1::OrganizationState state = v1::ORGANIZATION_STATE_UNSPECIFIED;
};

struct VolunteerFacts {
  std::string volunteer_id;
  std::string residence_region_code;
  v1::VolunteerState state = v1::VOLUNTEER_STATE_UNSPECIFIED;
};

// APPROVED, ACTIVE or SUSPENDED: a volunteer who may be recorded as trained or as having served.
// An applicant is not a volunteer yet; a withdrawn one has left.
bool MayBeRecorded(v1::VolunteerState state);

// The one answer for a volunteer reference that cannot be used. Volunteers train and serve outside
// their county of residence, so a reference is not limited to the caller's scope; instead unknown
// and unusable ids answer alike, and the id (a random pseudonym the caller already holds) is all
// the caller learns about.
inline constexpr const char* kUnusableVolunteer =
    "no volunteer of this name who is APPROVED, ACTIVE or SUSPENDED";

class ParticipantLookup {
 public:
  explicit ParticipantLookup(std::string schema) : schema_(std::move(schema)) {}

  std::optional<OrganizerFacts> Organizer(pqxx::transaction_base& tx,
                                          const std::string& organization_id) const;
  std::optional<VolunteerFacts> Volunteer(pqxx::transaction_base& tx,
                                          const std::string& volunteer_id) const;
  // The volunteers of these ids that exist, by id.
  std::map<std::string, VolunteerFacts> Volunteers(pqxx::transaction_base& tx,
                                                   const std::vector<std::string>& ids) const;

 private:
  std::string schema_;
};

}  // namespace jindu::registration
