#pragma once

// Who is calling, after authentication: the token's subject and what it was granted. For now roles
// and region scopes come from the token's claims (development); later they are grants replicated
// from the registration service's events, and only the subject comes from the token.

#include <string>
#include <string_view>
#include <vector>

namespace jindu::runtime {

struct Principal {
  std::string subject;                     // claim "sub": a pseudonymous account id
  std::vector<std::string> roles;          // claim "roles"
  std::vector<std::string> region_scopes;  // claim "regions": GB/T 2260 codes it may act on

  bool HasRole(std::string_view role) const;
};

}  // namespace jindu::runtime
