#pragma once

// Who is calling, after authentication: the token's subject and what it was granted. Grants come
// either from the token's claims (development: every role in every listed region) or, in
// production, from the registration service's grant events (grants_principal_resolver.h): each
// role in its own region, so an auditor of the province who is also officer of one county acts as
// officer only in that county.

#include <string>
#include <string_view>
#include <vector>

namespace jindu::runtime {

// A role held for a region scope (the region and everything inside it).
struct RoleGrant {
  std::string role;  // "county_officer"
  std::string region_code;
  friend bool operator==(const RoleGrant&, const RoleGrant&) = default;
};

struct Principal {
  std::string subject;                     // claim "sub": a pseudonymous account id
  std::vector<std::string> roles;          // every role held somewhere (claim "roles")
  std::vector<std::string> region_scopes;  // every region where some role is held ("regions")
  // Which role is held where. Empty when roles and regions came as independent token claims:
  // then every role holds in every region.
  std::vector<RoleGrant> grants;

  bool HasRole(std::string_view role) const;
  // The regions in which the principal holds at least one of `roles`.
  std::vector<std::string> ScopesFor(const std::vector<std::string>& roles) const;
};

// Something that turns the authenticated caller (its token's subject and claims) into the caller
// as authorised: e.g. the replica of the registration service's grants.
class PrincipalResolver {
 public:
  virtual ~PrincipalResolver() = default;
  virtual Principal Resolve(const Principal& authenticated) const = 0;
};

}  // namespace jindu::runtime
