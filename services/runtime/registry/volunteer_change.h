#pragma once
// What one event of the registration service's volunteer topic (jindu.registration.volunteer.v1)
// says about a volunteer, for the services that keep a replica of volunteers: casework (who may be
// paired) and publicity (who may lecture or serve). Only state, region and lecturer certification:
// no volunteer's name or number ever leaves registration.
#include <optional>
#include <string>

#include "jindu/events/v1/envelope.pb.h"
#include "jindu/registration/v1/volunteer.pb.h"
#include "runtime/identity/civil_date.h"

namespace jindu::runtime {

inline constexpr const char* kVolunteerTopic = "jindu.registration.volunteer.v1";

struct VolunteerChange {
  std::string volunteer_id;
  std::optional<registration::v1::VolunteerState> state;  // unset: the state did not change
  std::string residence_region_code;                      // empty: the region did not change
  // Set when the event certifies ("organizations/{team}" id) or revokes ("" ) a lecturer.
  std::optional<std::string> lecture_team_id;
  CivilDate effective_date;
};

// nullopt for events that change none of the above. Throws PermanentEventError for a payload that
// does not parse or names no volunteer.
std::optional<VolunteerChange> VolunteerChangeOf(const events::v1::EventEnvelope& envelope);

}  // namespace jindu::runtime
