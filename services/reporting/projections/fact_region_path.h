#pragma once
// The region path stored with a fact (";430000;430100;430102;", special zones included), which
// figures roll up by. During a replay into an empty schema the facts' topics and the region topic
// are read side by side, so a fact can arrive before its region (or a region above it) is known
// here. The region replica completes such rows when the region arrives (MovedByUpsert), but a fact
// committed while that refresh runs would miss it: so a fact also waits, for a bounded time, until
// its region's chain up to the root is known. In steady operation the region is known and this
// costs one lookup.
#include <chrono>
#include <string>

#include "runtime/regions/region_directory.h"

namespace jindu::reporting {

// EnclosingPath(code) once `code` and every region above it are in `regions`; after `patience`
// the best path known (logged). Empty for an empty code.
std::string FactRegionPath(const runtime::RegionDirectory& regions, const std::string& code,
                           std::chrono::milliseconds patience = std::chrono::seconds(20));

}  // namespace jindu::reporting
