#pragma once

// Which administrative divisions lie inside which. Authorisation asks it whether a region a caller
// wants to act on falls within one of the caller's scopes.

#include <string_view>

namespace jindu::runtime {

class RegionHierarchy {
 public:
  virtual ~RegionHierarchy() = default;

  // True when region equals ancestor or is one of its descendants. Malformed codes never match.
  // Implementations are safe to call from many threads at once.
  virtual bool Contains(std::string_view ancestor, std::string_view region) const = 0;
};

}  // namespace jindu::runtime
