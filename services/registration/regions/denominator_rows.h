#pragma once
// Reads a denominators CSV file (RegionService.ImportRegionDenominators): header
// code,year,population,students_enrolled; each code a known region, year 2000..9999, counts >= 0.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "runtime/api/api_error.h"
#include "runtime/regions/region_directory.h"

namespace jindu::registration {

struct RegionYear {
  std::string code;
  int year = 0;
  int64_t population = 0;
  std::optional<int64_t> students_enrolled;
  friend bool operator==(const RegionYear&, const RegionYear&) = default;
};

std::vector<RegionYear> ReadDenominatorRows(const std::string& csv,
                                            const runtime::RegionDirectory& regions,
                                            runtime::FieldViolations* violations);

}  // namespace jindu::registration
