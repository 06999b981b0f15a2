#include "casework/storage/pairing_store.h"

#include "runtime/postgres/row_conversions.h"

namespace jindu::casework {
namespace {

constexpr const char* kColumns =
    "pairing_id, case_id, volunteer_id, start_date::text, end_date::text, state, end_reason, "
    "revision, " JINDU_MICROS("create_time") ", " JINDU_MICROS("update_time") ", create_subject, "
    "update_subject";

PairingRecord FromRow(const pqxx::row& row) {
  PairingRecord record;
  record.id = row[0].as<std::string>();
  record.case_id = row[1].as<std::string>();
  record.volunteer_id = row[2].as<std::string>();
  record.start_date =
      runtime::ParseIsoDate(row[3].as<std::string>()).value_or(runtime::CivilDate{});
  if (!row[4].is_null()) record.end_date = runtime::ParseIsoDate(row[4].as<std::string>());
  record.state = static_cast<v1::PairingState>(row[5].as<int>());
  record.end_reason = static_cast<v1::PairingEndReason>(row[6].as<int>());
  record.revision = row[7].as<int64_t>();
  record.create_micros = row[8].as<int64_t>();
  record.update_micros = row[9].as<int64_t>();
  record.create_subject = row[10].as<std::string>();
  record.update_subject = row[11].as<std::string>();
  return record;
}

std::optional<std::string> DateText(const std::optional<runtime::CivilDate>& date) {
  if (!date.has_value()) return std::nullopt;
  return runtime::FormatIsoDate(*date);
}

}  // namespace

void PairingStore::Insert(pqxx::work& tx, const PairingRecord& record,
                          const std::string& region_code, const std::string& region_path) const {
  tx.exec_params("INSERT INTO " + schema_ +
                     ".pairings (pairing_id, case_id, volunteer_id, region_code, region_path, "
                     "start_date, end_date, state, end_reason, revision, create_time, update_time, "
                     "create_subject, update_subject) VALUES ($1, $2, $3, $4, $5, $6::date, NULL, "
                     "$7, $8, $9, now(), now(), $10, $10)",
                 record.id, record.case_id, record.volunteer_id, region_code, region_path,
                 runtime::FormatIsoDate(record.start_date), static_cast<int>(record.state),
                 static_cast<int>(record.end_reason), record.revision, record.create_subject);
}

void PairingStore::Update(pqxx::work& tx, const PairingRecord& record) const {
  tx.exec_params("UPDATE " + schema_ +
                     ".pairings SET end_date = $2::date, state = $3, end_reason = $4, revision = "
                     "$5, update_time = now(), update_subject = $6 WHERE pairing_id = $1",
                 record.id, DateText(record.end_date), static_cast<int>(record.state),
                 static_cast<int>(record.end_reason), record.revision, record.update_subject);
}

std::optional<PairingRecord> PairingStore::Find(pqxx::transaction_base& tx,
                                                const std::string& case_id, const std::string& id,
                                                bool lock) const {
  const pqxx::result rows = tx.exec_params(std::string("SELECT ") + kColumns + " FROM " + schema_ +
                                               ".pairings WHERE case_id = $1 AND pairing_id = $2" +
                                               (lock ? " FOR UPDATE" : ""),
                                           case_id, id);
  if (rows.empty()) return std::nullopt;
  return FromRow(rows[0]);
}

std::vector<PairingRecord> PairingStore::ActiveOfCase(pqxx::transaction_base& tx,
                                                      const std::string& case_id) const {
  std::vector<PairingRecord> records;
  for (const pqxx::row& row : tx.exec_params(
           std::string("SELECT ") + kColumns + " FROM " + schema_ +
               ".pairings WHERE case_id = $1 AND state = 1 ORDER BY pairing_id FOR UPDATE",
           case_id)) {
    records.push_back(FromRow(row));
  }
  return records;
}

std::vector<std::string> PairingStore::CasesPairedWith(pqxx::transaction_base& tx,
                                                       const std::string& volunteer_id) const {
  std::vector<std::string> cases;
  for (const pqxx::row& row : tx.exec_params("SELECT DISTINCT case_id FROM " + schema_ +
                                                 ".pairings WHERE volunteer_id = $1 AND state = 1 "
                                                 "ORDER BY case_id",
                                             volunteer_id)) {
    cases.push_back(row[0].as<std::string>());
  }
  return cases;
}

bool PairingStore::ActivePairingExists(pqxx::transaction_base& tx, const std::string& case_id,
                                       const std::string& volunteer_id) const {
  return !tx.exec_params("SELECT 1 FROM " + schema_ +
                             ".pairings WHERE case_id = $1 AND volunteer_id = $2 AND state = 1",
                         case_id, volunteer_id)
              .empty();
}

std::vector<PairingRecord> PairingStore::List(
    pqxx::transaction_base& tx, const PairingListFilter& filter,
    const std::optional<std::pair<int64_t, std::string>>& after, int limit) const {
  std::string where =
      filter.case_id.empty() ? filter.region_condition : "case_id = " + tx.quote(filter.case_id);
  if (!filter.volunteer_id.empty()) where += " AND volunteer_id = " + tx.quote(filter.volunteer_id);
  if (filter.state != 0) where += " AND state = " + std::to_string(filter.state);
  if (after.has_value()) {
    where += " AND (" JINDU_MICROS("create_time") ", pairing_id) < (" +
             std::to_string(after->first) + ", " + tx.quote(after->second) + ")";
  }
  std::vector<PairingRecord> records;
  for (const pqxx::row& row :
       tx.exec(std::string("SELECT ") + kColumns + " FROM " + schema_ + ".pairings WHERE " + where +
               " ORDER BY create_time DESC, pairing_id DESC LIMIT " + std::to_string(limit))) {
    records.push_back(FromRow(row));
  }
  return records;
}

std::optional<PairingStore::Volunteer> PairingStore::FindVolunteer(
    pqxx::transaction_base& tx, const std::string& volunteer_id) const {
  const pqxx::result rows = tx.exec_params("SELECT state, residence_region_code FROM " + schema_ +
                                               ".volunteer_replica WHERE volunteer_id = $1",
                                           volunteer_id);
  if (rows.empty()) return std::nullopt;
  return Volunteer{.state = rows[0][0].as<int>(),
                   .residence_region_code = rows[0][1].as<std::string>()};
}

}  // namespace jindu::casework
