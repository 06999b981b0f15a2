#pragma once
// Builds the events of a volunteer's changes: pseudonymous facts only (volunteer id, region,
// organisations, roles, dates); a lecturer's published name travels only in the public profile.
#include "jindu/registration/events/v1/public_profile_events.pb.h"
#include "jindu/registration/events/v1/volunteer_events.pb.h"
#include "registration/storage/volunteer_store.h"

namespace jindu::registration {

events::v1::VolunteerRegistered VolunteerRegisteredOf(const StoredVolunteer& volunteer);
events::v1::VolunteerProfileChanged VolunteerProfileChangedOf(const StoredVolunteer& volunteer,
                                                              bool transferred);
// The lecturer's public profile: profile id = volunteer id.
events::v1::PublicProfileUpserted LecturerProfileOf(const StoredVolunteer& volunteer);

}  // namespace jindu::registration
