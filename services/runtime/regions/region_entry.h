#pragma once
// One region of the province's tree as every service knows it: the registration service's record,
// and what its RegionUpserted events carry to the replicas of the other services.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "jindu/common/v1/region.pb.h"
#include "jindu/registration/events/v1/region_events.pb.h"
#include "runtime/identity/civil_date.h"

namespace jindu::runtime {

struct RegionEntry {
  std::string code;
  std::string display_name;
  common::v1::RegionLevel level = common::v1::REGION_LEVEL_UNSPECIFIED;
  std::string parent;  // empty for the province
  CivilDate valid_from;
  std::optional<CivilDate> valid_to;    // first day no longer valid
  std::vector<std::string> members;     // special zones: the divisions they group
  std::vector<std::string> successors;  // when merged or renamed
  int64_t revision = 0;

  // valid_from <= date < valid_to.
  bool ValidOn(CivilDate date) const;
  // Equal in everything a CSV row states (not the revision).
  bool SameContent(const RegionEntry& other) const;
  friend bool operator==(const RegionEntry&, const RegionEntry&) = default;
};

registration::events::v1::RegionUpserted ToRegionUpserted(const RegionEntry& entry);
RegionEntry FromRegionUpserted(const registration::events::v1::RegionUpserted& event);

}  // namespace jindu::runtime
