#include "registration/service_hours/service_summary.h"

#include <algorithm>

#include "runtime/postgres/row_conversions.h"
#include "runtime/postgres/sql_arrays.h"

namespace jindu::registration {
namespace {

int ConfirmedState() { return static_cast<int>(v1::SERVICE_HOUR_STATE_CONFIRMED); }

}  // namespace

runtime::CivilDate TwelveMonthsBefore(runtime::CivilDate as_of) {
  runtime::CivilDate start{as_of.year - 1, as_of.month, as_of.day};
  start.day = std::min(start.day, runtime::DaysInMonth(start.year, start.month));
  return start;
}

void FillServiceFacts(pqxx::transaction_base& tx, const std::string& schema,
                      const std::string& volunteer_id, runtime::CivilDate as_of,
                      v1::VolunteerServiceSummary* summary) {
  const std::string window_start = runtime::FormatIsoDate(TwelveMonthsBefore(as_of));
  const std::string window_end = runtime::FormatIsoDate(as_of);
  *summary->mutable_as_of_date() = runtime::ToProtoDate(as_of);
  summary->clear_by_organizer();
  int64_t window_total = 0, all_time_total = 0;
  pqxx::result by_organizer = tx.exec_params(
      "SELECT r.organizer_id, o.display_name, "
      "coalesce(sum(r.minutes) FILTER (WHERE r.work_date > $2::date), 0)::bigint AS in_window, "
      "sum(r.minutes)::bigint AS all_time FROM " +
          schema + ".service_hour_records r JOIN " + schema +
          ".organizations o ON o.organization_id = r.organizer_id "
          "WHERE r.volunteer_id = $1 AND r.state = $4 AND r.work_date <= $3::date "
          "GROUP BY r.organizer_id, o.display_name "
          "ORDER BY all_time DESC, in_window DESC, o.display_name, r.organizer_id",
      volunteer_id, window_start, window_end, ConfirmedState());
  for (const auto& row : by_organizer) {
    v1::OrganizerMinutes* minutes = summary->add_by_organizer();
    minutes->set_organizer("organizations/" + row[0].as<std::string>());
    minutes->set_organizer_display_name(row[1].as<std::string>());
    minutes->set_minutes_last_12_months(row[2].as<int64_t>());
    minutes->set_minutes_all_time(row[3].as<int64_t>());
    window_total += minutes->minutes_last_12_months();
    all_time_total += minutes->minutes_all_time();
  }
  summary->set_minutes_last_12_months(window_total);
  summary->set_minutes_all_time(all_time_total);

  pqxx::row trainings = tx.exec_params1(
      "SELECT count(*)::integer, coalesce(sum(a.attended_minutes), 0)::bigint FROM " + schema +
          ".training_attendances a JOIN " + schema +
          ".training_sessions s ON s.training_session_id = a.training_session_id "
          "WHERE a.volunteer_id = $1 AND s.session_date > $2::date AND s.session_date <= $3::date",
      volunteer_id, window_start, window_end);
  summary->set_trainings_last_12_months(trainings[0].as<int32_t>());
  summary->set_training_minutes_last_12_months(trainings[1].as<int64_t>());
}

std::map<std::string, int64_t> ConfirmedMinutesLast12Months(
    pqxx::transaction_base& tx, const std::string& schema,
    const std::vector<std::string>& volunteer_ids, runtime::CivilDate as_of) {
  std::map<std::string, int64_t> minutes;
  if (volunteer_ids.empty()) return minutes;
  pqxx::result rows = tx.exec_params(
      "SELECT volunteer_id, sum(minutes)::bigint FROM " + schema +
          ".service_hour_records WHERE volunteer_id = ANY($1::text[]) AND state = $4 "
          "AND work_date > $2::date AND work_date <= $3::date GROUP BY volunteer_id",
      runtime::PlainTextArray(volunteer_ids), runtime::FormatIsoDate(TwelveMonthsBefore(as_of)),
      runtime::FormatIsoDate(as_of), ConfirmedState());
  for (const auto& row : rows) minutes[row[0].as<std::string>()] = row[1].as<int64_t>();
  return minutes;
}

std::set<std::string> TrainedInLast12Months(pqxx::transaction_base& tx, const std::string& schema,
                                            const std::vector<std::string>& volunteer_ids,
                                            runtime::CivilDate as_of) {
  std::set<std::string> trained;
  if (volunteer_ids.empty()) return trained;
  pqxx::result rows = tx.exec_params(
      "SELECT DISTINCT a.volunteer_id FROM " + schema + ".training_attendances a JOIN " + schema +
          ".training_sessions s ON s.training_session_id = a.training_session_id "
          "WHERE a.volunteer_id = ANY($1::text[]) AND s.session_date > $2::date "
          "AND s.session_date <= $3::date",
      runtime::PlainTextArray(volunteer_ids), runtime::FormatIsoDate(TwelveMonthsBefore(as_of)),
      runtime::FormatIsoDate(as_of));
  for (const auto& row : rows) trained.insert(row[0].as<std::string>());
  return trained;
}

int64_t ConfirmedMinutesLast12Months(pqxx::transaction_base& tx, const std::string& schema,
                                     const std::string& volunteer_id, runtime::CivilDate as_of) {
  auto minutes =
      ConfirmedMinutesLast12Months(tx, schema, std::vector<std::string>{volunteer_id}, as_of);
  auto found = minutes.find(volunteer_id);
  return found == minutes.end() ? 0 : found->second;
}

bool TrainedInLast12Months(pqxx::transaction_base& tx, const std::string& schema,
                           const std::string& volunteer_id, runtime::CivilDate as_of) {
  return TrainedInLast12Months(tx, schema, std::vector<std::string>{volunteer_id}, as_of)
      .contains(volunteer_id);
}

}  // namespace jindu::registration
