#include "runtime/access/caller_access.h"

#include <algorithm>

#include "runtime/api/api_error.h"
#include "runtime/api/role_check.h"

namespace jindu::runtime {

grpc::Status CallerAccess::RequireRole(std::string_view method,
                                       std::initializer_list<common::v1::Role> roles) {
  grpc::Status status = RequireAnyRole(principal_, method, roles);
  if (!status.ok()) return status;
  std::vector<std::string> claims;
  for (common::v1::Role role : roles) {
    claims.push_back(RoleClaim(role));
    // A system caller reaches every region, but only through a method that accepts it.
    if (role == common::v1::ROLE_SYSTEM_CALLER && principal_.HasRole(claims.back())) {
      system_caller_ = true;
    }
  }
  scopes_ = principal_.ScopesFor(claims);
  return status;
}

bool CallerAccess::Covers(std::string_view region_code) const {
  if (system_caller_) return regions_.Knows(region_code);
  for (const std::string& scope : scopes_) {
    if (regions_.Contains(scope, region_code)) return true;
  }
  return false;
}

grpc::Status CallerAccess::RequireNamedRegion(std::string_view field,
                                              const std::string& region_code) const {
  if (Covers(region_code)) return grpc::Status::OK;
  return ApiError(
      grpc::StatusCode::PERMISSION_DENIED, common::v1::REGION_OUT_OF_SCOPE,
      std::string(field) + ": region " + region_code + " is outside the caller's region scopes",
      {{"region_code", region_code}});
}

grpc::Status CallerAccess::ListScope(std::string_view within_field,
                                     const std::string& within_region_code,
                                     std::vector<std::string>* regions, bool* all) const {
  regions->clear();
  *all = false;
  if (!within_region_code.empty()) {
    if (auto status = RequireNamedRegion(within_field, within_region_code); !status.ok()) {
      return status;
    }
    regions->push_back(within_region_code);
    return grpc::Status::OK;
  }
  if (system_caller_) {
    *all = true;
    return grpc::Status::OK;
  }
  *regions = scopes_;
  return grpc::Status::OK;
}

void CheckRegionFilter(FieldViolations& violations, const RegionDirectory& regions,
                       const std::string& field, const std::string& code) {
  if (!code.empty() && !regions.Knows(code)) {
    violations.Add(field, common::v1::REFERENCE_NOT_FOUND, "not a known region code");
  }
}

std::string RegionPathPattern(const std::string& region_code) { return "%;" + region_code + ";%"; }

std::string RegionPathCondition(pqxx::transaction_base& tx, const std::string& column,
                                const std::vector<std::string>& regions, bool all) {
  if (all) return "TRUE";
  if (regions.empty()) return "FALSE";
  std::string condition = "(";
  for (size_t i = 0; i < regions.size(); ++i) {
    if (i > 0) condition += " OR ";
    condition += column + " LIKE " + tx.quote(RegionPathPattern(regions[i]));
  }
  return condition + ")";
}

std::vector<std::string> CallerAccess::RolesHeldFor(std::string_view region_code) const {
  auto name = [](const std::string& claim) { return common::v1::Role_Name(RoleFromClaim(claim)); };
  std::vector<std::string> held;
  if (!region_code.empty()) {
    if (principal_.grants.empty()) {
      // Token claims: every role holds in every scope.
      for (const std::string& scope : principal_.region_scopes) {
        if (regions_.Contains(scope, region_code)) {
          for (const std::string& role : principal_.roles) held.push_back(name(role));
          break;
        }
      }
    } else {
      for (const RoleGrant& grant : principal_.grants) {
        if (regions_.Contains(grant.region_code, region_code)) held.push_back(name(grant.role));
      }
    }
  }
  if (held.empty()) {
    for (const std::string& role : principal_.roles) held.push_back(name(role));
  }
  std::sort(held.begin(), held.end());
  held.erase(std::unique(held.begin(), held.end()), held.end());
  return held;
}

std::string CallerAccess::RolesText() const {
  std::string text;
  for (const std::string& role : principal_.roles) {
    if (!text.empty()) text += ',';
    text += role;
  }
  return text;
}

}  // namespace jindu::runtime
