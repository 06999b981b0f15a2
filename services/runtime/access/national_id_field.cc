#include "runtime/access/national_id_field.h"

#include <set>

namespace jindu::runtime {
namespace {

// The province codes of GB/T 2260 (mainland, Taiwan, Hong Kong, Macao).
bool IsProvincePrefix(const std::string& two_digits) {
  static const std::set<std::string> kProvinces = {
      "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34",
      "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52",
      "53", "54", "61", "62", "63", "64", "65", "71", "81", "82"};
  return kProvinces.contains(two_digits);
}

}  // namespace

std::optional<ParsedNationalId> CheckNationalIdField(const std::string& field,
                                                     const std::string& text,
                                                     const RegionDirectory& regions,
                                                     CivilDate today, FieldViolations* violations) {
  if (text.empty()) {
    violations->Add(field, common::v1::FIELD_REQUIRED, "the 18-character ID number is required");
    return std::nullopt;
  }
  NationalIdCheck check = CheckNationalIdNumber(text, today);
  switch (check.problem) {
    case NationalIdProblem::kNone:
      break;
    case NationalIdProblem::kMalformed:
      violations->Add(field, common::v1::FIELD_MALFORMED,
                      "must be 17 digits and a check character 0-9 or X");
      return std::nullopt;
    case NationalIdProblem::kCheckDigitMismatch:
      violations->Add(field, common::v1::CHECK_DIGIT_MISMATCH,
                      "the check character does not match (GB 11643): a digit is mistyped");
      return std::nullopt;
    case NationalIdProblem::kBadBirthDate:
    case NationalIdProblem::kBirthDateInFuture:
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

}  // namespace jindu::runtime
