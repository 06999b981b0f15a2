#include "registration/regions/region_import_plan.h"

#include <unordered_map>
#include <unordered_set>

namespace jindu::registration {
namespace {

using common::v1::RegionLevel;

std::string Path(int index, const char* column) {
  return "rows[" + std::to_string(index) + "]." + column;
}

bool IsDivision(RegionLevel level) {
  return level != common::v1::REGION_LEVEL_UNSPECIFIED &&
         level != common::v1::REGION_LEVEL_SPECIAL_ZONE;
}

}  // namespace

bool ParentLevelFits(RegionLevel child, RegionLevel parent) {
  switch (child) {
    case common::v1::REGION_LEVEL_CITY:
      return parent == common::v1::REGION_LEVEL_PROVINCE;
    case common::v1::REGION_LEVEL_COUNTY:  // county-level cities directly under the province too
      return parent == common::v1::REGION_LEVEL_CITY || parent == common::v1::REGION_LEVEL_PROVINCE;
    case common::v1::REGION_LEVEL_TOWNSHIP:  // cities without counties (东莞) hold townships
      return parent == common::v1::REGION_LEVEL_COUNTY || parent == common::v1::REGION_LEVEL_CITY;
    case common::v1::REGION_LEVEL_VILLAGE:
      return parent == common::v1::REGION_LEVEL_TOWNSHIP;
    case common::v1::REGION_LEVEL_SPECIAL_ZONE:
      return parent == common::v1::REGION_LEVEL_PROVINCE ||
             parent == common::v1::REGION_LEVEL_CITY || parent == common::v1::REGION_LEVEL_COUNTY;
    default:
      return false;
  }
}

RegionImportPlan PlanRegionImport(const std::vector<RegionRow>& rows,
                                  const std::map<std::string, runtime::RegionEntry>& stored,
                                  runtime::FieldViolations* violations) {
  // The tree as it would be after the import.
  std::unordered_map<std::string, const runtime::RegionEntry*> merged;
  merged.reserve(stored.size() + rows.size());
  for (const auto& [code, entry] : stored) merged[code] = &entry;
  for (const RegionRow& row : rows) merged[row.entry.code] = &row.entry;
  auto find = [&](const std::string& code) -> const runtime::RegionEntry* {
    auto it = merged.find(code);
    return it == merged.end() ? nullptr : it->second;
  };

  for (const RegionRow& row : rows) {
    if (violations->size() >= kMaxReportedViolations) break;
    const runtime::RegionEntry& entry = row.entry;
    if (!entry.parent.empty()) {
      const runtime::RegionEntry* parent = find(entry.parent);
      if (parent == nullptr) {
        violations->Add(Path(row.index, "parent"), common::v1::REFERENCE_NOT_FOUND,
                        "parent " + entry.parent + " is neither stored nor in the file");
      } else if (!ParentLevelFits(entry.level, parent->level)) {
        violations->Add(Path(row.index, "parent"), common::v1::VALUE_NOT_ALLOWED,
                        "a " + RegionLevelWord(entry.level) + " cannot lie directly in a " +
                            RegionLevelWord(parent->level) + " (" + entry.parent + ")");
      } else {
        // Walk up: reaching the row again means the file makes a region its own ancestor.
        std::unordered_set<std::string> seen{entry.code};
        for (const runtime::RegionEntry* up = parent; up != nullptr; up = find(up->parent)) {
          if (!seen.insert(up->code).second) {
            violations->Add(
                Path(row.index, "parent"), common::v1::VALUE_NOT_ALLOWED,
                "parent links from " + entry.code + " form a cycle through " + up->code);
            break;
          }
          if (up->parent.empty()) break;
        }
      }
    }
    for (const std::string& member : entry.members) {
      const runtime::RegionEntry* known = find(member);
      if (known == nullptr) {
        violations->Add(Path(row.index, "members"), common::v1::REFERENCE_NOT_FOUND,
                        "member " + member + " is neither stored nor in the file");
        break;
      }
      if (!IsDivision(known->level) || known->level == common::v1::REGION_LEVEL_PROVINCE) {
        violations->Add(Path(row.index, "members"), common::v1::VALUE_NOT_ALLOWED,
                        "member " + member + " must be a city, county, township or village");
        break;
      }
    }
    for (const std::string& successor : entry.successors) {
      if (find(successor) == nullptr) {
        violations->Add(Path(row.index, "successors"), common::v1::REFERENCE_NOT_FOUND,
                        "successor " + successor + " is neither stored nor in the file");
        break;
      }
    }
    if (auto it = stored.find(entry.code); it != stored.end() && it->second.level != entry.level) {
      violations->Add(
          Path(row.index, "level"), common::v1::FIELD_IMMUTABLE,
          "stored as " + RegionLevelWord(it->second.level) + "; a region's level never changes");
    }
  }

  RegionImportPlan plan;
  violations->LimitTo(kMaxReportedViolations);
  if (!violations->empty()) return plan;
  for (const RegionRow& row : rows) {
    auto it = stored.find(row.entry.code);
    if (it == stored.end()) {
      runtime::RegionEntry created = row.entry;
      created.revision = 1;
      plan.created.push_back(std::move(created));
    } else if (it->second.SameContent(row.entry)) {
      ++plan.unchanged;
    } else {
      runtime::RegionEntry updated = row.entry;
      updated.revision = it->second.revision + 1;
      plan.updated.push_back(std::move(updated));
    }
  }
  return plan;
}

}  // namespace jindu::registration
