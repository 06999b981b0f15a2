#include "registration/storage/volunteer_transfer_store.h"

#include "runtime/api/paging.h"
#include "runtime/postgres/row_conversions.h"

namespace jindu::registration {
namespace {

constexpr const char* kColumns =
    "transfer_id, coalesce(volunteer_id, ''), to_region_code, from_region_code, reason, state, "
    "decision_subject, " JINDU_MICROS("decision_time") ", decision_reason, revision, " JINDU_MICROS(
        "create_time") ", " JINDU_MICROS("update_time") ", create_subject, update_subject";

}  // namespace

StoredTransfer VolunteerTransferStore::FromRow(const pqxx::row& row) const {
  StoredTransfer transfer;
  transfer.id = row[0].as<std::string>();
  transfer.volunteer_id = row[1].as<std::string>();
  transfer.to_region_code = row[2].as<std::string>();
  transfer.from_region_code = row[3].as<std::string>();
  transfer.reason = row[4].as<std::string>();
  transfer.state = static_cast<v1::VolunteerTransferState>(row[5].as<int>());
  if (!row[6].is_null()) {
    v1::StateChange decision;
    decision.set_subject(row[6].as<std::string>());
    *decision.mutable_time() = runtime::TimestampFromMicros(row[7].as<int64_t>());
    decision.set_reason(row[8].as<std::string>());
    transfer.decision = std::move(decision);
  }
  transfer.revision = row[9].as<int64_t>();
  *transfer.audit.mutable_create_time() = runtime::TimestampFromMicros(row[10].as<int64_t>());
  *transfer.audit.mutable_update_time() = runtime::TimestampFromMicros(row[11].as<int64_t>());
  transfer.audit.set_create_subject(row[12].as<std::string>());
  transfer.audit.set_update_subject(row[13].as<std::string>());
  transfer.audit.set_etag(std::to_string(transfer.revision));
  return transfer;
}

std::optional<StoredTransfer> VolunteerTransferStore::Find(pqxx::transaction_base& tx,
                                                           const std::string& id, bool lock) const {
  pqxx::result rows = tx.exec_params(std::string("SELECT ") + kColumns + " FROM " + schema_ +
                                         ".volunteer_transfers WHERE transfer_id = $1" +
                                         (lock ? " FOR UPDATE" : ""),
                                     id);
  if (rows.empty()) return std::nullopt;
  return FromRow(rows[0]);
}

void VolunteerTransferStore::Insert(pqxx::work& tx, const StoredTransfer& transfer,
                                    const std::string& id_number_hash,
                                    const std::string& to_region_path,
                                    const std::string& from_region_path,
                                    const std::string& subject) const {
  std::optional<std::string> volunteer;
  if (!transfer.volunteer_id.empty()) volunteer = transfer.volunteer_id;
  tx.exec_params(
      "INSERT INTO " + schema_ +
          ".volunteer_transfers (transfer_id, national_id_hash, volunteer_id, to_region_code, "
          "to_region_path, from_region_code, from_region_path, reason, state, revision, "
          "create_time, update_time, create_subject, update_subject) VALUES ($1, $2, $3, $4, $5, "
          "$6, $7, $8, $9, 1, now(), now(), $10, $10)",
      transfer.id, id_number_hash, volunteer, transfer.to_region_code, to_region_path,
      transfer.from_region_code, from_region_path, transfer.reason,
      static_cast<int>(transfer.state), subject);
}

void VolunteerTransferStore::Decide(pqxx::work& tx, const std::string& id,
                                    v1::VolunteerTransferState state, const std::string& reason,
                                    const std::string& subject) const {
  tx.exec_params("UPDATE " + schema_ +
                     ".volunteer_transfers SET state = $2, decision_subject = $3, decision_time = "
                     "now(), decision_reason = $4, revision = revision + 1, update_time = now(), "
                     "update_subject = $3 WHERE transfer_id = $1",
                 id, static_cast<int>(state), subject, reason);
}

std::vector<StoredTransfer> VolunteerTransferStore::List(pqxx::transaction_base& tx,
                                                         const TransferListQuery& query) const {
  std::string sql = std::string("SELECT ") + kColumns + " FROM " + schema_ +
                    ".volunteer_transfers WHERE " + query.condition;
  if (query.state != 0) sql += " AND state = " + std::to_string(query.state);
  std::vector<std::string> cursor;
  if (!query.after_cursor.empty() && runtime::SplitCursor(query.after_cursor, 2, &cursor)) {
    sql += " AND (" JINDU_MICROS("create_time") ", transfer_id) < (" + tx.quote(cursor[0]) +
           "::bigint, " + tx.quote(cursor[1]) + ")";
  }
  sql += " ORDER BY create_time DESC, transfer_id DESC LIMIT " + std::to_string(query.limit + 1);
  std::vector<StoredTransfer> page;
  for (const auto& row : tx.exec(sql)) page.push_back(FromRow(row));
  return page;
}

}  // namespace jindu::registration
