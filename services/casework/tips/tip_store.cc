#include "casework/tips/tip_store.h"

#include <nlohmann/json.hpp>

#include "casework/tips/tip_validation.h"
#include "runtime/postgres/row_conversions.h"

namespace jindu::casework {
namespace {

// The sealed columns are read only when asked for: lists never open them.
std::string Columns(bool sealed) {
  return std::string(
             "tip_id, kind, region_code, observed_date::text, filed_date::text, plant_count, "
             "state, submitter_hash, ") +
         (sealed ? "description_sealed, description_key_id, submitter_sealed, submitter_key_id, "
                   "source_volunteer_sealed, source_volunteer_key_id, police_reference_sealed, "
                   "police_reference_key_id, "
                 : "NULL::bytea, NULL::text, NULL::bytea, NULL::text, NULL::bytea, NULL::text, "
                   "NULL::bytea, NULL::text, ") +
         "police_reference_sealed IS NOT NULL, outcome_time IS NOT NULL, suspects_identified, "
         "users_identified, cases_solved, prosecutions, plants_eradicated, seizures::text, " +
         JINDU_MICROS("state_change_time") + ", revision, " + JINDU_MICROS("create_time") + ", " +
         JINDU_MICROS("update_time") + ", update_subject";
}

runtime::CivilDate RequiredDate(const pqxx::field& field) {
  return runtime::ParseIsoDate(field.as<std::string>()).value_or(runtime::CivilDate{});
}

std::optional<std::string> NonEmpty(const std::string& value) {
  if (value.empty()) return std::nullopt;
  return value;
}

std::string IntList(const std::vector<int>& values) {
  std::string text;
  for (int value : values) {
    if (!text.empty()) text += ',';
    text += std::to_string(value);
  }
  return text;
}

std::string SeizuresJson(const v1::TipOutcome& outcome) {
  nlohmann::json seizures = nlohmann::json::array();
  for (const v1::DrugSeizure& seizure : outcome.seizures()) {
    seizures.push_back({{"substance", seizure.substance()}, {"milligrams", seizure.milligrams()}});
  }
  return seizures.dump();
}

void ReadSeizures(const std::string& text, v1::TipOutcome* outcome) {
  for (const auto& item : nlohmann::json::parse(text)) {
    v1::DrugSeizure* seizure = outcome->add_seizures();
    seizure->set_substance(item.at("substance").get<std::string>());
    seizure->set_milligrams(item.at("milligrams").get<int64_t>());
  }
}

}  // namespace

std::string TipSubmitterHash(const runtime::KeyedHash& lookup, const std::string& subject) {
  return lookup.Digest("casework.tip_submitter", subject);
}

std::string TipStore::Seal(const std::string& id, const char* column, const std::string& value,
                           std::string* key_id) const {
  runtime::SealedField sealed = cipher_.Encrypt(value, "tip/" + id + "/" + column);
  *key_id = sealed.key_id;
  return runtime::BytesAsHex(sealed.ciphertext);
}

std::string TipStore::Open(const std::string& id, const char* column, const pqxx::field& sealed,
                           const pqxx::field& key_id) const {
  if (sealed.is_null()) return {};
  pqxx::binarystring bytes(sealed);
  return cipher_.Decrypt({.key_id = key_id.as<std::string>(), .ciphertext = bytes.str()},
                         "tip/" + id + "/" + column);
}

TipRecord TipStore::FromRow(const pqxx::row& row, bool sealed) const {
  TipRecord record;
  record.id = row[0].as<std::string>();
  record.kind = static_cast<v1::TipKind>(row[1].as<int>());
  record.region_code = row[2].as<std::string>();
  record.observed_date = RequiredDate(row[3]);
  record.filed_date = RequiredDate(row[4]);
  record.plant_count = row[5].as<int>();
  record.state = static_cast<v1::TipState>(row[6].as<int>());
  record.submitter_hash = row[7].as<std::string>();
  if (sealed) {
    record.description = Open(record.id, "description", row[8], row[9]);
    record.submitter_subject = Open(record.id, "submitter", row[10], row[11]);
    record.source_volunteer = Open(record.id, "source_volunteer", row[12], row[13]);
    record.police_reference = Open(record.id, "police_reference", row[14], row[15]);
  }
  record.has_police_reference = row[16].as<bool>();
  if (row[17].as<bool>()) {
    v1::TipOutcome outcome;
    outcome.set_suspects_identified(row[18].as<int>());
    outcome.set_users_identified(row[19].as<int>());
    outcome.set_cases_solved(row[20].as<int>());
    outcome.set_prosecutions(row[21].as<int>());
    outcome.set_plants_eradicated(row[22].as<int>());
    ReadSeizures(row[23].as<std::string>(), &outcome);
    record.outcome = std::move(outcome);
  }
  record.state_change_micros = row[24].as<int64_t>();
  record.revision = row[25].as<int64_t>();
  record.create_micros = row[26].as<int64_t>();
  record.update_micros = row[27].as<int64_t>();
  record.update_subject = row[28].as<std::string>();
  return record;
}

void TipStore::Insert(pqxx::work& tx, const TipRecord& record, const std::string& region_path,
                      const std::string& lookup_key_id) const {
  std::string description_key, submitter_key, volunteer_key;
  const std::string description =
      Seal(record.id, "description", record.description, &description_key);
  const std::string submitter =
      Seal(record.id, "submitter", record.submitter_subject, &submitter_key);
  std::optional<std::string> volunteer;
  if (!record.source_volunteer.empty()) {
    volunteer = Seal(record.id, "source_volunteer", record.source_volunteer, &volunteer_key);
  }
  tx.exec_params(
      "INSERT INTO " + schema_ +
          ".tips (tip_id, kind, region_code, region_path, observed_date, filed_date, "
          "description_sealed, description_key_id, submitter_sealed, submitter_key_id, "
          "submitter_hash, lookup_key_id, source_volunteer_sealed, source_volunteer_key_id, "
          "plant_count, state, state_change_time, revision, create_time, update_time, "
          "update_subject) VALUES ($1, $2, $3, $4, $5::date, $6::date, decode($7, 'hex'), $8, "
          "decode($9, 'hex'), $10, $11, $12, decode($13, 'hex'), $14, $15, $16, now(), $17, "
          "now(), now(), '')",
      record.id, static_cast<int>(record.kind), record.region_code, region_path,
      runtime::FormatIsoDate(record.observed_date), runtime::FormatIsoDate(record.filed_date),
      description, description_key, submitter, submitter_key, record.submitter_hash, lookup_key_id,
      volunteer, NonEmpty(volunteer_key), record.plant_count, static_cast<int>(record.state),
      record.revision);
}

void TipStore::ChangeState(pqxx::work& tx, const TipRecord& record,
                           const std::string& police_reference) const {
  tx.exec_params("UPDATE " + schema_ +
                     ".tips SET state = $2, state_change_time = now(), revision = $3, "
                     "update_time = now(), update_subject = $4 WHERE tip_id = $1",
                 record.id, static_cast<int>(record.state), record.revision, record.update_subject);
  if (police_reference.empty()) return;
  std::string key_id;
  const std::string sealed = Seal(record.id, "police_reference", police_reference, &key_id);
  tx.exec_params("UPDATE " + schema_ +
                     ".tips SET police_reference_sealed = decode($2, 'hex'), "
                     "police_reference_key_id = $3 WHERE tip_id = $1",
                 record.id, sealed, key_id);
}

void TipStore::SetOutcome(pqxx::work& tx, const TipRecord& record) const {
  const v1::TipOutcome& outcome = record.outcome.value();
  tx.exec_params("UPDATE " + schema_ +
                     ".tips SET outcome_time = now(), suspects_identified = $2, "
                     "users_identified = $3, cases_solved = $4, prosecutions = $5, "
                     "plants_eradicated = $6, seizures = $7::jsonb, seized_milligrams = $8, "
                     "revision = $9, update_time = now(), update_subject = $10 WHERE tip_id = $1",
                 record.id, outcome.suspects_identified(), outcome.users_identified(),
                 outcome.cases_solved(), outcome.prosecutions(), outcome.plants_eradicated(),
                 SeizuresJson(outcome), SeizedMilligrams(outcome), record.revision,
                 record.update_subject);
}

void TipStore::AppendStateChange(pqxx::work& tx, const std::string& tip_id, int64_t revision,
                                 v1::TipState previous, v1::TipState state,
                                 runtime::CivilDate effective_date, const std::string& reason,
                                 const std::string& subject) const {
  std::optional<std::string> sealed;
  std::optional<std::string> key_id;
  if (!reason.empty()) {
    runtime::SealedField field =
        cipher_.Encrypt(reason, "tip_state_change/" + tip_id + "/" + std::to_string(revision));
    sealed = runtime::BytesAsHex(field.ciphertext);
    key_id = field.key_id;
  }
  tx.exec_params("INSERT INTO " + schema_ +
                     ".tip_state_changes (tip_id, revision, previous_state, state, "
                     "effective_date, reason_sealed, reason_key_id, change_subject, change_time) "
                     "VALUES ($1, $2, $3, $4, $5::date, decode($6, 'hex'), $7, $8, now())",
                 tip_id, revision, static_cast<int>(previous), static_cast<int>(state),
                 runtime::FormatIsoDate(effective_date), sealed, key_id, subject);
}

std::optional<TipRecord> TipStore::Find(pqxx::transaction_base& tx, const std::string& id,
                                        bool sealed, bool lock) const {
  const pqxx::result rows =
      tx.exec_params("SELECT " + Columns(sealed) + " FROM " + schema_ + ".tips WHERE tip_id = $1" +
                         (lock ? " FOR UPDATE" : ""),
                     id);
  if (rows.empty()) return std::nullopt;
  return FromRow(rows[0], sealed);
}

std::vector<TipRecord> TipStore::List(pqxx::transaction_base& tx, const TipListFilter& filter,
                                      const std::optional<TipCursor>& after, int limit) const {
  // Every value below is an integer, was validated, or goes through tx.quote.
  std::string where = " WHERE " + filter.region_condition;
  if (!filter.states.empty()) where += " AND state IN (" + IntList(filter.states) + ")";
  if (!filter.kinds.empty()) where += " AND kind IN (" + IntList(filter.kinds) + ")";
  if (filter.observed.has_value()) {
    where += " AND observed_date >= " + tx.quote(runtime::FormatIsoDate(filter.observed->start)) +
             "::date AND observed_date < " +
             tx.quote(runtime::FormatIsoDate(filter.observed->end)) + "::date";
  }
  if (!filter.submitter_hash.empty()) {
    where += " AND submitter_hash = " + tx.quote(filter.submitter_hash);
  }
  if (after.has_value()) {
    // Microseconds compare exactly (extract(epoch) is numeric since PostgreSQL 14).
    where += std::string(" AND (") + JINDU_MICROS("create_time") + ", tip_id) < (" +
             std::to_string(after->create_micros) + "::bigint, " + tx.quote(after->id) + ")";
  }
  std::vector<TipRecord> records;
  for (const pqxx::row& row :
       tx.exec("SELECT " + Columns(/*sealed=*/false) + " FROM " + schema_ + ".tips" + where +
               " ORDER BY create_time DESC, tip_id DESC LIMIT " + std::to_string(limit))) {
    records.push_back(FromRow(row, /*sealed=*/false));
  }
  return records;
}

}  // namespace jindu::casework
