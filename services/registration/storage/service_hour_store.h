#pragma once
// Reads and writes service-hour records. Callers own the transaction, check scope and apply the
// 24-hour rule (service_hours/daily_service_limit.h); rows come back as the API shows them, with
// the organiser's current region (the record's scope) and the keys handlers need.
#include <cstdint>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "jindu/registration/v1/service_hours.pb.h"
#include "runtime/identity/civil_date.h"

namespace jindu::registration {

struct StoredRecord {
  v1::ServiceHourRecord record;
  std::string record_id;
  std::string volunteer_id;
  std::string organizer_id;
  std::string organizer_region_code;
  runtime::CivilDate work_date;
  int64_t seq = 0;
  int64_t event_version = 0;  // of the record's last ServiceHoursConfirmed; 0 before the first
};

struct NewRecord {
  std::string record_id;
  std::string volunteer_id;
  std::string organizer_id;
  runtime::CivilDate work_date;
  int minutes = 0;
  std::string description;
  v1::ServiceHourSource source = v1::SERVICE_HOUR_SOURCE_UNSPECIFIED;
  std::string activity;  // "activities/{activity}" for publicity hours, else empty
  v1::ServiceHourState state = v1::SERVICE_HOUR_STATE_UNSPECIFIED;
  std::string review_note;
  std::optional<std::string> decision_subject;  // set when confirmed on arrival by a person
  int64_t event_version = 0;                    // 1 when confirmed on arrival
};

// A pending correction as requested.
struct CorrectionRequest {
  std::optional<runtime::CivilDate> work_date;
  int minutes = 0;  // 0 = unchanged
  std::string reason;
};

// Filters of ListServiceHourRecords; unset members do not filter.
struct RecordFilter {
  std::vector<std::string> region_codes;  // the organiser's region must be one of these
  std::string volunteer_id;
  std::string organizer_id;
  std::vector<v1::ServiceHourState> states;
  std::optional<runtime::CivilDate> from;   // inclusive
  std::optional<runtime::CivilDate> until;  // exclusive
};

// Where the previous page ended (newest work date first, then seq).
struct RecordCursor {
  runtime::CivilDate work_date;
  int64_t seq = 0;
};

class ServiceHourStore {
 public:
  explicit ServiceHourStore(std::string schema) : schema_(std::move(schema)) {}

  void Insert(pqxx::work& tx, const NewRecord& record, const std::string& subject) const;
  // With `for_update` the record row stays locked until the transaction ends.
  std::optional<StoredRecord> Get(pqxx::transaction_base& tx, const std::string& record_id,
                                  bool for_update = false) const;
  // The record of a publicity activity for a volunteer, locked.
  std::optional<StoredRecord> FindForActivity(pqxx::work& tx, const std::string& activity,
                                              const std::string& volunteer_id) const;

  // Takes the volunteer-day lock until the transaction ends: whatever changes the confirmed total
  // of one volunteer on one day takes turns, so two writers cannot both pass 24 hours.
  void LockVolunteerDay(pqxx::work& tx, const std::string& volunteer_id,
                        runtime::CivilDate day) const;
  // The volunteer's confirmed minutes on the day, leaving out one record (empty: none).
  int64_t ConfirmedMinutesOn(pqxx::transaction_base& tx, const std::string& volunteer_id,
                             runtime::CivilDate day, const std::string& excluding_record_id) const;

  // PENDING_CONFIRMATION or REVIEW_REQUIRED -> `state` (CONFIRMED or REJECTED) with the decision;
  // the review note goes. `event_version` is the record's after this change.
  void Decide(pqxx::work& tx, const std::string& record_id, v1::ServiceHourState state,
              const std::string& reason, int64_t event_version, const std::string& subject) const;
  void SetCorrection(pqxx::work& tx, const std::string& record_id,
                     const CorrectionRequest& correction, const std::string& subject) const;
  // Discards the pending correction; the decision is kept for audit.
  void RejectCorrection(pqxx::work& tx, const std::string& record_id, const std::string& reason,
                        const std::string& subject) const;
  // Replaces the confirmed facts with the pending correction's and clears it.
  void ApplyCorrection(pqxx::work& tx, const std::string& record_id, runtime::CivilDate work_date,
                       int minutes, int64_t event_version, const std::string& subject) const;
  // For a record not confirmed yet: new facts and where they leave it (confirmed or in review).
  void ReplaceUnconfirmed(pqxx::work& tx, const std::string& record_id,
                          runtime::CivilDate work_date, int minutes, v1::ServiceHourState state,
                          const std::string& review_note, int64_t event_version,
                          const std::string& subject) const;

  std::vector<StoredRecord> List(pqxx::transaction_base& tx, const RecordFilter& filter,
                                 const std::optional<RecordCursor>& after, int limit) const;
  // The regions organisations sit in (the candidates a caller's scope is matched against).
  std::vector<std::string> OrganizerRegions(pqxx::transaction_base& tx) const;

 private:
  std::string schema_;
};

// "serviceHourRecords/{id}".
std::string RecordName(const std::string& record_id);

}  // namespace jindu::registration
