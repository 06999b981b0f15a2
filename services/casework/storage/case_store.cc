#include "casework/storage/case_store.h"

#include "runtime/identity/national_id_number.h"
#include "runtime/postgres/row_conversions.h"

namespace jindu::casework {
namespace {

constexpr const char* kColumns =
    "case_id, person_pseudonym, national_id_hash, full_name_sealed, full_name_key_id, "
    "national_id_sealed, national_id_key_id, phone_sealed, phone_key_id, address_sealed, "
    "address_key_id, notes_sealed, notes_key_id, full_name_masked, national_id_masked, "
    "phone_masked, residence_region_code, assistance_category, measure_type, "
    "decision_number_sealed, decision_number_key_id, issuing_authority, decision_date::text, "
    "measure_start_date::text, measure_end_date::text, reported_date::text, status, close_reason, "
    "open_date::text, status_since::text, last_relapse_date::text, suspected_relapse, "
    "assigned_worker_subject, last_reached_contact_date::text, next_urine_test_due_date::text, "
    "active_pairing_count, coalesce(pending_transfer_id, ''), coalesce(transferred_from_case_id, "
    "''), revision, " JINDU_MICROS("create_time") ", " JINDU_MICROS("update_time") ", "
    "create_subject, update_subject, transferred_from_region_code";

std::optional<runtime::CivilDate> OptionalDate(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  return runtime::ParseIsoDate(field.as<std::string>());
}

runtime::CivilDate RequiredDate(const pqxx::field& field) {
  return runtime::ParseIsoDate(field.as<std::string>()).value_or(runtime::CivilDate{});
}

std::optional<std::string> DateParam(const google::type::Date& date, bool present) {
  if (!present || date.year() == 0) return std::nullopt;
  return runtime::FormatIsoDate(runtime::FromProtoDate(date));
}

std::optional<std::string> DateParam(const std::optional<runtime::CivilDate>& date) {
  if (!date.has_value()) return std::nullopt;
  return runtime::FormatIsoDate(*date);
}

std::optional<std::string> NonEmpty(const std::string& value) {
  if (value.empty()) return std::nullopt;
  return value;
}

}  // namespace

std::string ContactOverdueCondition(int contact_overdue_days) {
  return "(status = 1 AND coalesce(last_reached_contact_date, open_date) + " +
         std::to_string(contact_overdue_days) + " < $1::date)";
}

std::string UrineTestOverdueCondition() {
  return "(status IN (1, 2) AND next_urine_test_due_date < $1::date)";
}

std::optional<std::string> CaseStore::SealHex(const std::string& id, const char* column,
                                              const std::string& value, std::string* key_id) const {
  if (value.empty()) {
    key_id->clear();
    return std::nullopt;
  }
  runtime::SealedField sealed = cipher_.Encrypt(value, "case/" + id + "/" + column);
  *key_id = sealed.key_id;
  return runtime::BytesAsHex(sealed.ciphertext);
}

std::string CaseStore::Open(const std::string& id, const char* column, const pqxx::field& sealed,
                            const pqxx::field& key_id) const {
  if (sealed.is_null()) return {};
  pqxx::binarystring bytes(sealed);
  return cipher_.Decrypt({.key_id = key_id.as<std::string>(), .ciphertext = bytes.str()},
                         "case/" + id + "/" + column);
}

CaseRecord CaseStore::FromRow(const pqxx::row& row, bool personal) const {
  CaseRecord record;
  record.id = row[0].as<std::string>();
  record.person_pseudonym = row[1].as<std::string>();
  record.national_id_hash = row[2].as<std::string>();
  if (personal) {
    record.person.set_full_name(Open(record.id, "full_name", row[3], row[4]));
    record.person.set_national_id_number(Open(record.id, "national_id", row[5], row[6]));
    record.person.set_phone(Open(record.id, "phone", row[7], row[8]));
    record.person.set_address(Open(record.id, "address", row[9], row[10]));
    record.person.set_notes(Open(record.id, "notes", row[11], row[12]));
    if (!row[19].is_null()) {
      record.measure.set_decision_number(Open(record.id, "decision_number", row[19], row[20]));
    }
  }
  record.has_address = !row[9].is_null();
  record.full_name_masked = row[13].as<std::string>();
  record.national_id_masked = row[14].as<std::string>();
  record.phone_masked = row[15].as<std::string>();
  record.residence_region_code = row[16].as<std::string>();
  record.assistance_category = static_cast<v1::AssistanceCategory>(row[17].as<int>());
  record.measure.set_type(static_cast<v1::MeasureType>(row[18].as<int>()));
  record.measure.set_issuing_authority(row[21].as<std::string>());
  if (auto day = OptionalDate(row[22])) {
    *record.measure.mutable_decision_date() = runtime::ToProtoDate(*day);
  }
  if (auto day = OptionalDate(row[23])) {
    *record.measure.mutable_start_date() = runtime::ToProtoDate(*day);
  }
  if (auto day = OptionalDate(row[24]))
    *record.measure.mutable_end_date() = runtime::ToProtoDate(*day);
  if (auto day = OptionalDate(row[25])) {
    *record.measure.mutable_reported_date() = runtime::ToProtoDate(*day);
  }
  record.status = static_cast<v1::CaseStatus>(row[26].as<int>());
  record.close_reason = static_cast<v1::CloseReason>(row[27].as<int>());
  record.open_date = RequiredDate(row[28]);
  record.status_since = RequiredDate(row[29]);
  record.last_relapse_date = OptionalDate(row[30]);
  record.suspected_relapse = row[31].as<bool>();
  record.assigned_worker_subject = row[32].as<std::string>();
  record.last_reached_contact_date = OptionalDate(row[33]);
  record.next_urine_test_due_date = OptionalDate(row[34]);
  record.active_pairing_count = row[35].as<int>();
  record.pending_transfer_id = row[36].as<std::string>();
  record.transferred_from_case_id = row[37].as<std::string>();
  record.revision = row[38].as<int64_t>();
  record.create_micros = row[39].as<int64_t>();
  record.update_micros = row[40].as<int64_t>();
  record.create_subject = row[41].as<std::string>();
  record.update_subject = row[42].as<std::string>();
  record.transferred_from_region_code = row[43].as<std::string>();
  return record;
}

void CaseStore::Insert(pqxx::work& tx, const CaseRecord& record,
                       const std::string& region_path) const {
  std::string name_key, id_key, phone_key, address_key, notes_key, decision_key;
  const auto name = SealHex(record.id, "full_name", record.person.full_name(), &name_key);
  const auto id_number =
      SealHex(record.id, "national_id", record.person.national_id_number(), &id_key);
  const auto phone = SealHex(record.id, "phone", record.person.phone(), &phone_key);
  const auto address = SealHex(record.id, "address", record.person.address(), &address_key);
  const auto notes = SealHex(record.id, "notes", record.person.notes(), &notes_key);
  const auto decision =
      SealHex(record.id, "decision_number", record.measure.decision_number(), &decision_key);
  const v1::Measure& m = record.measure;
  tx.exec_params(
      "INSERT INTO " + schema_ +
          ".cases (case_id, person_pseudonym, national_id_hash, lookup_key_id, full_name_sealed, "
          "full_name_key_id, national_id_sealed, national_id_key_id, phone_sealed, phone_key_id, "
          "address_sealed, address_key_id, notes_sealed, notes_key_id, full_name_masked, "
          "national_id_masked, phone_masked, residence_region_code, region_path, "
          "assistance_category, measure_type, decision_number_sealed, decision_number_key_id, "
          "issuing_authority, decision_date, measure_start_date, measure_end_date, reported_date, "
          "status, close_reason, open_date, status_since, last_relapse_date, suspected_relapse, "
          "assigned_worker_subject, transferred_from_case_id, revision, create_time, update_time, "
          "create_subject, update_subject, transferred_from_region_code) VALUES ($1, $2, $3, $4, "
          "decode($5, 'hex'), $6, "
          "decode($7, 'hex'), $8, decode($9, 'hex'), $10, decode($11, 'hex'), $12, "
          "decode($13, 'hex'), $14, $15, $16, $17, $18, $19, $20, $21, decode($22, 'hex'), $23, "
          "$24, $25::date, $26::date, $27::date, $28::date, $29, $30, $31::date, $32::date, "
          "$33::date, $34, $35, $36, $37, now(), now(), $38, $38, $39)",
      record.id, record.person_pseudonym, record.national_id_hash, record.lookup_key_id, name,
      name_key, id_number, id_key, phone, NonEmpty(phone_key), address, NonEmpty(address_key),
      notes, NonEmpty(notes_key), record.full_name_masked, record.national_id_masked,
      record.phone_masked, record.residence_region_code, region_path,
      static_cast<int>(record.assistance_category), static_cast<int>(m.type()), decision,
      NonEmpty(decision_key), m.issuing_authority(),
      DateParam(m.decision_date(), m.has_decision_date()),
      DateParam(m.start_date(), m.has_start_date()), DateParam(m.end_date(), m.has_end_date()),
      DateParam(m.reported_date(), m.has_reported_date()), static_cast<int>(record.status),
      static_cast<int>(record.close_reason), runtime::FormatIsoDate(record.open_date),
      runtime::FormatIsoDate(record.status_since), DateParam(record.last_relapse_date),
      record.suspected_relapse, record.assigned_worker_subject,
      NonEmpty(record.transferred_from_case_id), record.revision, record.create_subject,
      record.transferred_from_region_code);
}

void CaseStore::Update(pqxx::work& tx, const CaseRecord& record,
                       const std::vector<std::string>& personal_paths) const {
  const v1::Measure& m = record.measure;
  tx.exec_params(
      "UPDATE " + schema_ +
          ".cases SET assistance_category = $2, measure_type = $3, issuing_authority = $4, "
          "decision_date = $5::date, measure_start_date = $6::date, measure_end_date = $7::date, "
          "reported_date = $8::date, status = $9, close_reason = $10, status_since = $11::date, "
          "last_relapse_date = $12::date, suspected_relapse = $13, assigned_worker_subject = $14, "
          "last_reached_contact_date = $15::date, next_urine_test_due_date = $16::date, "
          "active_pairing_count = $17, pending_transfer_id = $18, revision = $19, "
          "update_time = now(), update_subject = $20, full_name_masked = $21, phone_masked = $22 "
          "WHERE case_id = $1",
      record.id, static_cast<int>(record.assistance_category), static_cast<int>(m.type()),
      m.issuing_authority(), DateParam(m.decision_date(), m.has_decision_date()),
      DateParam(m.start_date(), m.has_start_date()), DateParam(m.end_date(), m.has_end_date()),
      DateParam(m.reported_date(), m.has_reported_date()), static_cast<int>(record.status),
      static_cast<int>(record.close_reason), runtime::FormatIsoDate(record.status_since),
      DateParam(record.last_relapse_date), record.suspected_relapse, record.assigned_worker_subject,
      DateParam(record.last_reached_contact_date), DateParam(record.next_urine_test_due_date),
      record.active_pairing_count, NonEmpty(record.pending_transfer_id), record.revision,
      record.update_subject, record.full_name_masked, record.phone_masked);
  for (const std::string& path : personal_paths) {
    std::string column;
    std::string value;
    if (path == "full_name") {
      column = "full_name", value = record.person.full_name();
    } else if (path == "phone") {
      column = "phone", value = record.person.phone();
    } else if (path == "address") {
      column = "address", value = record.person.address();
    } else if (path == "notes") {
      column = "notes", value = record.person.notes();
    } else {
      continue;
    }
    std::string key_id;
    const auto sealed = SealHex(record.id, column.c_str(), value, &key_id);
    // Column names come from the fixed list above, never from the request.
    tx.exec_params("UPDATE " + schema_ + ".cases SET " + column + "_sealed = decode($2, 'hex'), " +
                       column + "_key_id = $3 WHERE case_id = $1",
                   record.id, sealed, NonEmpty(key_id));
  }
}

void CaseStore::SetDecisionNumber(pqxx::work& tx, const std::string& case_id,
                                  const std::string& decision_number) const {
  std::string key_id;
  const auto sealed = SealHex(case_id, "decision_number", decision_number, &key_id);
  tx.exec_params("UPDATE " + schema_ +
                     ".cases SET decision_number_sealed = decode($2, 'hex'), "
                     "decision_number_key_id = $3 WHERE case_id = $1",
                 case_id, sealed, NonEmpty(key_id));
}

std::optional<CaseRecord> CaseStore::Find(pqxx::transaction_base& tx, const std::string& id,
                                          bool personal, bool lock) const {
  const pqxx::result rows =
      tx.exec_params(std::string("SELECT ") + kColumns + " FROM " + schema_ +
                         ".cases WHERE case_id = $1" + (lock ? " FOR UPDATE" : ""),
                     id);
  if (rows.empty()) return std::nullopt;
  return FromRow(rows[0], personal);
}

std::optional<CaseRecord> CaseStore::FindOpenByPerson(pqxx::transaction_base& tx,
                                                      const std::string& national_id_hash,
                                                      bool lock) const {
  const pqxx::result rows =
      tx.exec_params(std::string("SELECT ") + kColumns + " FROM " + schema_ +
                         ".cases WHERE national_id_hash = $1 AND status NOT IN (4, 6)" +
                         (lock ? " FOR UPDATE" : ""),
                     national_id_hash);
  if (rows.empty()) return std::nullopt;
  return FromRow(rows[0], /*personal=*/false);
}

std::vector<CaseRecord> CaseStore::FindByPerson(pqxx::transaction_base& tx,
                                                const std::string& national_id_hash) const {
  std::vector<CaseRecord> records;
  for (const pqxx::row& row :
       tx.exec_params(std::string("SELECT ") + kColumns + " FROM " + schema_ +
                          ".cases WHERE national_id_hash = $1 "
                          "ORDER BY open_date DESC, create_time DESC",
                      national_id_hash)) {
    records.push_back(FromRow(row, /*personal=*/false));
  }
  return records;
}

bool CaseStore::PersonKnown(pqxx::transaction_base& tx, const std::string& national_id_hash) const {
  return !tx.exec_params("SELECT 1 FROM " + schema_ + ".cases WHERE national_id_hash = $1 LIMIT 1",
                         national_id_hash)
              .empty();
}

namespace {

std::string IntList(const std::vector<int>& values) {
  std::string text;
  for (int value : values) {
    if (!text.empty()) text += ',';
    text += std::to_string(value);
  }
  return text;
}

}  // namespace

std::vector<CaseRecord> CaseStore::List(pqxx::transaction_base& tx, const CaseListFilter& filter,
                                        runtime::CivilDate today, int contact_overdue_days,
                                        const std::vector<std::string>& after, int limit,
                                        int* total) const {
  // Every value below is an integer or was validated; text goes through tx.quote.
  std::string where = " WHERE " + filter.region_condition;
  where += filter.statuses.empty() ? " AND status NOT IN (4, 6)"
                                   : " AND status IN (" + IntList(filter.statuses) + ")";
  if (!filter.measure_types.empty()) {
    where += " AND measure_type IN (" + IntList(filter.measure_types) + ")";
  }
  if (filter.assistance_category != 0) {
    where += " AND assistance_category = " + std::to_string(filter.assistance_category);
  }
  if (!filter.assigned_subject.empty()) {
    where += " AND assigned_worker_subject = " + tx.quote(filter.assigned_subject);
  }
  if (filter.contact_overdue) where += " AND " + ContactOverdueCondition(contact_overdue_days);
  if (filter.urine_test_overdue) where += " AND " + UrineTestOverdueCondition();
  if (filter.suspected_relapse) where += " AND suspected_relapse";
  if (filter.measure_ends_before.has_value()) {
    where += " AND measure_end_date < " +
             tx.quote(runtime::FormatIsoDate(*filter.measure_ends_before)) + "::date";
  }
  const std::string today_text = runtime::FormatIsoDate(today);
  *total = tx.exec_params1(
                 "SELECT count(*) FROM " + schema_ + ".cases" + where + " AND $1::date IS NOT NULL",
                 today_text)[0]
               .as<int>();
  std::string page_where = where;
  if (after.size() == 3) {
    page_where += " AND (residence_region_code, open_date, case_id) > (" + tx.quote(after[0]) +
                  ", " + tx.quote(after[1]) + "::date, " + tx.quote(after[2]) + ")";
  }
  std::vector<CaseRecord> records;
  for (const pqxx::row& row : tx.exec_params(
           std::string("SELECT ") + kColumns + " FROM " + schema_ + ".cases" + page_where +
               " AND $1::date IS NOT NULL ORDER BY residence_region_code, "
               "open_date, case_id LIMIT " +
               std::to_string(limit),
           today_text)) {
    records.push_back(FromRow(row, /*personal=*/false));
  }
  return records;
}

CaseStore::WorkListCounts CaseStore::Count(pqxx::transaction_base& tx,
                                           const std::string& region_condition,
                                           const std::string& assigned_subject,
                                           runtime::CivilDate today, int contact_overdue_days,
                                           int measure_ending_soon_days) const {
  std::string where = " WHERE status NOT IN (4, 6) AND " + region_condition;
  if (!assigned_subject.empty()) {
    where += " AND assigned_worker_subject = " + tx.quote(assigned_subject);
  }
  const pqxx::row row = tx.exec_params1(
      "SELECT count(*), count(*) FILTER (WHERE " + ContactOverdueCondition(contact_overdue_days) +
          "), count(*) FILTER (WHERE " + UrineTestOverdueCondition() +
          "), count(*) FILTER (WHERE suspected_relapse), count(*) FILTER (WHERE measure_end_date "
          "< $1::date + " +
          std::to_string(measure_ending_soon_days) +
          " AND measure_end_date >= $1::date), count(*) FILTER (WHERE status = 2) FROM " + schema_ +
          ".cases" + where,
      runtime::FormatIsoDate(today));
  return {.open_cases = row[0].as<int>(),
          .contact_overdue = row[1].as<int>(),
          .urine_test_overdue = row[2].as<int>(),
          .suspected_relapse = row[3].as<int>(),
          .measure_ending_soon = row[4].as<int>(),
          .lost_contact = row[5].as<int>()};
}

void CaseStore::AppendStatusChange(pqxx::work& tx, const std::string& case_id, int64_t revision,
                                   v1::CaseStatus previous, v1::CaseStatus status,
                                   runtime::CivilDate effective_date, const std::string& reason,
                                   const std::string& subject) const {
  runtime::SealedField sealed =
      cipher_.Encrypt(reason, "case_status_change/" + case_id + "/" + std::to_string(revision));
  tx.exec_params("INSERT INTO " + schema_ +
                     ".case_status_changes (case_id, revision, previous_status, status, "
                     "effective_date, reason_sealed, reason_key_id, change_subject, change_time) "
                     "VALUES ($1, $2, $3, $4, $5::date, decode($6, 'hex'), $7, $8, now())",
                 case_id, revision, static_cast<int>(previous), static_cast<int>(status),
                 runtime::FormatIsoDate(effective_date), runtime::BytesAsHex(sealed.ciphertext),
                 sealed.key_id, subject);
}

}  // namespace jindu::casework
