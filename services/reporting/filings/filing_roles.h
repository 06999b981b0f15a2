#pragma once
// The role sets of FilingService (filing_service.proto).
#include <initializer_list>

#include "jindu/common/v1/role.pb.h"

namespace jindu::reporting {

// Filing and reconciling: the county's officer, for its county.
inline constexpr std::initializer_list<common::v1::Role> kFilers = {
    common::v1::ROLE_COUNTY_OFFICER};

// Reading filings: officers, the province, auditors and other government systems, within scope.
inline constexpr std::initializer_list<common::v1::Role> kFilingReaders = {
    common::v1::ROLE_COUNTY_OFFICER, common::v1::ROLE_PROVINCE_ADMIN, common::v1::ROLE_AUDITOR,
    common::v1::ROLE_SYSTEM_CALLER};

}  // namespace jindu::reporting
