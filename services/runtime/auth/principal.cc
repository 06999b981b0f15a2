#include "runtime/auth/principal.h"

#include <algorithm>

namespace jindu::runtime {

bool Principal::HasRole(std::string_view role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

std::vector<std::string> Principal::ScopesFor(const std::vector<std::string>& wanted) const {
  std::vector<std::string> scopes;
  auto add = [&scopes](const std::string& region) {
    if (std::find(scopes.begin(), scopes.end(), region) == scopes.end()) scopes.push_back(region);
  };
  if (grants.empty()) {
    for (const std::string& role : wanted) {
      if (HasRole(role)) {
        for (const std::string& region : region_scopes) add(region);
        break;
      }
    }
    return scopes;
  }
  for (const RoleGrant& grant : grants) {
    if (std::find(wanted.begin(), wanted.end(), grant.role) != wanted.end()) {
      add(grant.region_code);
    }
  }
  return scopes;
}

}  // namespace jindu::runtime
