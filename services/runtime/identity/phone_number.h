#pragma once

// Mainland China mobile phone numbers: 11 digits, the first '1' and the second 3-9 (the ranges the
// carriers are allocated), as people write them in registration forms.

#include <optional>
#include <string>
#include <string_view>

namespace jindu::runtime {

// The 11 digits, or nothing when `text` is not a mainland mobile number. A country code written as
// "+86" or "86" in front is dropped. Nothing else is tolerated: no spaces, hyphens, parentheses or
// surrounding whitespace, so what is stored is exactly what was checked.
std::optional<std::string> NormalizeMobilePhone(std::string_view text);

// For logs and screens: the first 3 digits (the carrier's prefix), 4 '*', the last 4, e.g.
// "138****5678". Anything that is not 11 characters long comes back as '*' only, the same length.
std::string MaskMobilePhone(std::string_view eleven_digits);

}  // namespace jindu::runtime
