#pragma once

// Citizen identity numbers of the People's Republic of China (公民身份号码, GB 11643-1999): the
// number people give when they register, and the one personal identifier jindu must never leak.
//
// Layout of the 18 characters:
//   1-6    address code (GB/T 2260 county where the number was first issued)
//   7-14   birth date, YYYYMMDD
//   15-17  sequence number; the 17th digit is odd for men and even for women
//   18     check character, ISO 7064 MOD 11-2 over the first 17 digits: 0-9 or X (for 10)
//
// Only the 18-character form is accepted. The old 15-digit form (two-digit year, no check digit)
// has not been issued since 2004, when the second-generation cards replaced the first, and is not
// accepted for new registrations: it cannot be checked for typos and its century is a guess.

#include <optional>
#include <string>
#include <string_view>

#include "runtime/identity/civil_date.h"

namespace jindu::runtime {

// What is wrong with a number, checked in this order: the first problem found is the one reported.
enum class NationalIdProblem {
  kNone,
  kMalformed,           // not 17 ASCII digits followed by a digit, 'X' or 'x'
  kCheckDigitMismatch,  // well formed, but the check character does not match: likely a typo
  kBadBirthDate,        // check character fine, but positions 7-14 are no real date after 1900
  kBirthDateInFuture,   // a real date, but later than today
};

// The parts of a number that passed every check.
struct ParsedNationalId {
  std::string normalized;    // the 18 characters, a lower-case 'x' written as 'X'
  std::string address_code;  // the first 6 digits
  int birth_year = 0;
  int birth_month = 0;
  int birth_day = 0;
  bool male = false;  // the 17th digit is odd
};

struct NationalIdCheck {
  NationalIdProblem problem = NationalIdProblem::kMalformed;
  std::optional<ParsedNationalId> parsed;  // present exactly when problem is kNone
};

// Checks `text` as typed (no trimming: surrounding spaces make it malformed). `today` is the date
// in China, normally TodayInShanghai(); a birth date on `today` is accepted. Never throws.
NationalIdCheck CheckNationalIdNumber(std::string_view text, CivilDate today);

// For logs and screens that must show which number without showing it: the first 3 characters
// (the province and city), 11 '*', the last 4, e.g. "430***********1234". Anything that is not 18
// characters long comes back as '*' only, the same length, so nothing of it leaks either.
std::string MaskNationalIdNumber(std::string_view normalized);

// A stable snake_case name for metrics labels and error details: "none", "malformed",
// "check_digit_mismatch", "bad_birth_date", "birth_date_in_future".
std::string_view NationalIdProblemName(NationalIdProblem problem);

}  // namespace jindu::runtime
