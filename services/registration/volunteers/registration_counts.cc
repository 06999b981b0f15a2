#include "registration/volunteers/registration_counts.h"

#include "registration/service_hours/service_summary.h"

namespace jindu::registration {

v1::RegistrationCounts CountRegistrations(pqxx::transaction_base& tx, const std::string& schema,
                                          const std::string& region_code,
                                          const std::string& region_display_name,
                                          runtime::CivilDate as_of) {
  v1::RegistrationCounts counts;
  counts.set_region_code(region_code);
  counts.set_region_display_name(region_display_name);
  const std::string inside = "region_path LIKE " + tx.quote("%;" + region_code + ";%");
  for (const auto& row :
       tx.exec("SELECT kind, count(*) FROM " + schema + ".organizations WHERE state = 1 AND " +
               inside + " GROUP BY kind ORDER BY kind")) {
    auto* kind = counts.add_organizations();
    kind->set_kind(static_cast<v1::OrganizationKind>(row[0].as<int>()));
    kind->set_count(row[1].as<int>());
  }
  for (const auto& row : tx.exec("SELECT state, count(*) FROM " + schema + ".volunteers WHERE " +
                                 inside + " GROUP BY state ORDER BY state")) {
    auto* state = counts.add_volunteers();
    state->set_state(static_cast<v1::VolunteerState>(row[0].as<int>()));
    state->set_count(row[1].as<int>());
  }
  counts.set_lecturers(tx.exec1("SELECT count(*) FROM " + schema + ".volunteers WHERE state = " +
                                std::to_string(v1::VOLUNTEER_STATE_ACTIVE) +
                                " AND lecture_team_id IS NOT NULL AND " + inside)[0]
                           .as<int>());
  const std::string window_start = runtime::FormatIsoDate(TwelveMonthsBefore(as_of));
  counts.set_trained_volunteers(
      tx.exec1("SELECT count(*) FROM " + schema + ".volunteers v WHERE v.state = " +
               std::to_string(v1::VOLUNTEER_STATE_ACTIVE) + " AND v." + inside +
               " AND EXISTS (SELECT 1 FROM " + schema + ".training_attendances a JOIN " + schema +
               ".training_sessions s ON s.training_session_id = a.training_session_id WHERE "
               "a.volunteer_id = v.volunteer_id AND s.session_date > " +
               tx.quote(window_start) + "::date AND s.session_date <= " +
               tx.quote(runtime::FormatIsoDate(as_of)) + "::date)")[0]
          .as<int>());
  return counts;
}

}  // namespace jindu::registration
