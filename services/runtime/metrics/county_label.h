#pragma once

// The `county` label of per-county series (events published, the publicity review backlog): the
// 6-digit division code a region code starts with. A township or village code (9 or 12 digits)
// gives its county; a province or city code (6 digits) stays as it is; a special zone
// ("Z" + 8 digits) gives the division containing it (its digits 1..6); an empty code gives "none".
// About 130 counties in a province: bounded, unlike the region codes themselves, which would make
// one series per village.

#include <string>

namespace jindu::runtime {

std::string CountyLabel(const std::string& region_code);

}  // namespace jindu::runtime
