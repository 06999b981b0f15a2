#include "runtime/postgres/sql_arrays.h"

#include <stdexcept>

namespace jindu::runtime {

std::string PlainTextArray(const std::vector<std::string>& values) {
  std::string literal = "{";
  for (const std::string& value : values) {
    for (char c : value) {
      const bool plain =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
      // A bug, not bad input: callers pass only validated ids and codes.
      if (!plain) throw std::invalid_argument("array value needs quoting");
    }
    if (literal.size() > 1) literal += ',';
    literal += value;
  }
  return literal + "}";
}

}  // namespace jindu::runtime
