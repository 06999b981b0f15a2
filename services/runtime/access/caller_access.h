#pragma once
// Who may touch what, for a service's handlers: the caller's roles and region scopes, narrowed to
// the roles a method accepts. The rules every service applies:
//   - a resource outside the caller's region scopes answers NOT_FOUND exactly like a missing one;
//   - naming a region outside the scopes (in a create, a filter, a parent) is PERMISSION_DENIED /
//     REGION_OUT_OF_SCOPE.
#include <grpcpp/support/status.h>

#include <initializer_list>
#include <pqxx/pqxx>
#include <string>
#include <string_view>
#include <vector>

#include "jindu/common/v1/role.pb.h"
#include "runtime/api/api_error.h"
#include "runtime/auth/principal.h"
#include "runtime/regions/region_directory.h"

namespace jindu::runtime {

class CallerAccess {
 public:
  CallerAccess(const Principal& principal, const RegionDirectory& regions)
      : principal_(principal), regions_(regions), scopes_(principal.region_scopes) {}

  const Principal& principal() const { return principal_; }
  const std::string& subject() const { return principal_.subject; }

  // Also narrows the caller's scopes to the regions where it holds one of `roles` (a caller may
  // be an auditor of the province and an officer of one county only).
  grpc::Status RequireRole(std::string_view method, std::initializer_list<common::v1::Role> roles);
  // A system caller (accepted by the method) reaches every region; everyone else only inside a
  // scope of an accepted role.
  bool Covers(std::string_view region_code) const;
  // For regions the caller names: OK, or PERMISSION_DENIED / REGION_OUT_OF_SCOPE naming `field`.
  grpc::Status RequireNamedRegion(std::string_view field, const std::string& region_code) const;
  // Which regions a list may show: rows inside `within_region_code` when given (it must be covered:
  // otherwise PERMISSION_DENIED / REGION_OUT_OF_SCOPE naming `within_field`), else inside any of
  // the caller's scopes; a system caller without a filter sees everything (*all = true).
  grpc::Status ListScope(std::string_view within_field, const std::string& within_region_code,
                         std::vector<std::string>* regions, bool* all) const;
  // The caller's roles joined by ',', for audit rows.
  std::string RolesText() const;
  // The roles the caller holds for `region_code` (a grant whose region contains it), as Role enum
  // names ("ROLE_CASEWORKER"), for audit entries; every role held when none covers it (a refused
  // attempt still shows who tried as what) or when `region_code` is empty.
  std::vector<std::string> RolesHeldFor(std::string_view region_code) const;

 private:
  const Principal& principal_;
  const RegionDirectory& regions_;
  std::vector<std::string> scopes_;
  bool system_caller_ = false;
};

// A list's optional region filter: when `code` is given it must be a region of the tree
// (REFERENCE_NOT_FOUND naming `field` otherwise). Checked with the request's other fields, before
// ListScope decides what the caller may see.
void CheckRegionFilter(FieldViolations& violations, const RegionDirectory& regions,
                       const std::string& field, const std::string& code);

// The LIKE pattern matching a region_path that holds `region_code` (the region itself or any of its
// descendants and zones), to pass as a parameter: `region_path LIKE $n`.
std::string RegionPathPattern(const std::string& region_code);

// SQL condition for ListScope's answer on a region_path column ("TRUE" for all).
std::string RegionPathCondition(pqxx::transaction_base& tx, const std::string& column,
                                const std::vector<std::string>& regions, bool all);

}  // namespace jindu::runtime
