#include "runtime/auth/gbt2260_hierarchy.h"

#include "runtime/auth/region_code.h"

namespace jindu::runtime {

bool GbT2260Hierarchy::Contains(std::string_view ancestor, std::string_view region) const {
  if (!IsWellFormedRegionCode(ancestor) || !IsWellFormedRegionCode(region)) return false;
  if (ancestor == region) return true;
  // What a special zone groups is not in its code; only a RegionTree knows.
  if (IsSpecialZoneCode(ancestor) || IsSpecialZoneCode(region)) return false;
  if (region.size() < ancestor.size()) return false;
  if (ancestor.size() == 6) {
    if (ancestor.substr(2) == "0000") return region.starts_with(ancestor.substr(0, 2));
    if (ancestor.substr(4) == "00") return region.starts_with(ancestor.substr(0, 4));
    // A county contains townships and villages, never another six-digit code.
    return region.size() > 6 && region.starts_with(ancestor);
  }
  if (ancestor.size() == 9) return region.size() == 12 && region.starts_with(ancestor);
  return false;  // a village contains only itself
}

}  // namespace jindu::runtime
