#pragma once
// Decides what an import changes, against the tree as stored: every parent, member and successor
// must be known (in the file or stored), parents one level up, no region inside itself. Rows equal
// to the stored region change nothing, so importing the same file twice writes nothing the second
// time.
#include <map>
#include <string>
#include <vector>

#include "registration/regions/region_rows.h"

namespace jindu::registration {

struct RegionImportPlan {
  std::vector<runtime::RegionEntry> created;  // revision 1
  std::vector<runtime::RegionEntry> updated;  // revision = stored + 1
  int unchanged = 0;
};

// `stored`: every region stored, by code. Violations go to *violations ("rows[i].parent" ...).
RegionImportPlan PlanRegionImport(const std::vector<RegionRow>& rows,
                                  const std::map<std::string, runtime::RegionEntry>& stored,
                                  runtime::FieldViolations* violations);

// Whether a region of level `parent` may hold one of level `child` directly.
bool ParentLevelFits(common::v1::RegionLevel child, common::v1::RegionLevel parent);

}  // namespace jindu::registration
