#include "registration/volunteers/volunteer_validation.h"

#include <algorithm>

#include "runtime/api/text_fields.h"
#include "runtime/identity/phone_number.h"

namespace jindu::registration {
namespace {

bool Has(const std::vector<std::string>& paths, const char* path) {
  return std::find(paths.begin(), paths.end(), path) != paths.end();
}

}  // namespace

void ValidateVolunteerFields(const v1::Volunteer& volunteer, const std::vector<std::string>& paths,
                             const std::string& prefix, const runtime::RegionDirectory& regions,
                             runtime::FieldViolations* violations, std::string* phone) {
  if (Has(paths, "display_name")) {
    runtime::CheckTextLength(prefix + "display_name", volunteer.display_name(), 1, 64, violations);
  }
  if (Has(paths, "phone")) {
    auto normalized = runtime::NormalizeMobilePhone(volunteer.phone());
    if (volunteer.phone().empty()) {
      violations->Add(prefix + "phone", common::v1::FIELD_REQUIRED, "a mobile phone is required");
    } else if (!normalized.has_value()) {
      violations->Add(prefix + "phone", common::v1::FIELD_MALFORMED,
                      "must be 11 digits starting with 1, optionally after +86");
    } else {
      *phone = *normalized;
    }
  }
  if (Has(paths, "residence_region_code")) {
    if (volunteer.residence_region_code().empty()) {
      violations->Add(prefix + "residence_region_code", common::v1::FIELD_REQUIRED,
                      "the region where the volunteer lives");
    } else if (!regions.Knows(volunteer.residence_region_code())) {
      violations->Add(prefix + "residence_region_code", common::v1::REFERENCE_NOT_FOUND,
                      "not a region of the tree");
    }
  }
  if (Has(paths, "roles")) {
    for (int i = 0; i < volunteer.roles_size(); ++i) {
      const auto role = volunteer.roles(i);
      const std::string field = prefix + "roles[" + std::to_string(i) + "]";
      if (role == v1::VOLUNTEER_ROLE_UNSPECIFIED || !v1::VolunteerRole_IsValid(role)) {
        violations->Add(field, common::v1::VALUE_NOT_ALLOWED, "unknown role");
      } else if (role == v1::VOLUNTEER_ROLE_LECTURER) {
        violations->Add(field, common::v1::VALUE_NOT_ALLOWED,
                        "the lecturer role comes only with CertifyLecturer");
      }
    }
  }
  if (Has(paths, "skills")) {
    if (volunteer.skills_size() > 20) {
      violations->Add(prefix + "skills", common::v1::FIELD_OUT_OF_RANGE, "at most 20 skills");
    }
    for (int i = 0; i < volunteer.skills_size() && i < 20; ++i) {
      const std::string field = prefix + "skills[" + std::to_string(i) + "]";
      if (runtime::CheckTextLength(field, volunteer.skills(i), 1, 32, violations) &&
          volunteer.skills(i).find_first_of("\r\n") != std::string::npos) {
        violations->Add(field, common::v1::FIELD_MALFORMED, "one line of text");
      }
    }
  }
}

}  // namespace jindu::registration
