#include "registration/storage/region_path_refresh.h"

#include <set>

namespace jindu::registration {
namespace {

struct PathColumn {
  const char* table;
  const char* code_column;
  const char* path_column;
};

// Every table whose rows carry a region path.
constexpr PathColumn kPathColumns[] = {
    {"organizations", "region_code", "region_path"},
    {"volunteers", "residence_region_code", "region_path"},
    {"grants", "region_code", "region_path"},
    {"volunteer_transfers", "to_region_code", "to_region_path"},
    {"volunteer_transfers", "from_region_code", "from_region_path"},
};

}  // namespace

int RefreshRegionPaths(pqxx::work& tx, const std::string& schema,
                       const runtime::RegionDirectory& regions,
                       const std::vector<std::string>& changed) {
  if (changed.empty()) return 0;
  int rewritten = 0;
  for (const PathColumn& column : kPathColumns) {
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

}  // namespace jindu::registration
