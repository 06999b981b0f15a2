#pragma once
// The role sets of RegistrationService's methods (see its proto comment); the rules themselves
// live in runtime/access:
//   - "officers" = province admin or county officer; "staff" = officers and association staff;
//     system callers may call every read;
//   - a resource outside the caller's region scopes answers NOT_FOUND exactly like a missing one;
//   - naming a region outside the scopes (in a create, a filter, a parent) is PERMISSION_DENIED /
//     REGION_OUT_OF_SCOPE.
#include <initializer_list>

#include "jindu/common/v1/role.pb.h"
#include "runtime/access/caller_access.h"

namespace jindu::registration {

inline constexpr std::initializer_list<common::v1::Role> kOfficers = {
    common::v1::ROLE_PROVINCE_ADMIN, common::v1::ROLE_COUNTY_OFFICER};
inline constexpr std::initializer_list<common::v1::Role> kStaff = {
    common::v1::ROLE_PROVINCE_ADMIN, common::v1::ROLE_COUNTY_OFFICER,
    common::v1::ROLE_ASSOCIATION_STAFF};
inline constexpr std::initializer_list<common::v1::Role> kStaffAndSystem = {
    common::v1::ROLE_PROVINCE_ADMIN, common::v1::ROLE_COUNTY_OFFICER,
    common::v1::ROLE_ASSOCIATION_STAFF, common::v1::ROLE_SYSTEM_CALLER};

}  // namespace jindu::registration
