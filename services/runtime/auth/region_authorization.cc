#include "runtime/auth/region_authorization.h"

#include "runtime/auth/region_code.h"

namespace jindu::runtime {

bool MayActOnRegion(const Principal& principal, std::string_view region_code,
                    const RegionHierarchy& hierarchy) {
  for (const auto& scope : principal.region_scopes) {
    if (hierarchy.Contains(scope, region_code)) return true;
  }
  return false;
}

grpc::Status AuthorizeRegion(const Principal& principal, std::string_view region_code,
                             const RegionHierarchy& hierarchy) {
  if (MayActOnRegion(principal, region_code, hierarchy)) return grpc::Status::OK;
  if (!IsWellFormedRegionCode(region_code)) {
    // Not echoed: it is caller input of any length and content.
    return grpc::Status(grpc::StatusCode::PERMISSION_DENIED,
                        "principal may not act on a malformed region code (expected 6, 9 or 12 "
                        "digits)");
  }
  return grpc::Status(
      grpc::StatusCode::PERMISSION_DENIED,
      "principal may not act on region " + std::string(region_code) + ": outside its scopes");
}

}  // namespace jindu::runtime
