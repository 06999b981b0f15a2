#pragma once
// Every table of the casework service whose rows carry a region path, recomputed when a region
// moves in the tree (runtime/regions/region_path_refresh.h). The access audit log is deliberately
// absent: its entries record where a resource was when it was read, and are never rewritten.
#include "runtime/regions/region_path_refresh.h"

namespace jindu::casework {

inline constexpr runtime::RegionPathColumn kRegionPathColumns[] = {
    {"cases", "residence_region_code", "region_path"},
    {"case_transfers", "from_region_code", "from_region_path"},
    {"case_transfers", "to_region_code", "to_region_path"},
    {"pairings", "region_code", "region_path"},
    {"tips", "region_code", "region_path"},
};

}  // namespace jindu::casework
