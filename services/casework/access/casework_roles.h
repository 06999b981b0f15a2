#pragma once
// The role sets of the casework service's methods (see casework_service.proto); the rules
// themselves (scopes narrowed per role, out-of-scope answered as not found) live in runtime/access.
#include <initializer_list>

#include "jindu/common/v1/role.pb.h"

namespace jindu::casework {

// "Case roles": everyone who works with cases.
inline constexpr std::initializer_list<common::v1::Role> kCaseRoles = {
    common::v1::ROLE_CASEWORKER, common::v1::ROLE_POLICE_LIAISON, common::v1::ROLE_COUNTY_OFFICER,
    common::v1::ROLE_PROVINCE_ADMIN};
// Case roles who may change a case (officers read figures, they do not handle people).
inline constexpr std::initializer_list<common::v1::Role> kCaseWriters = {
    common::v1::ROLE_CASEWORKER, common::v1::ROLE_POLICE_LIAISON, common::v1::ROLE_PROVINCE_ADMIN};
// Roles that may read a person's personal fields in clear (each read audited) and change them.
inline constexpr std::initializer_list<common::v1::Role> kPersonalDataReaders = {
    common::v1::ROLE_CASEWORKER, common::v1::ROLE_POLICE_LIAISON};
// Help teams and pairings are the social worker's job.
inline constexpr std::initializer_list<common::v1::Role> kCaseworkers = {
    common::v1::ROLE_CASEWORKER};
// Callers that deliver measure decisions from public security.
inline constexpr std::initializer_list<common::v1::Role> kIntakeRoles = {
    common::v1::ROLE_POLICE_LIAISON, common::v1::ROLE_SYSTEM_CALLER};
// Readers of the access audit log.
inline constexpr std::initializer_list<common::v1::Role> kAuditors = {common::v1::ROLE_AUDITOR};

}  // namespace jindu::casework
