#pragma once
// Field rules of a volunteer (volunteer.proto), checked on create and update. The national ID
// number: GB 11643 check character, a real past birth date, and an address code that is a known
// region of this province's tree (current or expired: numbers keep the code of the birth place at
// birth) or belongs to another province (people move in; our tree holds only this province).
#include <string>
#include <vector>

#include "jindu/registration/v1/volunteer.pb.h"
#include "runtime/api/api_error.h"
#include "runtime/identity/national_id_number.h"
#include "runtime/regions/region_directory.h"

namespace jindu::registration {

// Returns the parsed number, or nullopt after adding a violation under `field`.
std::optional<runtime::ParsedNationalId> CheckVolunteerIdNumber(
    const std::string& field, const std::string& text, const runtime::RegionDirectory& regions,
    runtime::CivilDate today, runtime::FieldViolations* violations);

// Checks the paths of `volunteer` named in `paths` (display_name, phone, residence_region_code,
// roles, skills) under `prefix`. Sets *phone to the normalised phone when "phone" is checked.
void ValidateVolunteerFields(const v1::Volunteer& volunteer, const std::vector<std::string>& paths,
                             const std::string& prefix, const runtime::RegionDirectory& regions,
                             runtime::FieldViolations* violations, std::string* phone);

}  // namespace jindu::registration
