#pragma once
// Role checks: every RPC names the roles it accepts (jindu.common.v1.Role). A principal's roles
// arrive as claim strings, the enum value's name in lower case without its prefix:
// ROLE_COUNTY_OFFICER is "county_officer".
#include <grpcpp/support/status.h>

#include <initializer_list>
#include <string>
#include <string_view>

#include "jindu/common/v1/role.pb.h"
#include "runtime/auth/principal.h"

namespace jindu::runtime {

// "county_officer" for ROLE_COUNTY_OFFICER.
std::string RoleClaim(common::v1::Role role);
// ROLE_UNSPECIFIED when the claim names no role.
common::v1::Role RoleFromClaim(std::string_view claim);

bool HasAnyRole(const Principal& principal, std::initializer_list<common::v1::Role> roles);

// OK, or PERMISSION_DENIED / ROLE_NOT_GRANTED naming the method and the roles it accepts.
grpc::Status RequireAnyRole(const Principal& principal, std::string_view method,
                            std::initializer_list<common::v1::Role> roles);

}  // namespace jindu::runtime
