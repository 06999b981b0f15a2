#include "runtime/auth/region_code.h"

namespace jindu::runtime {

namespace {

bool AllDigits(std::string_view text) {
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

bool IsSpecialZoneCode(std::string_view code) {
  return code.size() == 9 && code[0] == 'Z' && AllDigits(code.substr(1));
}

bool IsWellFormedRegionCode(std::string_view code) {
  if (IsSpecialZoneCode(code)) return true;
  if (code.size() != 6 && code.size() != 9 && code.size() != 12) return false;
  return AllDigits(code);
}

std::optional<std::string> StructuralParentRegion(std::string_view code) {
  if (!IsWellFormedRegionCode(code) || IsSpecialZoneCode(code)) return std::nullopt;
  if (code.size() == 12) return std::string(code.substr(0, 9));
  if (code.size() == 9) return std::string(code.substr(0, 6));
  if (code.substr(4, 2) != "00") return std::string(code.substr(0, 4)) + "00";
  if (code.substr(2, 2) != "00") return std::string(code.substr(0, 2)) + "0000";
  return std::nullopt;
}

}  // namespace jindu::runtime
