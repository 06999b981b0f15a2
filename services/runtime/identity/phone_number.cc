#include "runtime/identity/phone_number.h"

namespace jindu::runtime {
namespace {

constexpr std::size_t kMobileLength = 11;

}  // namespace

std::optional<std::string> NormalizeMobilePhone(std::string_view text) {
  // A mobile number starts with '1', so a leading "86" can only be the country code.
  if (text.starts_with("+86")) {
    text.remove_prefix(3);
  } else if (text.starts_with("86")) {
    text.remove_prefix(2);
  }
  if (text.size() != kMobileLength) return std::nullopt;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  if (text[0] != '1' || text[1] < '3') return std::nullopt;
  return std::string(text);
}

std::string MaskMobilePhone(std::string_view eleven_digits) {
  if (eleven_digits.size() != kMobileLength) return std::string(eleven_digits.size(), '*');
  std::string masked(eleven_digits.substr(0, 3));
  masked.append(4, '*');
  masked.append(eleven_digits.substr(7, 4));
  return masked;
}

}  // namespace jindu::runtime
