#pragma once
// The role sets of ReportingService's methods (reporting_service.proto); the rules themselves
// (scopes narrowed per role, regions outside refused) live in runtime/access.
#include <initializer_list>

#include "jindu/common/v1/role.pb.h"

namespace jindu::reporting {

// Figures, tables, indicators, dashboards and exports: officers, staff, auditors and other
// government systems, each for the regions of their scope. Figures never hold personal data.
inline constexpr std::initializer_list<common::v1::Role> kReportReaders = {
    common::v1::ROLE_COUNTY_OFFICER, common::v1::ROLE_PROVINCE_ADMIN,
    common::v1::ROLE_ASSOCIATION_STAFF, common::v1::ROLE_AUDITOR, common::v1::ROLE_SYSTEM_CALLER};

}  // namespace jindu::reporting
