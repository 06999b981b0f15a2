#include "registration/volunteers/volunteer_validation.h"

#include <algorithm>
#include <set>

#include "runtime/api/text_fields.h"
#include "runtime/identity/phone_number.h"

namespace jindu::registration {
namespace {

bool Has(const std::vector<std::string>& paths, const char* path) {
  return std::find(paths.begin(), paths.end(), path) != paths.end();
}

// The province codes of GB/T 2260 (mainland, Taiwan, Hong Kong, Macao).
bool IsProvincePrefix(const std::string& two_digits) {
  static const std::set<std::string> kProvinces = {
      "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34",
      "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52",
      "53", "54", "61", "62", "63", "64", "65", "71", "81", "82"};
  return kProvinces.contains(two_digits);
}

}  // namespace

std::optional<runtime::ParsedNationalId> CheckVolunteerIdNumber(
    const std::string& field, const std::string& text, const runtime::RegionDirectory& regions,
    runtime::CivilDate today, runtime::FieldViolations* violations) {
  if (text.empty()) {
    violations->Add(field, common::v1::FIELD_REQUIRED, "the 18-character ID number is required");
    return std::nullopt;
  }
  runtime::NationalIdCheck check = runtime::CheckNationalIdNumber(text, today);
  switch (check.problem) {
    case runtime::NationalIdProblem::kNone:
      break;
    case runtime::NationalIdProblem::kMalformed:
      violations->Add(field, common::v1::FIELD_MALFORMED,
                      "must be 17 digits and a check character 0-9 or X");
      return std::nullopt;
    case runtime::NationalIdProblem::kCheckDigitMismatch:
      violations->Add(field, common::v1::CHECK_DIGIT_MISMATCH,
                      "the check character does not match (GB 11643): a digit is mistyped");
      return std::nullopt;
    case runtime::NationalIdProblem::kBadBirthDate:
    case runtime::NationalIdProblem::kBirthDateInFuture:
      violations->Add(field, common::v1::ID_NUMBER_INCONSISTENT,
                      "the birth date in the number is not a real past date");
      return std::nullopt;
  }
  const std::string& address = check.parsed->address_code;
  // Regions of this province must be known to the tree (which keeps expired codes); numbers issued
  // in other provinces are accepted by their province code alone.
  const bool in_this_province = regions.Knows(address.substr(0, 2) + "0000");
  if (!IsProvincePrefix(address.substr(0, 2)) || (in_this_province && !regions.Knows(address))) {
    violations->Add(field, common::v1::ID_NUMBER_INCONSISTENT,
                    "the address code in the number is not a known region");
    return std::nullopt;
  }
  return check.parsed;
}

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
