#include "casework/storage/contact_store.h"

#include "runtime/postgres/row_conversions.h"

namespace jindu::casework {
namespace {

constexpr const char* kColumns =
    "t.contact_id, t.case_id, t.kind, " JINDU_MICROS("t.contact_time") ", t.contact_date::text, "
    "t.reached, array_to_string(t.participant_subjects, E'\\n'), "
    "array_to_string(t.participant_volunteer_ids, E'\\n'), t.notes_sealed, t.notes_key_id, "
    "t.relief_minor_units, t.relief_items, t.relief_items_description_sealed, "
    "t.relief_items_description_key_id, t.revision, " JINDU_MICROS("t.create_time") ", " JINDU_MICROS(
        "t.update_time") ", t.create_subject, t.update_subject";

// Lists travel as one text parameter split by string_to_array: entries hold no control characters
// (contact_validation.h), so a newline cannot occur inside one.
std::string JoinLines(const std::vector<std::string>& entries) {
  std::string text;
  for (const std::string& entry : entries) {
    if (!text.empty()) text += '\n';
    text += entry;
  }
  return text;
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> entries;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    entries.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return entries;
}

}  // namespace

ContactRecord ContactStore::FromRow(const pqxx::row& row, bool sensitive) const {
  ContactRecord record;
  record.id = row[0].as<std::string>();
  record.case_id = row[1].as<std::string>();
  record.kind = static_cast<v1::ContactKind>(row[2].as<int>());
  record.contact_micros = row[3].as<int64_t>();
  record.contact_date =
      runtime::ParseIsoDate(row[4].as<std::string>()).value_or(runtime::CivilDate{});
  record.reached = row[5].as<bool>();
  record.participant_subjects = SplitLines(row[6].as<std::string>());
  record.participant_volunteer_ids = SplitLines(row[7].as<std::string>());
  if (sensitive) record.notes = sealed_.Open(record.id, "notes", row[8], row[9]);
  if (!row[10].is_null()) record.relief_minor_units = row[10].as<int64_t>();
  record.relief_items = row[11].as<int>();
  record.relief_items_description =
      sealed_.Open(record.id, "relief_items_description", row[12], row[13]);
  record.revision = row[14].as<int64_t>();
  record.create_micros = row[15].as<int64_t>();
  record.update_micros = row[16].as<int64_t>();
  record.create_subject = row[17].as<std::string>();
  record.update_subject = row[18].as<std::string>();
  return record;
}

void ContactStore::Insert(pqxx::work& tx, const ContactRecord& record) const {
  const SealedParameters notes = sealed_.Seal(record.id, "notes", record.notes);
  const SealedParameters description =
      sealed_.Seal(record.id, "relief_items_description", record.relief_items_description);
  tx.exec_params(
      "INSERT INTO " + schema_ +
          ".contacts (contact_id, case_id, kind, contact_time, contact_date, reached, "
          "participant_subjects, participant_volunteer_ids, notes_sealed, notes_key_id, "
          "relief_minor_units, relief_items, relief_items_description_sealed, "
          "relief_items_description_key_id, revision, create_time, update_time, create_subject, "
          "update_subject) VALUES ($1, $2, $3, 'epoch'::timestamptz + $4::bigint * interval '1 "
          "microsecond', $5::date, $6, string_to_array($7, E'\\n'), string_to_array($8, E'\\n'), "
          "decode($9, 'hex'), $10, $11, $12, decode($13, 'hex'), $14, $15, now(), now(), $16, $16)",
      record.id, record.case_id, static_cast<int>(record.kind), record.contact_micros,
      runtime::FormatIsoDate(record.contact_date), record.reached,
      JoinLines(record.participant_subjects), JoinLines(record.participant_volunteer_ids),
      notes.hex, notes.key_id, record.relief_minor_units, record.relief_items, description.hex,
      description.key_id, record.revision, record.create_subject);
}

void ContactStore::Update(pqxx::work& tx, const ContactRecord& record) const {
  const SealedParameters notes = sealed_.Seal(record.id, "notes", record.notes);
  const SealedParameters description =
      sealed_.Seal(record.id, "relief_items_description", record.relief_items_description);
  tx.exec_params(
      "UPDATE " + schema_ +
          ".contacts SET kind = $2, contact_time = 'epoch'::timestamptz + $3::bigint * interval "
          "'1 microsecond', contact_date = $4::date, reached = $5, participant_subjects = "
          "string_to_array($6, E'\\n'), participant_volunteer_ids = string_to_array($7, E'\\n'), "
          "notes_sealed = decode($8, 'hex'), notes_key_id = $9, relief_minor_units = $10, "
          "relief_items = $11, relief_items_description_sealed = decode($12, 'hex'), "
          "relief_items_description_key_id = $13, revision = $14, update_time = now(), "
          "update_subject = $15 WHERE contact_id = $1",
      record.id, static_cast<int>(record.kind), record.contact_micros,
      runtime::FormatIsoDate(record.contact_date), record.reached,
      JoinLines(record.participant_subjects), JoinLines(record.participant_volunteer_ids),
      notes.hex, notes.key_id, record.relief_minor_units, record.relief_items, description.hex,
      description.key_id, record.revision, record.update_subject);
}

std::optional<ContactRecord> ContactStore::Find(pqxx::transaction_base& tx,
                                                const std::string& case_id, const std::string& id,
                                                bool sensitive) const {
  const pqxx::result rows = tx.exec_params(std::string("SELECT ") + kColumns + " FROM " + schema_ +
                                               ".contacts t WHERE t.case_id = $1 AND "
                                               "t.contact_id = $2",
                                           case_id, id);
  if (rows.empty()) return std::nullopt;
  return FromRow(rows[0], sensitive);
}

std::vector<ContactRecord> ContactStore::List(pqxx::transaction_base& tx,
                                              const ContactListFilter& filter,
                                              const std::vector<std::string>& after,
                                              int limit) const {
  // Values are validated (ids, dates, integers) and still go through tx.quote.
  std::string sql = std::string("SELECT ") + kColumns + " FROM " + schema_ + ".contacts t";
  if (filter.case_id.empty()) {
    sql +=
        " JOIN " + schema_ + ".cases c ON c.case_id = t.case_id WHERE " + filter.region_condition;
  } else {
    sql += " WHERE t.case_id = " + tx.quote(filter.case_id);
  }
  if (filter.dates.has_value()) {
    sql += " AND t.contact_date >= " + tx.quote(runtime::FormatIsoDate(filter.dates->start)) +
           "::date AND t.contact_date < " + tx.quote(runtime::FormatIsoDate(filter.dates->end)) +
           "::date";
  }
  if (filter.reached.has_value()) sql += *filter.reached ? " AND t.reached" : " AND NOT t.reached";
  if (after.size() == 2) {
    sql += " AND (t.contact_time, t.contact_id) < ('epoch'::timestamptz + " + tx.quote(after[0]) +
           "::bigint * interval '1 microsecond', " + tx.quote(after[1]) + ")";
  }
  sql += " ORDER BY t.contact_time DESC, t.contact_id DESC LIMIT " + std::to_string(limit);
  std::vector<ContactRecord> records;
  for (const pqxx::row& row : tx.exec(sql)) records.push_back(FromRow(row, /*sensitive=*/false));
  return records;
}

}  // namespace jindu::casework
