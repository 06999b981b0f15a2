#pragma once
// Reads the rows of a region CSV file (RegionService.ImportRegions) into entries, checking each row
// on its own: code shape, name, level agreeing with the code, dates. What needs the whole tree
// (known parents, cycles, members) is region_import_plan.h's job.
#include <string>
#include <vector>

#include "runtime/api/api_error.h"
#include "runtime/regions/region_entry.h"

namespace jindu::registration {

struct RegionRow {
  int index = 0;  // 0-based data row, for "rows[12].valid_to"
  runtime::RegionEntry entry;
};

// At most this many violations are reported; reading stops there.
inline constexpr size_t kMaxReportedViolations = 100;

// Parses `csv` (header code,name,level,parent,valid_from,valid_to[,members][,successors]).
// Violations go to *violations with paths "csv" (the file as a whole) or "rows[i].<column>".
std::vector<RegionRow> ReadRegionRows(const std::string& csv, runtime::FieldViolations* violations);

// The level a code's shape allows: 9 digits township, 12 village, Z-codes special zones; a 6-digit
// code is a province (PP0000), a city (PPCC00) or a county, though a county-level city directly
// under a province (PP90DD) also ends in digits. Returns whether `level` fits `code`.
bool LevelFitsCode(common::v1::RegionLevel level, const std::string& code);

// "province" -> REGION_LEVEL_PROVINCE ...; UNSPECIFIED for anything else.
common::v1::RegionLevel ParseRegionLevel(const std::string& text);
std::string RegionLevelWord(common::v1::RegionLevel level);

}  // namespace jindu::registration
