#include "registration/storage/service_hour_store.h"

#include "runtime/postgres/row_conversions.h"
#include "runtime/postgres/sql_arrays.h"

namespace jindu::registration {
namespace {

constexpr const char* kRecordColumns =
    "r.service_hour_record_id, r.volunteer_id, r.organizer_id, o.region_code, r.work_date::text, "
    "r.minutes, r.description, r.source, r.activity, r.state, r.review_note, r.decision_subject, "
    "" JINDU_MICROS("r.decision_time") ", r.decision_reason, r.correction_work_date::text, "
    "r.correction_minutes, r.correction_reason, r.correction_subject, " JINDU_MICROS(
        "r.correction_time") ", r.event_version, r.revision, " JINDU_MICROS("r.create_time") ", "
    "" JINDU_MICROS("r.update_time") ", r.create_subject, r.update_subject, r.seq";

std::string OptionalText(const pqxx::field& field) {
  return field.is_null() ? std::string() : field.as<std::string>();
}

StoredRecord RecordFromRow(const pqxx::row& row) {
  StoredRecord stored;
  stored.record_id = row[0].as<std::string>();
  stored.volunteer_id = row[1].as<std::string>();
  stored.organizer_id = row[2].as<std::string>();
  stored.organizer_region_code = row[3].as<std::string>();
  stored.work_date = *runtime::ParseIsoDate(row[4].as<std::string>());
  stored.event_version = row[19].as<int64_t>();
  stored.seq = row[25].as<int64_t>();

  v1::ServiceHourRecord& record = stored.record;
  record.set_name(RecordName(stored.record_id));
  record.set_volunteer("volunteers/" + stored.volunteer_id);
  record.set_organizer("organizations/" + stored.organizer_id);
  *record.mutable_work_date() = runtime::ToProtoDate(stored.work_date);
  record.set_minutes(row[5].as<int>());
  record.set_description(row[6].as<std::string>());
  record.set_source(static_cast<v1::ServiceHourSource>(row[7].as<int>()));
  record.set_activity(OptionalText(row[8]));
  record.set_state(static_cast<v1::ServiceHourState>(row[9].as<int>()));
  record.set_review_note(row[10].as<std::string>());
  if (!row[11].is_null()) {
    v1::StateChange* decision = record.mutable_decision();
    decision->set_subject(row[11].as<std::string>());
    *decision->mutable_time() = runtime::TimestampFromMicros(row[12].as<int64_t>());
    decision->set_reason(OptionalText(row[13]));
  }
  if (!row[16].is_null()) {
    v1::ServiceHourCorrection* correction = record.mutable_pending_correction();
    if (!row[14].is_null()) {
      *correction->mutable_work_date() =
          runtime::ToProtoDate(*runtime::ParseIsoDate(row[14].as<std::string>()));
    }
    if (!row[15].is_null()) correction->set_minutes(row[15].as<int>());
    correction->set_reason(row[16].as<std::string>());
    correction->set_request_subject(OptionalText(row[17]));
    *correction->mutable_request_time() = runtime::TimestampFromMicros(row[18].as<int64_t>());
  }
  auto* audit = record.mutable_audit();
  *audit->mutable_create_time() = runtime::TimestampFromMicros(row[21].as<int64_t>());
  *audit->mutable_update_time() = runtime::TimestampFromMicros(row[22].as<int64_t>());
  audit->set_create_subject(row[23].as<std::string>());
  audit->set_update_subject(row[24].as<std::string>());
  audit->set_etag(std::to_string(row[20].as<int64_t>()));
  return stored;
}

std::vector<StoredRecord> RecordsFrom(const pqxx::result& rows) {
  std::vector<StoredRecord> records;
  for (const auto& row : rows) records.push_back(RecordFromRow(row));
  return records;
}

}  // namespace

std::string RecordName(const std::string& record_id) { return "serviceHourRecords/" + record_id; }

void ServiceHourStore::Insert(pqxx::work& tx, const NewRecord& record,
                              const std::string& subject) const {
  std::optional<std::string> activity;
  if (!record.activity.empty()) activity = record.activity;
  tx.exec_params(
      "INSERT INTO " + schema_ +
          ".service_hour_records (service_hour_record_id, volunteer_id, organizer_id, work_date, "
          "minutes, description, source, activity, state, review_note, decision_subject, "
          "decision_time, decision_reason, event_version, revision, create_time, update_time, "
          "create_subject, update_subject) VALUES ($1, $2, $3, $4::date, $5, $6, $7, $8, $9, $10, "
          "$11, CASE WHEN $11::text IS NULL THEN NULL ELSE now() END, "
          "CASE WHEN $11::text IS NULL THEN NULL ELSE '' END, $12, 1, now(), now(), $13, $13)",
      record.record_id, record.volunteer_id, record.organizer_id,
      runtime::FormatIsoDate(record.work_date), record.minutes, record.description,
      static_cast<int>(record.source), activity, static_cast<int>(record.state), record.review_note,
      record.decision_subject, record.event_version, subject);
}

std::optional<StoredRecord> ServiceHourStore::Get(pqxx::transaction_base& tx,
                                                  const std::string& record_id,
                                                  bool for_update) const {
  pqxx::result rows = tx.exec_params(std::string("SELECT ") + kRecordColumns + " FROM " + schema_ +
                                         ".service_hour_records r JOIN " + schema_ +
                                         ".organizations o ON o.organization_id = r.organizer_id "
                                         "WHERE r.service_hour_record_id = $1" +
                                         (for_update ? " FOR UPDATE OF r" : ""),
                                     record_id);
  if (rows.empty()) return std::nullopt;
  return RecordFromRow(rows[0]);
}

std::optional<StoredRecord> ServiceHourStore::FindForActivity(
    pqxx::work& tx, const std::string& activity, const std::string& volunteer_id) const {
  pqxx::result rows =
      tx.exec_params(std::string("SELECT ") + kRecordColumns + " FROM " + schema_ +
                         ".service_hour_records r JOIN " + schema_ +
                         ".organizations o ON o.organization_id = r.organizer_id "
                         "WHERE r.activity = $1 AND r.volunteer_id = $2 FOR UPDATE OF r",
                     activity, volunteer_id);
  if (rows.empty()) return std::nullopt;
  return RecordFromRow(rows[0]);
}

void ServiceHourStore::LockVolunteerDay(pqxx::work& tx, const std::string& volunteer_id,
                                        runtime::CivilDate day) const {
  tx.exec_params(
      "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
      "service_hours_day/" + schema_ + "/" + volunteer_id + "/" + runtime::FormatIsoDate(day));
}

int64_t ServiceHourStore::ConfirmedMinutesOn(pqxx::transaction_base& tx,
                                             const std::string& volunteer_id,
                                             runtime::CivilDate day,
                                             const std::string& excluding_record_id) const {
  return tx
      .exec_params1("SELECT coalesce(sum(minutes), 0)::bigint FROM " + schema_ +
                        ".service_hour_records WHERE volunteer_id = $1 AND work_date = $2::date "
                        "AND state = $3 AND service_hour_record_id <> $4",
                    volunteer_id, runtime::FormatIsoDate(day),
                    static_cast<int>(v1::SERVICE_HOUR_STATE_CONFIRMED), excluding_record_id)[0]
      .as<int64_t>();
}

void ServiceHourStore::Decide(pqxx::work& tx, const std::string& record_id,
                              v1::ServiceHourState state, const std::string& reason,
                              int64_t event_version, const std::string& subject) const {
  tx.exec_params("UPDATE " + schema_ +
                     ".service_hour_records SET state = $2, review_note = '', "
                     "decision_subject = $4, decision_time = now(), decision_reason = $3, "
                     "event_version = $5, revision = revision + 1, update_time = now(), "
                     "update_subject = $4 WHERE service_hour_record_id = $1",
                 record_id, static_cast<int>(state), reason, subject, event_version);
}

void ServiceHourStore::SetCorrection(pqxx::work& tx, const std::string& record_id,
                                     const CorrectionRequest& correction,
                                     const std::string& subject) const {
  std::optional<std::string> work_date;
  if (correction.work_date.has_value()) work_date = runtime::FormatIsoDate(*correction.work_date);
  std::optional<int> minutes;
  if (correction.minutes != 0) minutes = correction.minutes;
  tx.exec_params("UPDATE " + schema_ +
                     ".service_hour_records SET correction_work_date = $2::date, "
                     "correction_minutes = $3, correction_reason = $4, correction_subject = $5, "
                     "correction_time = now(), revision = revision + 1, update_time = now(), "
                     "update_subject = $5 WHERE service_hour_record_id = $1",
                 record_id, work_date, minutes, correction.reason, subject);
}

void ServiceHourStore::RejectCorrection(pqxx::work& tx, const std::string& record_id,
                                        const std::string& reason,
                                        const std::string& subject) const {
  tx.exec_params("UPDATE " + schema_ +
                     ".service_hour_records SET correction_work_date = NULL, "
                     "correction_minutes = NULL, correction_reason = NULL, "
                     "correction_subject = NULL, correction_time = NULL, "
                     "correction_decision = 'REJECTED', correction_decision_subject = $3, "
                     "correction_decision_time = now(), correction_decision_reason = $2, "
                     "revision = revision + 1, update_time = now(), update_subject = $3 "
                     "WHERE service_hour_record_id = $1",
                 record_id, reason, subject);
}

void ServiceHourStore::ApplyCorrection(pqxx::work& tx, const std::string& record_id,
                                       runtime::CivilDate work_date, int minutes,
                                       int64_t event_version, const std::string& subject) const {
  tx.exec_params("UPDATE " + schema_ +
                     ".service_hour_records SET work_date = $2::date, minutes = $3, "
                     "correction_work_date = NULL, correction_minutes = NULL, "
                     "correction_reason = NULL, correction_subject = NULL, "
                     "correction_time = NULL, correction_decision = 'APPROVED', "
                     "correction_decision_subject = $5, correction_decision_time = now(), "
                     "correction_decision_reason = '', event_version = $4, "
                     "revision = revision + 1, "
                     "update_time = now(), update_subject = $5 WHERE service_hour_record_id = $1",
                 record_id, runtime::FormatIsoDate(work_date), minutes, event_version, subject);
}

void ServiceHourStore::ReplaceUnconfirmed(pqxx::work& tx, const std::string& record_id,
                                          runtime::CivilDate work_date, int minutes,
                                          v1::ServiceHourState state,
                                          const std::string& review_note, int64_t event_version,
                                          const std::string& subject) const {
  tx.exec_params("UPDATE " + schema_ +
                     ".service_hour_records SET work_date = $2::date, minutes = $3, state = $4, "
                     "review_note = $5, event_version = $6, revision = revision + 1, "
                     "update_time = now(), update_subject = $7 WHERE service_hour_record_id = $1",
                 record_id, runtime::FormatIsoDate(work_date), minutes, static_cast<int>(state),
                 review_note, event_version, subject);
}

std::vector<StoredRecord> ServiceHourStore::List(pqxx::transaction_base& tx,
                                                 const RecordFilter& filter,
                                                 const std::optional<RecordCursor>& after,
                                                 int limit) const {
  std::optional<std::string> states, from, until, after_date;
  if (!filter.states.empty()) {
    std::vector<std::string> numbers;
    for (auto state : filter.states) numbers.push_back(std::to_string(static_cast<int>(state)));
    states = runtime::PlainTextArray(numbers);
  }
  if (filter.from.has_value()) from = runtime::FormatIsoDate(*filter.from);
  if (filter.until.has_value()) until = runtime::FormatIsoDate(*filter.until);
  int64_t after_seq = 0;
  if (after.has_value()) {
    after_date = runtime::FormatIsoDate(after->work_date);
    after_seq = after->seq;
  }
  return RecordsFrom(
      tx.exec_params(std::string("SELECT ") + kRecordColumns + " FROM " + schema_ +
                         ".service_hour_records r JOIN " + schema_ +
                         ".organizations o ON o.organization_id = r.organizer_id "
                         "WHERE o.region_code = ANY($1::text[]) "
                         "AND ($2 = '' OR r.volunteer_id = $2) "
                         "AND ($3 = '' OR r.organizer_id = $3) "
                         "AND ($4::smallint[] IS NULL OR r.state = ANY($4::smallint[])) "
                         "AND ($5::date IS NULL OR r.work_date >= $5::date) "
                         "AND ($6::date IS NULL OR r.work_date < $6::date) "
                         "AND ($7::date IS NULL OR (r.work_date, r.seq) < ($7::date, $8::bigint)) "
                         "ORDER BY r.work_date DESC, r.seq DESC LIMIT $9",
                     runtime::PlainTextArray(filter.region_codes), filter.volunteer_id,
                     filter.organizer_id, states, from, until, after_date, after_seq, limit));
}

std::vector<std::string> ServiceHourStore::OrganizerRegions(pqxx::transaction_base& tx) const {
  std::vector<std::string> codes;
  for (const auto& row :
       tx.exec("SELECT DISTINCT region_code FROM " + schema_ + ".organizations")) {
    codes.push_back(row[0].as<std::string>());
  }
  return codes;
}

}  // namespace jindu::registration
