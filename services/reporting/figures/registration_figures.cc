#include "reporting/figures/registration_figures.h"

#include "jindu/registration/v1/volunteer.pb.h"
#include "runtime/access/caller_access.h"
#include "runtime/postgres/prepared_statements.h"

namespace jindu::reporting {

v1::RegistrationFigures ComputeRegistrationFigures(pqxx::transaction_base& tx,
                                                   const std::string& schema,
                                                   const std::string& region_code,
                                                   const runtime::CivilDateRange& dates) {
  v1::RegistrationFigures figures;
  const std::string start = runtime::FormatIsoDate(dates.start);
  const std::string end = runtime::FormatIsoDate(dates.end);
  // The region is a parameter ($n), not a literal: one prepared statement serves every region.
  const std::string pattern = runtime::RegionPathPattern(region_code);
  auto inside = [](const std::string& column, int parameter) {
    return column + " LIKE $" + std::to_string(parameter);
  };

  // Active at period end: founded before it ends, not dissolved by then.
  for (const pqxx::row& row : runtime::ExecPrepared(
           tx,
           "SELECT o.kind, count(*) FROM " + schema +
               ".organization_facts o WHERE (o.founding_date IS NULL OR o.founding_date < "
               "$1::date) AND (o.dissolution_date IS NULL OR o.dissolution_date >= $1::date) AND " +
               inside("o.region_path", 2) + " GROUP BY o.kind ORDER BY o.kind",
           end, pattern)) {
    v1::OrganizationKindTotal* kind = figures.add_organizations();
    kind->set_kind(static_cast<registration::v1::OrganizationKind>(row[0].as<int>()));
    kind->set_count(row[1].as<int64_t>());
  }

  const std::string withdrawn = std::to_string(registration::v1::VOLUNTEER_STATE_WITHDRAWN);
  const std::string active = std::to_string(registration::v1::VOLUNTEER_STATE_ACTIVE);
  // A volunteer's state at period end: the newest state entered before the period ended.
  const pqxx::row volunteers = runtime::ExecPrepared1(
      tx,
      "SELECT count(*) FILTER (WHERE s.state IS NOT NULL AND s.state <> " + withdrawn +
          "), count(*) FILTER (WHERE s.state = " + active +
          "), count(*) FILTER (WHERE v.registered_date >= $1::date AND v.registered_date < "
          "$2::date) FROM " +
          schema + ".volunteer_facts v LEFT JOIN LATERAL (SELECT f.state FROM " + schema +
          ".volunteer_state_facts f WHERE f.volunteer_id = v.volunteer_id AND f.effective_date < "
          "$2::date ORDER BY f.aggregate_version DESC LIMIT 1) s ON true WHERE " +
          inside("v.region_path", 3),
      start, end, pattern);
  figures.set_volunteers(volunteers[0].as<int64_t>());
  figures.set_active_volunteers(volunteers[1].as<int64_t>());
  figures.set_new_volunteers(volunteers[2].as<int64_t>());

  figures.set_lecturers(
      runtime::ExecPrepared1(
          tx,
          "SELECT count(*) FROM " + schema + ".volunteer_facts v WHERE " +
              inside("v.region_path", 2) + " AND (SELECT c.lecture_team_id FROM " + schema +
              ".lecturer_certification_facts c WHERE c.volunteer_id = v.volunteer_id "
              "AND c.effective_date < $1::date ORDER BY c.aggregate_version DESC "
              "LIMIT 1) <> ''",
          end, pattern)[0]
          .as<int64_t>());

  figures.set_training_sessions(
      runtime::ExecPrepared1(tx,
                             "SELECT count(*) FROM " + schema +
                                 ".training_session_facts t WHERE t.session_date >= $1::date AND "
                                 "t.session_date < $2::date AND " +
                                 inside("t.region_path", 3),
                             start, end, pattern)[0]
          .as<int64_t>());
  const pqxx::row attendances = runtime::ExecPrepared1(
      tx,
      "SELECT count(*), count(DISTINCT a.volunteer_id) FROM " + schema +
          ".training_attendance_facts a WHERE NOT a.deleted AND a.session_date >= $1::date AND "
          "a.session_date < $2::date AND " +
          inside("a.region_path", 3),
      start, end, pattern);
  figures.set_training_attendances(attendances[0].as<int64_t>());
  figures.set_volunteers_trained(attendances[1].as<int64_t>());
  figures.set_service_minutes(
      runtime::ExecPrepared1(
          tx,
          "SELECT coalesce(sum(s.minutes), 0) FROM " + schema +
              ".service_hour_facts s WHERE s.work_date >= $1::date AND s.work_date < "
              "$2::date AND " +
              inside("s.region_path", 3),
          start, end, pattern)[0]
          .as<int64_t>());
  return figures;
}

}  // namespace jindu::reporting
