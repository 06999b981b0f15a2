#include "registration/volunteers/volunteer_events.h"

#include "registration/storage/organization_store.h"
#include "runtime/postgres/row_conversions.h"

namespace jindu::registration {

events::v1::VolunteerRegistered VolunteerRegisteredOf(const StoredVolunteer& volunteer) {
  events::v1::VolunteerRegistered event;
  event.set_volunteer(VolunteerName(volunteer.id));
  event.set_residence_region_code(volunteer.residence_region_code);
  for (const auto& id : volunteer.organization_ids) event.add_organizations(OrganizationName(id));
  for (int role : volunteer.roles) event.add_roles(static_cast<v1::VolunteerRole>(role));
  *event.mutable_registered_date() = runtime::ToProtoDate(runtime::TodayInShanghai());
  return event;
}

events::v1::VolunteerProfileChanged VolunteerProfileChangedOf(const StoredVolunteer& volunteer,
                                                              bool transferred) {
  events::v1::VolunteerProfileChanged event;
  event.set_volunteer(VolunteerName(volunteer.id));
  event.set_residence_region_code(volunteer.residence_region_code);
  for (const auto& id : volunteer.organization_ids) event.add_organizations(OrganizationName(id));
  for (int role : volunteer.roles) event.add_roles(static_cast<v1::VolunteerRole>(role));
  if (!volunteer.lecture_team_id.empty()) event.add_roles(v1::VOLUNTEER_ROLE_LECTURER);
  event.set_transferred(transferred);
  return event;
}

events::v1::PublicProfileUpserted LecturerProfileOf(const StoredVolunteer& volunteer) {
  events::v1::PublicProfileUpserted profile;
  profile.set_profile_id(volunteer.id);
  profile.set_volunteer(VolunteerName(volunteer.id));
  profile.set_display_name(volunteer.display_name);
  profile.add_lecture_teams(OrganizationName(volunteer.lecture_team_id));
  return profile;
}

}  // namespace jindu::registration
