#include "registration/organizations/organization_events.h"

#include <algorithm>

#include "runtime/postgres/row_conversions.h"

namespace jindu::registration {

namespace {

bool Serving(const v1::Officer& officer, runtime::CivilDate today) {
  return !officer.has_term_end_date() || today < runtime::FromProtoDate(officer.term_end_date());
}

}  // namespace

events::v1::OrganizationFacts OrganizationFactsOf(const v1::Organization& organization,
                                                  runtime::CivilDate today) {
  events::v1::OrganizationFacts facts;
  facts.set_organization(organization.name());
  facts.set_display_name(organization.display_name());
  facts.set_kind(organization.kind());
  facts.set_sector(organization.sector());
  facts.set_parent(organization.parent());
  facts.set_region_code(organization.region_code());
  *facts.mutable_founding_date() = organization.founding_date();
  facts.set_state(organization.state());
  if (organization.has_dissolution_date()) {
    *facts.mutable_dissolution_date() = organization.dissolution_date();
  }
  if (organization.has_annual_budget()) {
    *facts.mutable_annual_budget() = organization.annual_budget().amount();
  }
  std::vector<int> roles;
  for (const auto& officer : organization.officers()) {
    if (!Serving(officer, today)) continue;
    if (std::find(roles.begin(), roles.end(), officer.role()) == roles.end()) {
      roles.push_back(officer.role());
      facts.add_filled_officer_roles(officer.role());
    }
  }
  return facts;
}

std::vector<events::v1::PublicProfileUpserted> OfficerProfilesOf(
    const v1::Organization& organization, const runtime::KeyedHash& ids, runtime::CivilDate today) {
  std::vector<events::v1::PublicProfileUpserted> profiles;
  for (const auto& officer : organization.officers()) {
    if (!Serving(officer, today)) continue;
    const std::string id = "officer-" + ids.Digest("officer.profile", organization.name() + '\n' +
                                                                          officer.display_name())
                                            .substr(0, 24);
    auto same = [&](const events::v1::PublicProfileUpserted& p) { return p.profile_id() == id; };
    auto it = std::find_if(profiles.begin(), profiles.end(), same);
    if (it == profiles.end()) {
      events::v1::PublicProfileUpserted profile;
      profile.set_profile_id(id);
      profile.set_volunteer(officer.volunteer());
      profile.set_display_name(officer.display_name());
      profiles.push_back(std::move(profile));
      it = profiles.end() - 1;
    }
    auto* office = it->add_offices();
    office->set_organization(organization.name());
    office->set_role(officer.role());
  }
  return profiles;
}

}  // namespace jindu::registration
