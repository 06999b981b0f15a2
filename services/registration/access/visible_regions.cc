#include "registration/access/visible_regions.h"

#include "runtime/auth/region_code.h"

namespace jindu::registration {

std::vector<std::string> VisibleRegionCodes(const std::vector<std::string>& candidates,
                                            const runtime::CallerAccess& caller,
                                            const runtime::RegionDirectory& regions,
                                            const std::string& within_region_code) {
  std::vector<std::string> visible;
  for (const std::string& code : candidates) {
    if (!runtime::IsWellFormedRegionCode(code) || !caller.Covers(code)) continue;
    if (!within_region_code.empty() && !regions.Contains(within_region_code, code)) continue;
    visible.push_back(code);
  }
  return visible;
}

}  // namespace jindu::registration
