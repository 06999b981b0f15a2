#include "runtime/api/role_check.h"

#include <cctype>

#include "runtime/api/api_error.h"

namespace jindu::runtime {

std::string RoleClaim(common::v1::Role role) {
  std::string name = common::v1::Role_Name(role);
  constexpr std::string_view kPrefix = "ROLE_";
  if (name.starts_with(kPrefix)) name.erase(0, kPrefix.size());
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

common::v1::Role RoleFromClaim(std::string_view claim) {
  std::string name = "ROLE_";
  for (char c : claim) name += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  common::v1::Role role = common::v1::ROLE_UNSPECIFIED;
  if (!common::v1::Role_Parse(name, &role)) return common::v1::ROLE_UNSPECIFIED;
  return role;
}

bool HasAnyRole(const Principal& principal, std::initializer_list<common::v1::Role> roles) {
  for (common::v1::Role role : roles) {
    if (principal.HasRole(RoleClaim(role))) return true;
  }
  return false;
}

grpc::Status RequireAnyRole(const Principal& principal, std::string_view method,
                            std::initializer_list<common::v1::Role> roles) {
  if (HasAnyRole(principal, roles)) return grpc::Status::OK;
  std::string accepted;
  for (common::v1::Role role : roles) {
    if (!accepted.empty()) accepted += ", ";
    accepted += RoleClaim(role);
  }
  return ApiError(grpc::StatusCode::PERMISSION_DENIED, common::v1::ROLE_NOT_GRANTED,
                  std::string(method) + " needs one of the roles: " + accepted,
                  {{"method", std::string(method)}});
}

}  // namespace jindu::runtime
