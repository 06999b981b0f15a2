#pragma once
// Rows carry region_path, every region containing theirs, so that "inside region X" is one LIKE in
// SQL. When the tree changes under them (a region re-parented, a member added to or removed from a
// special zone), the rows inside get their paths recomputed from the new tree, so lists and scopes
// follow the tree at once. Each service names the columns it keeps paths in.
#include <pqxx/pqxx>
#include <span>
#include <string>
#include <vector>

#include "runtime/regions/region_directory.h"
#include "runtime/regions/region_entry.h"

namespace jindu::runtime {

struct RegionPathColumn {
  const char* table;
  const char* code_column;  // the row's own region
  const char* path_column;  // EnclosingPath of it
};

// `changed`: codes whose place in the tree changed. Returns the number of rows rewritten.
int RefreshRegionPaths(pqxx::work& tx, const std::string& schema, const RegionDirectory& regions,
                       const std::vector<std::string>& changed,
                       std::span<const RegionPathColumn> columns);

// The codes whose place in the tree an upsert changes: the region itself when it is new or its
// parent changed, and the members a special zone gained or lost (all of a new zone's members).
// Rows stored before a region was known (other topics' events, its children's events, arrive in
// any order) get their paths completed this way. Empty for a rename.
std::vector<std::string> MovedByUpsert(const std::optional<RegionEntry>& before,
                                       const RegionEntry& after);

}  // namespace jindu::runtime
