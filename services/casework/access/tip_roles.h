#pragma once
// The role sets of TipService (tip_service.proto). Kept apart from casework_roles.h: the tip rules
// differ from the case rules (association staff and system callers file tips, officers may file but
// read only counts, and only police liaison handle tips).
#include <initializer_list>

#include "jindu/common/v1/role.pb.h"

namespace jindu::casework {

// Who may file a tip (a system caller files for a volunteer through the volunteer app). A filer
// reads back only the tips it filed.
inline constexpr std::initializer_list<common::v1::Role> kTipFilers = {
    common::v1::ROLE_CASEWORKER, common::v1::ROLE_ASSOCIATION_STAFF,
    common::v1::ROLE_COUNTY_OFFICER, common::v1::ROLE_SYSTEM_CALLER};
// Who handles tips: reads them within scope (descriptions audited), forwards, confirms, dismisses
// and records outcomes.
inline constexpr std::initializer_list<common::v1::Role> kTipHandlers = {
    common::v1::ROLE_POLICE_LIAISON};
// Everyone who may read some tip: its handlers, and filers their own.
inline constexpr std::initializer_list<common::v1::Role> kTipReaders = {
    common::v1::ROLE_CASEWORKER, common::v1::ROLE_ASSOCIATION_STAFF,
    common::v1::ROLE_COUNTY_OFFICER, common::v1::ROLE_SYSTEM_CALLER,
    common::v1::ROLE_POLICE_LIAISON};

}  // namespace jindu::casework
