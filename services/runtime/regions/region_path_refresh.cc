#include "runtime/regions/region_path_refresh.h"

#include <algorithm>
#include <set>

namespace jindu::runtime {

int RefreshRegionPaths(pqxx::work& tx, const std::string& schema, const RegionDirectory& regions,
                       const std::vector<std::string>& changed,
                       std::span<const RegionPathColumn> columns) {
  if (changed.empty()) return 0;
  int rewritten = 0;
  for (const RegionPathColumn& column : columns) {
    std::string inside;
    for (const std::string& code : changed) {
      if (!inside.empty()) inside += " OR ";
      inside += std::string(column.path_column) + " LIKE " + tx.quote("%;" + code + ";%");
    }
    std::set<std::string> codes;
    for (const auto& row : tx.exec("SELECT DISTINCT " + std::string(column.code_column) + " FROM " +
                                   schema + "." + column.table + " WHERE " + inside)) {
      codes.insert(row[0].as<std::string>());
    }
    for (const std::string& code : codes) {
      if (code.empty()) continue;
      rewritten += static_cast<int>(tx.exec_params("UPDATE " + schema + "." + column.table +
                                                       " SET " + column.path_column +
                                                       " = $1 WHERE " + column.code_column +
                                                       " = $2 AND " + column.path_column + " <> $1",
                                                   regions.EnclosingPath(code), code)
                                        .affected_rows());
    }
  }
  return rewritten;
}

std::vector<std::string> MovedByUpsert(const std::optional<RegionEntry>& before,
                                       const RegionEntry& after) {
  std::vector<std::string> moved;
  // A region learned for the first time: rows may already name it or lie under it (events of other
  // topics, and its children's events, can arrive before it), with paths that lack its ancestors.
  if (!before.has_value() || before->parent != after.parent) moved.push_back(after.code);
  std::set<std::string> old_members;
  if (before.has_value()) old_members.insert(before->members.begin(), before->members.end());
  std::set<std::string> new_members(after.members.begin(), after.members.end());
  std::set_symmetric_difference(old_members.begin(), old_members.end(), new_members.begin(),
                                new_members.end(), std::back_inserter(moved));
  return moved;
}

}  // namespace jindu::runtime
