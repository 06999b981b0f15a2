#pragma once

// Containment read from the codes themselves (see region_code.h): province PP0000 contains every
// code starting with PP, city PPCC00 every code starting with PPCC, county PPCCDD the 9- and
// 12-digit codes starting with it, township PPCCDDTTT the 12-digit codes starting with it. Needs no
// data, but knows nothing of zones that cut across the code structure: use RegionTree for those.

#include "runtime/auth/region_hierarchy.h"

namespace jindu::runtime {

class GbT2260Hierarchy final : public RegionHierarchy {
 public:
  bool Contains(std::string_view ancestor, std::string_view region) const override;
};

}  // namespace jindu::runtime
