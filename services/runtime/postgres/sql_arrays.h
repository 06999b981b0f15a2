#pragma once
// Lists of ids and region codes passed to PostgreSQL as one text[] parameter ("= ANY($1::text[])"),
// so a query's text does not grow with the list.
#include <string>
#include <vector>

namespace jindu::runtime {

// An array literal ("{a,b,c}") of values made only of letters, digits and '-' (resource ids the
// service assigned, well-formed region codes): such values need no quoting. Callers validate the
// values first; anything else must not be passed.
std::string PlainTextArray(const std::vector<std::string>& values);

}  // namespace jindu::runtime
