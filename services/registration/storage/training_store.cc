#include "registration/storage/training_store.h"

#include "runtime/postgres/row_conversions.h"
#include "runtime/postgres/sql_arrays.h"

namespace jindu::registration {
namespace {

constexpr const char* kSessionColumns =
    "training_session_id, organizer_id, region_code, topic, session_date::text, "
    "duration_minutes, attendee_count, event_version, revision, " JINDU_MICROS(
        "create_time") ", " JINDU_MICROS("update_time") ", create_subject, update_subject, seq";

constexpr const char* kAttendanceColumns =
    "training_session_id, attendance_id, volunteer_id, attended_minutes, revision, " JINDU_MICROS(
        "create_time") ", create_subject, seq";

StoredSession SessionFromRow(const pqxx::row& row) {
  StoredSession stored;
  stored.session_id = row[0].as<std::string>();
  stored.organizer_id = row[1].as<std::string>();
  stored.session_date = *runtime::ParseIsoDate(row[4].as<std::string>());
  stored.event_version = row[7].as<int64_t>();
  stored.seq = row[13].as<int64_t>();
  v1::TrainingSession& session = stored.session;
  session.set_name(SessionName(stored.session_id));
  session.set_organizer("organizations/" + stored.organizer_id);
  session.set_region_code(row[2].as<std::string>());
  session.set_topic(row[3].as<std::string>());
  *session.mutable_session_date() = runtime::ToProtoDate(stored.session_date);
  session.set_duration_minutes(row[5].as<int>());
  session.set_attendee_count(row[6].as<int>());
  auto* audit = session.mutable_audit();
  *audit->mutable_create_time() = runtime::TimestampFromMicros(row[9].as<int64_t>());
  *audit->mutable_update_time() = runtime::TimestampFromMicros(row[10].as<int64_t>());
  audit->set_create_subject(row[11].as<std::string>());
  audit->set_update_subject(row[12].as<std::string>());
  audit->set_etag(std::to_string(row[8].as<int64_t>()));
  return stored;
}

StoredAttendance AttendanceFromRow(const pqxx::row& row) {
  StoredAttendance stored;
  stored.session_id = row[0].as<std::string>();
  stored.attendance_id = row[1].as<std::string>();
  stored.volunteer_id = row[2].as<std::string>();
  stored.seq = row[7].as<int64_t>();
  v1::TrainingAttendance& attendance = stored.attendance;
  attendance.set_name(AttendanceName(stored.session_id, stored.attendance_id));
  attendance.set_volunteer("volunteers/" + stored.volunteer_id);
  attendance.set_attended_minutes(row[3].as<int>());
  auto* audit = attendance.mutable_audit();
  // Attendances never change: created is also last updated.
  *audit->mutable_create_time() = runtime::TimestampFromMicros(row[5].as<int64_t>());
  *audit->mutable_update_time() = audit->create_time();
  audit->set_create_subject(row[6].as<std::string>());
  audit->set_update_subject(audit->create_subject());
  audit->set_etag(std::to_string(row[4].as<int64_t>()));
  return stored;
}

}  // namespace

std::string SessionName(const std::string& session_id) { return "trainingSessions/" + session_id; }

std::string AttendanceName(const std::string& session_id, const std::string& attendance_id) {
  return SessionName(session_id) + "/attendances/" + attendance_id;
}

void TrainingStore::InsertSession(pqxx::work& tx, const NewSession& session,
                                  const std::string& subject) const {
  tx.exec_params("INSERT INTO " + schema_ +
                     ".training_sessions (training_session_id, organizer_id, region_code, topic, "
                     "session_date, duration_minutes, attendee_count, event_version, revision, "
                     "create_time, update_time, create_subject, update_subject) VALUES ($1, $2, "
                     "$3, $4, $5::date, $6, 0, 1, 1, now(), now(), $7, $7)",
                 session.session_id, session.organizer_id, session.region_code, session.topic,
                 runtime::FormatIsoDate(session.session_date), session.duration_minutes, subject);
}

std::optional<StoredSession> TrainingStore::GetSession(pqxx::transaction_base& tx,
                                                       const std::string& session_id,
                                                       bool for_update) const {
  pqxx::result rows = tx.exec_params(std::string("SELECT ") + kSessionColumns + " FROM " + schema_ +
                                         ".training_sessions WHERE "
                                         "training_session_id = $1" +
                                         (for_update ? " FOR UPDATE" : ""),
                                     session_id);
  if (rows.empty()) return std::nullopt;
  return SessionFromRow(rows[0]);
}

void TrainingStore::AdvanceSession(pqxx::work& tx, const std::string& session_id,
                                   int attendee_delta, int64_t event_version,
                                   const std::string& subject) const {
  tx.exec_params("UPDATE " + schema_ +
                     ".training_sessions SET attendee_count = attendee_count + $2, "
                     "event_version = $3, revision = revision + 1, update_time = now(), "
                     "update_subject = $4 WHERE training_session_id = $1",
                 session_id, attendee_delta, event_version, subject);
}

std::vector<StoredSession> TrainingStore::ListSessions(pqxx::transaction_base& tx,
                                                       const SessionFilter& filter,
                                                       const std::optional<SessionCursor>& after,
                                                       int limit) const {
  std::optional<std::string> from, until, after_date;
  if (filter.from.has_value()) from = runtime::FormatIsoDate(*filter.from);
  if (filter.until.has_value()) until = runtime::FormatIsoDate(*filter.until);
  int64_t after_seq = 0;
  if (after.has_value()) {
    after_date = runtime::FormatIsoDate(after->session_date);
    after_seq = after->seq;
  }
  pqxx::result rows =
      tx.exec_params(std::string("SELECT ") + kSessionColumns + " FROM " + schema_ +
                         ".training_sessions WHERE region_code = ANY($1::text[]) "
                         "AND ($2 = '' OR organizer_id = $2) "
                         "AND ($3::date IS NULL OR session_date >= $3::date) "
                         "AND ($4::date IS NULL OR session_date < $4::date) "
                         "AND ($5::date IS NULL OR (session_date, seq) < ($5::date, $6::bigint)) "
                         "ORDER BY session_date DESC, seq DESC LIMIT $7",
                     runtime::PlainTextArray(filter.region_codes), filter.organizer_id, from, until,
                     after_date, after_seq, limit);
  std::vector<StoredSession> sessions;
  for (const auto& row : rows) sessions.push_back(SessionFromRow(row));
  return sessions;
}

std::vector<std::string> TrainingStore::SessionRegions(pqxx::transaction_base& tx) const {
  std::vector<std::string> codes;
  for (const auto& row :
       tx.exec("SELECT DISTINCT region_code FROM " + schema_ + ".training_sessions")) {
    codes.push_back(row[0].as<std::string>());
  }
  return codes;
}

void TrainingStore::InsertAttendance(pqxx::work& tx, const std::string& session_id,
                                     const std::string& attendance_id,
                                     const std::string& volunteer_id, int attended_minutes,
                                     const std::string& subject) const {
  tx.exec_params("INSERT INTO " + schema_ +
                     ".training_attendances (training_session_id, attendance_id, volunteer_id, "
                     "attended_minutes, revision, create_time, create_subject) VALUES ($1, $2, "
                     "$3, $4, 1, now(), $5)",
                 session_id, attendance_id, volunteer_id, attended_minutes, subject);
}

std::vector<StoredAttendance> TrainingStore::QueryAttendances(pqxx::transaction_base& tx,
                                                              const std::string& condition,
                                                              const std::string& session_id,
                                                              const std::string& argument) const {
  pqxx::result rows = tx.exec_params(
      std::string("SELECT ") + kAttendanceColumns + " FROM " + schema_ +
          ".training_attendances WHERE training_session_id = $1 AND " + condition + " ORDER BY seq",
      session_id, argument);
  std::vector<StoredAttendance> attendances;
  for (const auto& row : rows) attendances.push_back(AttendanceFromRow(row));
  return attendances;
}

std::optional<StoredAttendance> TrainingStore::GetAttendance(
    pqxx::transaction_base& tx, const std::string& session_id,
    const std::string& attendance_id) const {
  auto found = QueryAttendances(tx, "attendance_id = $2", session_id, attendance_id);
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::vector<StoredAttendance> TrainingStore::AttendancesOfVolunteers(
    pqxx::transaction_base& tx, const std::string& session_id,
    const std::vector<std::string>& volunteer_ids) const {
  if (volunteer_ids.empty()) return {};
  return QueryAttendances(tx, "volunteer_id = ANY($2::text[])", session_id,
                          runtime::PlainTextArray(volunteer_ids));
}

std::vector<StoredAttendance> TrainingStore::AttendancesByIds(
    pqxx::transaction_base& tx, const std::string& session_id,
    const std::vector<std::string>& ids) const {
  if (ids.empty()) return {};
  return QueryAttendances(tx, "attendance_id = ANY($2::text[])", session_id,
                          runtime::PlainTextArray(ids));
}

std::vector<StoredAttendance> TrainingStore::ListAttendances(pqxx::transaction_base& tx,
                                                             const std::string& session_id,
                                                             int64_t after_seq, int limit) const {
  pqxx::result rows =
      tx.exec_params(std::string("SELECT ") + kAttendanceColumns + " FROM " + schema_ +
                         ".training_attendances WHERE training_session_id = $1 AND seq > $2 "
                         "ORDER BY seq LIMIT $3",
                     session_id, after_seq, limit);
  std::vector<StoredAttendance> attendances;
  for (const auto& row : rows) attendances.push_back(AttendanceFromRow(row));
  return attendances;
}

void TrainingStore::DeleteAttendance(pqxx::work& tx, const std::string& session_id,
                                     const std::string& attendance_id) const {
  tx.exec_params("DELETE FROM " + schema_ +
                     ".training_attendances WHERE training_session_id = $1 AND attendance_id = $2",
                 session_id, attendance_id);
}

}  // namespace jindu::registration
