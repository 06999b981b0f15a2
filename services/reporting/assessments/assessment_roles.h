#pragma once
// The role sets of AssessmentService's rubric methods (assessment_service.proto).
#include <initializer_list>

#include "jindu/common/v1/role.pb.h"

namespace jindu::reporting {

// Creating and revising rubrics: the province and county offices, for regions of their scope.
inline constexpr std::initializer_list<common::v1::Role> kRubricWriters = {
    common::v1::ROLE_COUNTY_OFFICER, common::v1::ROLE_PROVINCE_ADMIN};

// Reading rubrics and computing scores: the writers, association staff, auditors and other
// government systems, within scope.
inline constexpr std::initializer_list<common::v1::Role> kRubricReaders = {
    common::v1::ROLE_COUNTY_OFFICER, common::v1::ROLE_PROVINCE_ADMIN,
    common::v1::ROLE_ASSOCIATION_STAFF, common::v1::ROLE_AUDITOR, common::v1::ROLE_SYSTEM_CALLER};

}  // namespace jindu::reporting
