#pragma once
// The role sets of the drug-free community RPCs (assessment_service.proto).
#include <initializer_list>

#include "jindu/common/v1/role.pb.h"

namespace jindu::reporting {

// Applying, inspecting and deciding: the county office (or the province), within scope.
inline constexpr std::initializer_list<common::v1::Role> kDrugFreeWriters = {
    common::v1::ROLE_COUNTY_OFFICER, common::v1::ROLE_PROVINCE_ADMIN};

// Reading (and re-evaluating, which only refreshes computed results).
inline constexpr std::initializer_list<common::v1::Role> kDrugFreeReaders = {
    common::v1::ROLE_COUNTY_OFFICER, common::v1::ROLE_PROVINCE_ADMIN,
    common::v1::ROLE_ASSOCIATION_STAFF, common::v1::ROLE_AUDITOR, common::v1::ROLE_SYSTEM_CALLER};

}  // namespace jindu::reporting
