#pragma once
// Rows carry region_path, every region containing theirs, so that "inside region X" is one LIKE in
// SQL. When an import re-parents a region or changes a special zone's members, the rows inside it
// get their paths recomputed from the new tree, so lists and scopes follow the tree at once.
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "runtime/regions/region_directory.h"

namespace jindu::registration {

// `changed`: codes whose place in the tree changed (a re-parented region, a member added to or
// removed from a zone). Returns the number of rows rewritten.
int RefreshRegionPaths(pqxx::work& tx, const std::string& schema,
                       const runtime::RegionDirectory& regions,
                       const std::vector<std::string>& changed);

}  // namespace jindu::registration
