// Fuzzes the national ID number and phone number checks (runtime/identity) with arbitrary text:
// they must never crash, and what they accept must satisfy their own contracts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "runtime/identity/national_id_number.h"
#include "runtime/identity/phone_number.h"

namespace {

void Require(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace jindu::runtime;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const CivilDate today{2026, 12, 6};
  const NationalIdCheck check = CheckNationalIdNumber(text, today);
  Require(check.parsed.has_value() == (check.problem == NationalIdProblem::kNone));
  Require(!NationalIdProblemName(check.problem).empty());
  if (check.parsed) {
    Require(check.parsed->normalized.size() == 18);
    Require(check.parsed->address_code.size() == 6);
    // Accepting is stable: the normalized form is accepted again, as itself.
    const NationalIdCheck again = CheckNationalIdNumber(check.parsed->normalized, today);
    Require(again.parsed && again.parsed->normalized == check.parsed->normalized);
  }
  // The mask keeps the length and never shows positions 4 to 14.
  const std::string masked = MaskNationalIdNumber(text);
  Require(masked.size() == text.size());
  if (text.size() == 18) {
    Require(masked.substr(3, 11) == std::string(11, '*'));
  } else {
    Require(masked.find_first_not_of('*') == std::string::npos);
  }
  if (const auto phone = NormalizeMobilePhone(text)) {
    Require(phone->size() == 11);
    Require(MaskMobilePhone(*phone).size() == 11);
  }
  return 0;
}
