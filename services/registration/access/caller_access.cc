#include "registration/access/caller_access.h"

#include "runtime/api/api_error.h"
#include "runtime/api/role_check.h"

namespace jindu::registration {

grpc::Status CallerAccess::RequireRole(std::string_view method,
                                       std::initializer_list<common::v1::Role> roles) const {
  return runtime::RequireAnyRole(principal_, method, roles);
}

bool CallerAccess::Covers(std::string_view region_code) const {
  if (runtime::HasAnyRole(principal_, {common::v1::ROLE_SYSTEM_CALLER})) {
    return regions_.Knows(region_code);
  }
  for (const std::string& scope : principal_.region_scopes) {
    if (regions_.Contains(scope, region_code)) return true;
  }
  return false;
}

grpc::Status CallerAccess::RequireNamedRegion(std::string_view field,
                                              const std::string& region_code) const {
  if (Covers(region_code)) return grpc::Status::OK;
  return runtime::ApiError(
      grpc::StatusCode::PERMISSION_DENIED, common::v1::REGION_OUT_OF_SCOPE,
      std::string(field) + ": region " + region_code + " is outside the caller's region scopes",
      {{"region_code", region_code}});
}

std::string CallerAccess::RolesText() const {
  std::string text;
  for (const std::string& role : principal_.roles) {
    if (!text.empty()) text += ',';
    text += role;
  }
  return text;
}

}  // namespace jindu::registration
