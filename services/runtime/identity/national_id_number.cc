#include "runtime/identity/national_id_number.h"

#include <array>
#include <utility>

namespace jindu::runtime {
namespace {

constexpr std::size_t kNationalIdLength = 18;

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

int DigitValue(char c) { return c - '0'; }

// ISO 7064 MOD 11-2: weight i is 2^(17 - i) mod 11 for the digits at positions 1..17; the weighted
// sum mod 11 selects the check character.
char ExpectedCheckCharacter(std::string_view first_17_digits) {
  constexpr std::array<int, 17> kWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  constexpr std::string_view kCheckCharacters = "10X98765432";
  int sum = 0;
  for (std::size_t i = 0; i < kWeights.size(); ++i) {
    sum += DigitValue(first_17_digits[i]) * kWeights[i];
  }
  return kCheckCharacters[static_cast<std::size_t>(sum % 11)];
}

// The value of the ASCII digits in `digits` (already known to be digits).
int DigitsValue(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + DigitValue(c);
  return value;
}

NationalIdCheck Problem(NationalIdProblem problem) {
  return NationalIdCheck{.problem = problem, .parsed = std::nullopt};
}

}  // namespace

NationalIdCheck CheckNationalIdNumber(std::string_view text, CivilDate today) {
  if (text.size() != kNationalIdLength) return Problem(NationalIdProblem::kMalformed);
  for (std::size_t i = 0; i + 1 < kNationalIdLength; ++i) {
    if (!IsAsciiDigit(text[i])) return Problem(NationalIdProblem::kMalformed);
  }
  char check = text[kNationalIdLength - 1];
  if (check == 'x') check = 'X';
  if (!IsAsciiDigit(check) && check != 'X') return Problem(NationalIdProblem::kMalformed);

  if (check != ExpectedCheckCharacter(text.substr(0, 17))) {
    return Problem(NationalIdProblem::kCheckDigitMismatch);
  }

  const CivilDate birth{.year = DigitsValue(text.substr(6, 4)),
                        .month = DigitsValue(text.substr(10, 2)),
                        .day = DigitsValue(text.substr(12, 2))};
  if (birth.year < 1900 || !IsValidCivilDate(birth)) {
    return Problem(NationalIdProblem::kBadBirthDate);
  }
  if (birth > today) return Problem(NationalIdProblem::kBirthDateInFuture);

  ParsedNationalId parsed;
  parsed.normalized = std::string(text.substr(0, 17));
  parsed.normalized.push_back(check);
  parsed.address_code = std::string(text.substr(0, 6));
  parsed.birth_year = birth.year;
  parsed.birth_month = birth.month;
  parsed.birth_day = birth.day;
  parsed.male = DigitValue(text[16]) % 2 == 1;
  return NationalIdCheck{.problem = NationalIdProblem::kNone, .parsed = std::move(parsed)};
}

std::string MaskNationalIdNumber(std::string_view normalized) {
  if (normalized.size() != kNationalIdLength) return std::string(normalized.size(), '*');
  std::string masked(normalized.substr(0, 3));
  masked.append(11, '*');
  masked.append(normalized.substr(14, 4));
  return masked;
}

std::string_view NationalIdProblemName(NationalIdProblem problem) {
  switch (problem) {
    case NationalIdProblem::kNone:
      return "none";
    case NationalIdProblem::kMalformed:
      return "malformed";
    case NationalIdProblem::kCheckDigitMismatch:
      return "check_digit_mismatch";
    case NationalIdProblem::kBadBirthDate:
      return "bad_birth_date";
    case NationalIdProblem::kBirthDateInFuture:
      return "birth_date_in_future";
  }
  return "unknown";
}

}  // namespace jindu::runtime
