#pragma once

// Helpers shared by the fuzz targets: a fixed region tree (what the validation functions look codes
// up in, as the services' replicas would hold it), a fixed "today", and a check that aborts (so
// libFuzzer reports the input) when a function breaks its own contract.

#include <google/protobuf/stubs/logging.h>

#include <cstdlib>
#include <string>

#include "runtime/api/api_error.h"
#include "runtime/identity/civil_date.h"
#include "runtime/regions/region_directory.h"

namespace jindu::fuzz {

inline void Require(bool condition) {
  if (!condition) std::abort();
}

// libprotobuf logs every string field that is no UTF-8: silence, not a finding, and slow.
inline const bool kProtobufLogsDiscarded = [] {
  google::protobuf::SetLogHandler(nullptr);
  return true;
}();

inline constexpr runtime::CivilDate kToday{2026, 12, 6};

// Province 430000, city 430100, counties 430102/430103, a township and a village, a special zone.
inline const runtime::RegionDirectory& Regions() {
  static const runtime::RegionDirectory* regions = [] {
    auto* directory = new runtime::RegionDirectory();
    auto add = [directory](std::string code, common::v1::RegionLevel level, std::string parent) {
      runtime::RegionEntry entry;
      entry.code = std::move(code);
      entry.display_name = "region " + entry.code;
      entry.level = level;
      entry.parent = std::move(parent);
      entry.valid_from = {2000, 1, 1};
      entry.revision = 1;
      directory->Upsert(std::move(entry));
    };
    add("430000", common::v1::REGION_LEVEL_PROVINCE, "");
    add("430100", common::v1::REGION_LEVEL_CITY, "430000");
    add("430102", common::v1::REGION_LEVEL_COUNTY, "430100");
    add("430103", common::v1::REGION_LEVEL_COUNTY, "430100");
    add("430102001", common::v1::REGION_LEVEL_TOWNSHIP, "430102");
    add("430102001001", common::v1::REGION_LEVEL_VILLAGE, "430102001");
    return directory;
  }();
  return *regions;
}

// A rejected request must say why: every violation names a field and has a description, and
// ToStatus() is INVALID_ARGUMENT exactly when there are violations.
inline void CheckViolations(const runtime::FieldViolations& violations) {
  for (const auto& violation : violations.violations()) {
    Require(!violation.field.empty());
    Require(!violation.description.empty());
  }
  const grpc::Status status = violations.ToStatus();
  Require(status.ok() == violations.empty());
  if (!violations.empty()) Require(status.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
}

}  // namespace jindu::fuzz
