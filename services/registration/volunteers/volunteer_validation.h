#pragma once
// Field rules of a volunteer (volunteer.proto), checked on create and update. The national ID
// number is checked by runtime/access/national_id_field.h.
#include <string>
#include <vector>

#include "jindu/registration/v1/volunteer.pb.h"
#include "runtime/api/api_error.h"
#include "runtime/regions/region_directory.h"

namespace jindu::registration {

// Checks the paths of `volunteer` named in `paths` (display_name, phone, residence_region_code,
// roles, skills) under `prefix`. Sets *phone to the normalised phone when "phone" is checked.
void ValidateVolunteerFields(const v1::Volunteer& volunteer, const std::vector<std::string>& paths,
                             const std::string& prefix, const runtime::RegionDirectory& regions,
                             runtime::FieldViolations* violations, std::string* phone);

}  // namespace jindu::registration
