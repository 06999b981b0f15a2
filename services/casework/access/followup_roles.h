#pragma once
// Who writes the records of follow-up work on a case (casework_service.proto): contacts and help
// are the caseworker's log; urine tests are taken by caseworkers and police liaisons. Every case
// role reads them (kCaseRoles), and only kPersonalDataReaders read their sensitive fields.
#include <initializer_list>

#include "jindu/common/v1/role.pb.h"

namespace jindu::casework {

inline constexpr std::initializer_list<common::v1::Role> kContactAndHelpWriters = {
    common::v1::ROLE_CASEWORKER};
inline constexpr std::initializer_list<common::v1::Role> kUrineTestWriters = {
    common::v1::ROLE_CASEWORKER, common::v1::ROLE_POLICE_LIAISON};

}  // namespace jindu::casework
