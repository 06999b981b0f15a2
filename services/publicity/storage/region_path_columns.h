#pragma once
// Every table of the publicity service whose rows carry a region path, recomputed when a region
// moves in the tree (runtime/regions/region_path_refresh.h).
#include "runtime/regions/region_path_refresh.h"

namespace jindu::publicity {

inline constexpr runtime::RegionPathColumn kRegionPathColumns[] = {
    {"organization_replica", "region_code", "region_path"},
    {"news_reports", "region_code", "region_path"},
    {"activities", "region_code", "region_path"},
    {"campaign_regions", "region_code", "region_path"},
    {"participation_tallies", "region_code", "region_path"},
};

}  // namespace jindu::publicity
