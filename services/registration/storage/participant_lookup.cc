#include "registration/storage/participant_lookup.h"

#include "runtime/postgres/sql_arrays.h"

namespace jindu::registration {

bool MayBeRecorded(v1::VolunteerState state) {
  return state == v1::VOLUNTEER_STATE_APPROVED || state == v1::VOLUNTEER_STATE_ACTIVE ||
         state == v1::VOLUNTEER_STATE_SUSPENDED;
}

std::optional<OrganizerFacts> ParticipantLookup::Organizer(
    pqxx::transaction_base& tx, const std::string& organization_id) const {
  pqxx::result rows =
      tx.exec_params("SELECT organization_id, display_name, region_code, state FROM " + schema_ +
                         ".organizations WHERE organization_id = $1",
                     organization_id);
  if (rows.empty()) return std::nullopt;
  return OrganizerFacts{.organization_id = rows[0][0].as<std::string>(),
                        .display_name = rows[0][1].as<std::string>(),
                        .region_code = rows[0][2].as<std::string>(),
                        .state = static_cast<v1::OrganizationState>(rows[0][3].as<int>())};
}

std::optional<VolunteerFacts> ParticipantLookup::Volunteer(pqxx::transaction_base& tx,
                                                           const std::string& volunteer_id) const {
  auto found = Volunteers(tx, {volunteer_id});
  if (found.empty()) return std::nullopt;
  return std::move(found.begin()->second);
}

std::map<std::string, VolunteerFacts> ParticipantLookup::Volunteers(
    pqxx::transaction_base& tx, const std::vector<std::string>& ids) const {
  std::map<std::string, VolunteerFacts> found;
  if (ids.empty()) return found;
  pqxx::result rows =
      tx.exec_params("SELECT volunteer_id, residence_region_code, state FROM " + schema_ +
                         ".volunteers WHERE volunteer_id = ANY($1::text[])",
                     runtime::PlainTextArray(ids));
  for (const auto& row : rows) {
    VolunteerFacts facts{.volunteer_id = row[0].as<std::string>(),
                         .residence_region_code = row[1].as<std::string>(),
                         .state = static_cast<v1::VolunteerState>(row[2].as<int>())};
    std::string id = facts.volunteer_id;
    found.emplace(std::move(id), std::move(facts));
  }
  return found;
}

}  // namespace jindu::registration
