#include "casework/storage/urine_test_store.h"

#include <cstdlib>

#include "runtime/postgres/row_conversions.h"

namespace jindu::casework {
namespace {

constexpr const char* kColumns =
    "t.urine_test_id, t.case_id, t.state, t.due_date::text, t.scheduled_measure_type, "
    "t.scheduled_measure_start::text, t.test_date::text, t.result_sealed, t.result_key_id, "
    "t.tester_subject, t.done_on_schedule, t.revision, " JINDU_MICROS(
        "t.create_time") ", " JINDU_MICROS("t.update_time") ", t.create_subject, t.update_subject";

// The sealed outcome is padded to a multiple of this many bytes: a negative result and a positive
// one with a substance or two seal to the same length.
constexpr size_t kOutcomePadding = 256;

std::optional<runtime::CivilDate> OptionalDate(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  return runtime::ParseIsoDate(field.as<std::string>());
}

std::optional<std::string> DateParam(const std::optional<runtime::CivilDate>& date) {
  if (!date.has_value()) return std::nullopt;
  return runtime::FormatIsoDate(*date);
}

// "<result number>\n<substance>\n<substance>..." then NUL bytes up to the padding; substances hold
// no control characters (urine_test_validation.h), so neither separator occurs inside one.
std::string EncodeOutcome(v1::UrineTestResult result, const std::vector<std::string>& substances) {
  std::string text = std::to_string(static_cast<int>(result));
  for (const std::string& substance : substances) text += "\n" + substance;
  text.resize((text.size() / kOutcomePadding + 1) * kOutcomePadding, '\0');
  return text;
}

void DecodeOutcome(const std::string& text, UrineTestRecord* record) {
  const std::string content = text.substr(0, text.find('\0'));
  size_t start = 0;
  bool first = true;
  while (start <= content.size()) {
    size_t end = content.find('\n', start);
    if (end == std::string::npos) end = content.size();
    const std::string part = content.substr(start, end - start);
    if (first) {
      record->result = static_cast<v1::UrineTestResult>(std::atoi(part.c_str()));
      first = false;
    } else {
      record->detected_substances.push_back(part);
    }
    start = end + 1;
  }
}

}  // namespace

UrineTestRecord UrineTestStore::FromRow(const pqxx::row& row, bool sensitive) const {
  UrineTestRecord record;
  record.id = row[0].as<std::string>();
  record.case_id = row[1].as<std::string>();
  record.state = static_cast<v1::UrineTestState>(row[2].as<int>());
  record.due_date = OptionalDate(row[3]);
  if (!row[4].is_null())
    record.scheduled_measure_type = static_cast<v1::MeasureType>(row[4].as<int>());
  record.scheduled_measure_start = OptionalDate(row[5]);
  record.test_date = OptionalDate(row[6]);
  if (sensitive && !row[7].is_null()) {
    DecodeOutcome(sealed_.Open(record.id, "result", row[7], row[8]), &record);
  }
  record.tester_subject = row[9].as<std::string>();
  record.done_on_schedule = row[10].as<bool>();
  record.revision = row[11].as<int64_t>();
  record.create_micros = row[12].as<int64_t>();
  record.update_micros = row[13].as<int64_t>();
  record.create_subject = row[14].as<std::string>();
  record.update_subject = row[15].as<std::string>();
  return record;
}

SealedParameters UrineTestStore::SealOutcome(const UrineTestRecord& record) const {
  if (record.state != v1::URINE_TEST_STATE_RECORDED) return {};
  return sealed_.Seal(record.id, "result",
                      EncodeOutcome(record.result, record.detected_substances));
}

void UrineTestStore::Insert(pqxx::work& tx, const UrineTestRecord& record) const {
  const SealedParameters outcome = SealOutcome(record);
  tx.exec_params(
      "INSERT INTO " + schema_ +
          ".urine_tests (urine_test_id, case_id, state, due_date, scheduled_measure_type, "
          "scheduled_measure_start, test_date, result_sealed, result_key_id, tester_subject, "
          "done_on_schedule, revision, create_time, update_time, create_subject, update_subject) "
          "VALUES ($1, $2, $3, $4::date, $5, $6::date, $7::date, decode($8, 'hex'), $9, $10, $11, "
          "$12, now(), now(), $13, $13)",
      record.id, record.case_id, static_cast<int>(record.state), DateParam(record.due_date),
      record.scheduled_measure_type == v1::MEASURE_TYPE_UNSPECIFIED
          ? std::nullopt
          : std::optional<int>(record.scheduled_measure_type),
      DateParam(record.scheduled_measure_start), DateParam(record.test_date), outcome.hex,
      outcome.key_id, record.tester_subject, record.done_on_schedule, record.revision,
      record.create_subject);
}

void UrineTestStore::SaveResult(pqxx::work& tx, const UrineTestRecord& record) const {
  const SealedParameters outcome = SealOutcome(record);
  tx.exec_params("UPDATE " + schema_ +
                     ".urine_tests SET state = $2, test_date = $3::date, result_sealed = "
                     "decode($4, 'hex'), result_key_id = $5, tester_subject = $6, "
                     "done_on_schedule = $7, revision = $8, update_time = now(), "
                     "update_subject = $9 WHERE urine_test_id = $1",
                 record.id, static_cast<int>(record.state), DateParam(record.test_date),
                 outcome.hex, outcome.key_id, record.tester_subject, record.done_on_schedule,
                 record.revision, record.update_subject);
}

void UrineTestStore::Cancel(pqxx::work& tx, const std::string& id,
                            const std::string& subject) const {
  tx.exec_params("UPDATE " + schema_ +
                     ".urine_tests SET state = 4, revision = revision + 1, update_time = now(), "
                     "update_subject = $2 WHERE urine_test_id = $1",
                 id, subject);
}

std::optional<UrineTestRecord> UrineTestStore::Find(pqxx::transaction_base& tx,
                                                    const std::string& case_id,
                                                    const std::string& id, bool sensitive,
                                                    bool lock) const {
  const pqxx::result rows =
      tx.exec_params(std::string("SELECT ") + kColumns + " FROM " + schema_ +
                         ".urine_tests t WHERE t.case_id = $1 AND t.urine_test_id = $2" +
                         (lock ? " FOR UPDATE" : ""),
                     case_id, id);
  if (rows.empty()) return std::nullopt;
  return FromRow(rows[0], sensitive);
}

std::optional<UrineTestRecord> UrineTestStore::FindScheduled(pqxx::transaction_base& tx,
                                                             const std::string& case_id,
                                                             bool lock) const {
  const pqxx::result rows = tx.exec_params(
      std::string("SELECT ") + kColumns + " FROM " + schema_ +
          ".urine_tests t WHERE t.case_id = $1 AND t.state = 1" + (lock ? " FOR UPDATE" : ""),
      case_id);
  if (rows.empty()) return std::nullopt;
  return FromRow(rows[0], /*sensitive=*/false);
}

std::optional<runtime::CivilDate> UrineTestStore::LastSampleDate(pqxx::transaction_base& tx,
                                                                 const std::string& case_id,
                                                                 runtime::CivilDate since) const {
  // Whether a sample was taken is part of the sealed result: opened here, newest first, until one
  // was (normally the first).
  for (const pqxx::row& row : tx.exec_params(
           std::string("SELECT ") + kColumns + " FROM " + schema_ +
               ".urine_tests t WHERE t.case_id = $1 AND t.state = 3 AND t.test_date >= $2::date "
               "ORDER BY t.test_date DESC, t.urine_test_id DESC",
           case_id, runtime::FormatIsoDate(since))) {
    const UrineTestRecord record = FromRow(row, /*sensitive=*/true);
    if (SampleTaken(record.result)) return record.test_date;
  }
  return std::nullopt;
}

std::vector<UrineTestRecord> UrineTestStore::List(pqxx::transaction_base& tx,
                                                  const UrineTestListFilter& filter,
                                                  runtime::CivilDate today,
                                                  const std::vector<std::string>& after,
                                                  int limit) const {
  // Values are validated (ids, dates, enum numbers) and still go through tx.quote.
  const std::string today_sql = tx.quote(runtime::FormatIsoDate(today)) + "::date";
  std::string sql = std::string("SELECT ") + kColumns + " FROM " + schema_ + ".urine_tests t";
  if (filter.case_id.empty()) {
    sql +=
        " JOIN " + schema_ + ".cases c ON c.case_id = t.case_id WHERE " + filter.region_condition;
  } else {
    sql += " WHERE t.case_id = " + tx.quote(filter.case_id);
  }
  if (!filter.states.empty()) {
    std::string states;
    for (v1::UrineTestState state : filter.states) {
      if (!states.empty()) states += " OR ";
      switch (state) {
        case v1::URINE_TEST_STATE_SCHEDULED:
          states += "(t.state = 1 AND t.due_date >= " + today_sql + ")";
          break;
        case v1::URINE_TEST_STATE_OVERDUE:
          states += "(t.state = 1 AND t.due_date < " + today_sql + ")";
          break;
        case v1::URINE_TEST_STATE_RECORDED:
          states += "t.state = 3";
          break;
        default:
          states += "t.state = 4";
          break;
      }
    }
    sql += " AND (" + states + ")";
  }
  if (filter.due_dates.has_value()) {
    sql += " AND t.due_date >= " + tx.quote(runtime::FormatIsoDate(filter.due_dates->start)) +
           "::date AND t.due_date < " + tx.quote(runtime::FormatIsoDate(filter.due_dates->end)) +
           "::date";
  }
  if (after.size() == 2) {
    sql += " AND (coalesce(t.due_date, t.test_date), t.urine_test_id) > (" + tx.quote(after[0]) +
           "::date, " + tx.quote(after[1]) + ")";
  }
  sql +=
      " ORDER BY coalesce(t.due_date, t.test_date), t.urine_test_id LIMIT " + std::to_string(limit);
  std::vector<UrineTestRecord> records;
  for (const pqxx::row& row : tx.exec(sql)) records.push_back(FromRow(row, /*sensitive=*/false));
  return records;
}

std::vector<std::string> UrineTestStore::CasesToCheck(pqxx::transaction_base& tx,
                                                      const std::string& region_condition,
                                                      int limit) const {
  std::vector<std::string> ids;
  for (const pqxx::row& row :
       tx.exec("SELECT c.case_id FROM " + schema_ + ".cases c LEFT JOIN " + schema_ +
               ".urine_test_schedule_checks k ON k.case_id = c.case_id WHERE " + region_condition +
               " AND (k.case_id IS NULL OR k.case_revision <> c.revision) ORDER BY c.case_id "
               "LIMIT " +
               std::to_string(limit))) {
    ids.push_back(row[0].as<std::string>());
  }
  return ids;
}

bool UrineTestStore::NeedsCheck(pqxx::transaction_base& tx, const std::string& case_id,
                                int64_t case_revision) const {
  return tx
      .exec_params("SELECT 1 FROM " + schema_ +
                       ".urine_test_schedule_checks WHERE case_id = $1 AND case_revision = $2",
                   case_id, case_revision)
      .empty();
}

void UrineTestStore::MarkChecked(pqxx::work& tx, const std::string& case_id,
                                 int64_t case_revision) const {
  tx.exec_params("INSERT INTO " + schema_ +
                     ".urine_test_schedule_checks (case_id, case_revision) VALUES ($1, $2) "
                     "ON CONFLICT (case_id) DO UPDATE SET case_revision = EXCLUDED.case_revision",
                 case_id, case_revision);
}

}  // namespace jindu::casework
