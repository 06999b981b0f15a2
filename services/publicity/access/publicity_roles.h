#pragma once
// The role sets of PublicityService's methods (publicity_service.proto); the rules themselves
// (scopes narrowed per role, out of scope answered as missing) live in runtime/access.
#include <initializer_list>

#include "jindu/common/v1/role.pb.h"

namespace jindu::publicity {

// Branches record their own publicity: association staff, and officers for their region.
inline constexpr std::initializer_list<common::v1::Role> kPublicityStaff = {
    common::v1::ROLE_ASSOCIATION_STAFF, common::v1::ROLE_COUNTY_OFFICER,
    common::v1::ROLE_PROVINCE_ADMIN};
// The level above reviews.
inline constexpr std::initializer_list<common::v1::Role> kReviewers = {
    common::v1::ROLE_COUNTY_OFFICER, common::v1::ROLE_PROVINCE_ADMIN};
// Reads, including other systems (reporting reads events, not these).
inline constexpr std::initializer_list<common::v1::Role> kReaders = {
    common::v1::ROLE_ASSOCIATION_STAFF, common::v1::ROLE_COUNTY_OFFICER,
    common::v1::ROLE_PROVINCE_ADMIN, common::v1::ROLE_SYSTEM_CALLER};
// Mass participation arrives from apps and mini-programs through a system account.
inline constexpr std::initializer_list<common::v1::Role> kParticipationSources = {
    common::v1::ROLE_SYSTEM_CALLER, common::v1::ROLE_ASSOCIATION_STAFF,
    common::v1::ROLE_COUNTY_OFFICER, common::v1::ROLE_PROVINCE_ADMIN};

}  // namespace jindu::publicity
