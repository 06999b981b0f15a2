#pragma once
// Lists filter by region in SQL: of the region codes that rows of a list can carry (a small set:
// the regions organisations and sessions sit in), the ones the caller may see. The region tree is
// not a prefix tree (special zones contain districts of several cities), so containment is asked
// of the directory, code by code, not written as a LIKE pattern.
#include <string>
#include <vector>

#include "registration/access/caller_access.h"
#include "runtime/regions/region_directory.h"

namespace jindu::registration {

// The candidates that the caller's scopes cover and, when `within_region_code` is not empty, that
// lie inside it.
std::vector<std::string> VisibleRegionCodes(const std::vector<std::string>& candidates,
                                            const runtime::CallerAccess& caller,
                                            const runtime::RegionDirectory& regions,
                                            const std::string& within_region_code);

}  // namespace jindu::registration
