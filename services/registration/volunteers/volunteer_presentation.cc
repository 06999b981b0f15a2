#include "registration/volunteers/volunteer_presentation.h"

#include "registration/storage/organization_store.h"
#include "runtime/identity/national_id_number.h"

namespace jindu::registration {

v1::Volunteer PresentVolunteer(const StoredVolunteer& stored, bool full) {
  v1::Volunteer volunteer;
  volunteer.set_name(VolunteerName(stored.id));
  volunteer.set_display_name(stored.display_name);
  if (full) {
    volunteer.set_national_id_number(stored.national_id_number);
    volunteer.set_phone(stored.phone);
    auto parsed =
        runtime::CheckNationalIdNumber(stored.national_id_number, runtime::TodayInShanghai());
    if (parsed.parsed.has_value()) {
      volunteer.mutable_birth_date()->set_year(parsed.parsed->birth_year);
      volunteer.mutable_birth_date()->set_month(parsed.parsed->birth_month);
      volunteer.mutable_birth_date()->set_day(parsed.parsed->birth_day);
      volunteer.set_sex(parsed.parsed->male ? v1::SEX_MALE : v1::SEX_FEMALE);
    }
  } else {
    volunteer.set_national_id_number(stored.national_id_masked);
    volunteer.set_phone(stored.phone_masked);
  }
  volunteer.set_residence_region_code(stored.residence_region_code);
  for (const auto& id : stored.organization_ids) volunteer.add_organizations(OrganizationName(id));
  for (int role : stored.roles) volunteer.add_roles(static_cast<v1::VolunteerRole>(role));
  if (!stored.lecture_team_id.empty()) {
    volunteer.add_roles(v1::VOLUNTEER_ROLE_LECTURER);
    *volunteer.mutable_lecturer_certification() = stored.certification;
  }
  for (const auto& skill : stored.skills) volunteer.add_skills(skill);
  volunteer.set_state(stored.state);
  *volunteer.mutable_last_state_change() = stored.last_state_change;
  if (stored.approval.has_value()) *volunteer.mutable_approval() = *stored.approval;
  *volunteer.mutable_audit() = stored.audit;
  return volunteer;
}

}  // namespace jindu::registration
