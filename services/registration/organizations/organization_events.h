#pragma once
// The events an organisation's changes publish: its facts (no personal data: officers appear only
// as the offices filled), and the public profiles of its officers (published names, the only names
// that travel in events).
#include <optional>
#include <string>
#include <vector>

#include "jindu/registration/events/v1/organization_events.pb.h"
#include "jindu/registration/events/v1/public_profile_events.pb.h"
#include "jindu/registration/v1/organization.pb.h"
#include "runtime/crypto/keyed_hash.h"
#include "runtime/identity/civil_date.h"

namespace jindu::registration {

// Offices count as filled while their holder serves on `today` (no end, or an end after today),
// the same rule OfficerProfilesOf applies, so the two events of one change agree.
events::v1::OrganizationFacts OrganizationFactsOf(
    const v1::Organization& organization, runtime::CivilDate today = runtime::TodayInShanghai());

// One profile per person serving on `today` (all the offices one name holds in the organisation
// in one profile), its id derived by keyed hash from the organisation and the name (stable across
// updates, revealing neither). A lecturer's profile is keyed by the
// volunteer id instead, so a person who is both appears twice, once per public role.
std::vector<events::v1::PublicProfileUpserted> OfficerProfilesOf(
    const v1::Organization& organization, const runtime::KeyedHash& ids, runtime::CivilDate today);

}  // namespace jindu::registration
