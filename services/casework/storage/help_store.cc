#include "casework/storage/help_store.h"

#include "runtime/postgres/row_conversions.h"

namespace jindu::casework {
namespace {

constexpr const char* kColumns =
    "t.help_record_id, t.case_id, t.kind, t.help_date::text, t.amount_minor_units, t.provider, "
    "t.outcome, t.notes_sealed, t.notes_key_id, t.revision, " JINDU_MICROS(
        "t.create_time") ", " JINDU_MICROS("t.update_time") ", t.create_subject, t.update_subject";

}  // namespace

HelpRecordRow HelpStore::FromRow(const pqxx::row& row, bool sensitive) const {
  HelpRecordRow record;
  record.id = row[0].as<std::string>();
  record.case_id = row[1].as<std::string>();
  record.kind = static_cast<v1::HelpKind>(row[2].as<int>());
  record.help_date = runtime::ParseIsoDate(row[3].as<std::string>()).value_or(runtime::CivilDate{});
  if (!row[4].is_null()) record.amount_minor_units = row[4].as<int64_t>();
  record.provider = row[5].as<std::string>();
  record.outcome = static_cast<v1::HelpOutcome>(row[6].as<int>());
  if (sensitive) record.notes = sealed_.Open(record.id, "notes", row[7], row[8]);
  record.revision = row[9].as<int64_t>();
  record.create_micros = row[10].as<int64_t>();
  record.update_micros = row[11].as<int64_t>();
  record.create_subject = row[12].as<std::string>();
  record.update_subject = row[13].as<std::string>();
  return record;
}

void HelpStore::Insert(pqxx::work& tx, const HelpRecordRow& record) const {
  const SealedParameters notes = sealed_.Seal(record.id, "notes", record.notes);
  tx.exec_params(
      "INSERT INTO " + schema_ +
          ".help_records (help_record_id, case_id, kind, help_date, amount_minor_units, "
          "provider, outcome, notes_sealed, notes_key_id, revision, create_time, update_time, "
          "create_subject, update_subject) VALUES ($1, $2, $3, $4::date, $5, $6, $7, "
          "decode($8, 'hex'), $9, $10, now(), now(), $11, $11)",
      record.id, record.case_id, static_cast<int>(record.kind),
      runtime::FormatIsoDate(record.help_date), record.amount_minor_units, record.provider,
      static_cast<int>(record.outcome), notes.hex, notes.key_id, record.revision,
      record.create_subject);
}

void HelpStore::Update(pqxx::work& tx, const HelpRecordRow& record) const {
  const SealedParameters notes = sealed_.Seal(record.id, "notes", record.notes);
  tx.exec_params(
      "UPDATE " + schema_ +
          ".help_records SET help_date = $2::date, amount_minor_units = $3, provider = $4, "
          "outcome = $5, notes_sealed = decode($6, 'hex'), notes_key_id = $7, revision = $8, "
          "update_time = now(), update_subject = $9 WHERE help_record_id = $1",
      record.id, runtime::FormatIsoDate(record.help_date), record.amount_minor_units,
      record.provider, static_cast<int>(record.outcome), notes.hex, notes.key_id, record.revision,
      record.update_subject);
}

std::optional<HelpRecordRow> HelpStore::Find(pqxx::transaction_base& tx, const std::string& case_id,
                                             const std::string& id, bool sensitive) const {
  const pqxx::result rows = tx.exec_params(std::string("SELECT ") + kColumns + " FROM " + schema_ +
                                               ".help_records t WHERE t.case_id = $1 AND "
                                               "t.help_record_id = $2",
                                           case_id, id);
  if (rows.empty()) return std::nullopt;
  return FromRow(rows[0], sensitive);
}

std::vector<HelpRecordRow> HelpStore::List(pqxx::transaction_base& tx, const HelpListFilter& filter,
                                           const std::vector<std::string>& after, int limit) const {
  // Values are validated (ids, dates, enum numbers) and still go through tx.quote.
  std::string sql = std::string("SELECT ") + kColumns + " FROM " + schema_ + ".help_records t";
  if (filter.case_id.empty()) {
    sql +=
        " JOIN " + schema_ + ".cases c ON c.case_id = t.case_id WHERE " + filter.region_condition;
  } else {
    sql += " WHERE t.case_id = " + tx.quote(filter.case_id);
  }
  if (!filter.kinds.empty()) {
    std::string kinds;
    for (v1::HelpKind kind : filter.kinds) {
      if (!kinds.empty()) kinds += ", ";
      kinds += std::to_string(static_cast<int>(kind));
    }
    sql += " AND t.kind IN (" + kinds + ")";
  }
  if (filter.dates.has_value()) {
    sql += " AND t.help_date >= " + tx.quote(runtime::FormatIsoDate(filter.dates->start)) +
           "::date AND t.help_date < " + tx.quote(runtime::FormatIsoDate(filter.dates->end)) +
           "::date";
  }
  if (after.size() == 2) {
    sql += " AND (t.help_date, t.help_record_id) < (" + tx.quote(after[0]) + "::date, " +
           tx.quote(after[1]) + ")";
  }
  sql += " ORDER BY t.help_date DESC, t.help_record_id DESC LIMIT " + std::to_string(limit);
  std::vector<HelpRecordRow> records;
  for (const pqxx::row& row : tx.exec(sql)) records.push_back(FromRow(row, /*sensitive=*/false));
  return records;
}

}  // namespace jindu::casework
