#pragma once

// Shapes of administrative division codes: GB/T 2260 six-digit codes for provinces (PP0000), cities
// (PPCC00) and counties (PPCCDD), extended by three digits for townships (GB/T 10114) and three
// more for villages and communities, as the statistics bureau's urban-rural division codes do.

#include <optional>
#include <string>
#include <string_view>

namespace jindu::runtime {

// Digits only, 6, 9 or 12 long, or a special-zone code. Anything else is malformed and never
// matches a scope.
bool IsWellFormedRegionCode(std::string_view code);

// A special zone (a state-level new area, a development zone): "Z" and 8 digits, the first 6 being
// the smallest division containing the whole zone. Not a division: it has no structural parent, and
// what it contains comes from explicit edges (RegionTree).
bool IsSpecialZoneCode(std::string_view code);

// The next enclosing division by code structure: village -> township -> county -> city ->
// province; nothing for a province, a special zone or a malformed code. A county "PP00DD" directly
// under its province returns the province.
std::optional<std::string> StructuralParentRegion(std::string_view code);

}  // namespace jindu::runtime
