#pragma once
// Reads and writes training sessions and attendances. Callers own the transaction and check
// scope; rows come back as the API shows them plus the keys handlers need.
#include <cstdint>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "jindu/registration/v1/training.pb.h"
#include "runtime/identity/civil_date.h"

namespace jindu::registration {

struct StoredSession {
  v1::TrainingSession session;
  std::string session_id;
  std::string organizer_id;
  runtime::CivilDate session_date;
  int64_t seq = 0;            // list order among sessions of one date
  int64_t event_version = 0;  // aggregate version of the session's last event
};

struct StoredAttendance {
  v1::TrainingAttendance attendance;
  std::string session_id;
  std::string attendance_id;
  std::string volunteer_id;
  int64_t seq = 0;
};

struct NewSession {
  std::string session_id;
  std::string organizer_id;
  std::string region_code;
  std::string topic;
  runtime::CivilDate session_date;
  int duration_minutes = 0;
};

// Filters of ListTrainingSessions; unset members do not filter.
struct SessionFilter {
  std::vector<std::string> region_codes;  // the rows' region must be one of these
  std::string organizer_id;
  std::optional<runtime::CivilDate> from;   // inclusive
  std::optional<runtime::CivilDate> until;  // exclusive
};

// Where the previous page of sessions ended (newest first: date descending, then seq).
struct SessionCursor {
  runtime::CivilDate session_date;
  int64_t seq = 0;
};

class TrainingStore {
 public:
  explicit TrainingStore(std::string schema) : schema_(std::move(schema)) {}

  // A new session at event version 1 (its TrainingSessionRecorded).
  void InsertSession(pqxx::work& tx, const NewSession& session, const std::string& subject) const;
  // With `for_update`, the row stays locked until the transaction ends: attendance writes of one
  // session serialise on it (attendee count, event versions).
  std::optional<StoredSession> GetSession(pqxx::transaction_base& tx, const std::string& session_id,
                                          bool for_update = false) const;
  // After attendance changes: the count moves by `attendee_delta` and the session's last event
  // version becomes `event_version`.
  void AdvanceSession(pqxx::work& tx, const std::string& session_id, int attendee_delta,
                      int64_t event_version, const std::string& subject) const;
  // At most `limit` sessions after `after` (nullopt: from the newest).
  std::vector<StoredSession> ListSessions(pqxx::transaction_base& tx, const SessionFilter& filter,
                                          const std::optional<SessionCursor>& after,
                                          int limit) const;
  // The regions sessions were held in (the candidates a caller's scope is matched against).
  std::vector<std::string> SessionRegions(pqxx::transaction_base& tx) const;

  void InsertAttendance(pqxx::work& tx, const std::string& session_id,
                        const std::string& attendance_id, const std::string& volunteer_id,
                        int attended_minutes, const std::string& subject) const;
  std::optional<StoredAttendance> GetAttendance(pqxx::transaction_base& tx,
                                                const std::string& session_id,
                                                const std::string& attendance_id) const;
  // The session's attendances of these volunteers (those recorded).
  std::vector<StoredAttendance> AttendancesOfVolunteers(
      pqxx::transaction_base& tx, const std::string& session_id,
      const std::vector<std::string>& volunteer_ids) const;
  // The session's attendances of these ids that still exist.
  std::vector<StoredAttendance> AttendancesByIds(pqxx::transaction_base& tx,
                                                 const std::string& session_id,
                                                 const std::vector<std::string>& ids) const;
  // In recording order, after `after_seq` (0: from the first), at most `limit`.
  std::vector<StoredAttendance> ListAttendances(pqxx::transaction_base& tx,
                                                const std::string& session_id, int64_t after_seq,
                                                int limit) const;
  void DeleteAttendance(pqxx::work& tx, const std::string& session_id,
                        const std::string& attendance_id) const;

 private:
  std::vector<StoredAttendance> QueryAttendances(pqxx::transaction_base& tx,
                                                 const std::string& condition,
                                                 const std::string& session_id,
                                                 const std::string& argument) const;
  std::string schema_;
};

// "trainingSessions/{id}".
std::string SessionName(const std::string& session_id);
// "trainingSessions/{id}/attendances/{id}".
std::string AttendanceName(const std::string& session_id, const std::string& attendance_id);

}  // namespace jindu::registration
