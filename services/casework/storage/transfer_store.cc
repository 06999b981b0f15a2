#include "casework/storage/transfer_store.h"

#include "runtime/postgres/row_conversions.h"

namespace jindu::casework {
namespace {

constexpr const char* kColumns =
    "case_transfer_id, source_case_id, from_region_code, to_region_code, origin, reason, state, "
    "coalesce(target_case_id, ''), pending_decision_sealed, pending_decision_key_id, "
    "decision_subject, coalesce(" JINDU_MICROS("decision_time") ", 0), decision_reason, revision, "
    JINDU_MICROS("create_time") ", " JINDU_MICROS("update_time") ", create_subject, "
    "update_subject";

std::string AssociatedData(const std::string& id) {
  return "case_transfer/" + id + "/pending_decision";
}

}  // namespace

void TransferStore::Insert(pqxx::work& tx, const TransferRecord& record,
                           const std::string& from_region_path,
                           const std::string& to_region_path) const {
  std::optional<std::string> sealed_hex;
  std::optional<std::string> key_id;
  if (record.pending_decision.has_value()) {
    std::string bytes;
    record.pending_decision->SerializeToString(&bytes);
    runtime::SealedField sealed = cipher_.Encrypt(bytes, AssociatedData(record.id));
    sealed_hex = runtime::BytesAsHex(sealed.ciphertext);
    key_id = sealed.key_id;
  }
  tx.exec_params("INSERT INTO " + schema_ +
                     ".case_transfers (case_transfer_id, source_case_id, from_region_code, "
                     "from_region_path, to_region_code, to_region_path, origin, reason, state, "
                     "pending_decision_sealed, pending_decision_key_id, revision, create_time, "
                     "update_time, create_subject, update_subject) VALUES ($1, $2, $3, $4, $5, $6, "
                     "$7, $8, $9, decode($10, 'hex'), $11, $12, now(), now(), $13, $13)",
                 record.id, record.source_case_id, record.from_region_code, from_region_path,
                 record.to_region_code, to_region_path, static_cast<int>(record.origin),
                 record.reason, static_cast<int>(record.state), sealed_hex, key_id, record.revision,
                 record.create_subject);
}

void TransferStore::Update(pqxx::work& tx, const TransferRecord& record) const {
  // Once decided, the waiting decision has done its work: it is not kept.
  const bool keep_decision = record.state == v1::CASE_TRANSFER_STATE_PENDING;
  tx.exec_params("UPDATE " + schema_ +
                     ".case_transfers SET state = $2, target_case_id = $3, decision_subject = $4, "
                     "decision_time = CASE WHEN $4 = '' THEN NULL ELSE now() END, "
                     "decision_reason = $5, revision = $6, update_time = now(), update_subject = "
                     "$7, pending_decision_sealed = CASE WHEN $8 THEN pending_decision_sealed END, "
                     "pending_decision_key_id = CASE WHEN $8 THEN pending_decision_key_id END "
                     "WHERE case_transfer_id = $1",
                 record.id, static_cast<int>(record.state),
                 record.target_case_id.empty() ? std::nullopt
                                               : std::optional<std::string>(record.target_case_id),
                 record.decision_subject, record.decision_reason, record.revision,
                 record.update_subject, keep_decision);
}

TransferRecord TransferStore::FromRow(const pqxx::row& row, bool with_pending_decision) const {
  TransferRecord record;
  record.id = row[0].as<std::string>();
  record.source_case_id = row[1].as<std::string>();
  record.from_region_code = row[2].as<std::string>();
  record.to_region_code = row[3].as<std::string>();
  record.origin = static_cast<v1::CaseTransferOrigin>(row[4].as<int>());
  record.reason = row[5].as<std::string>();
  record.state = static_cast<v1::CaseTransferState>(row[6].as<int>());
  record.target_case_id = row[7].as<std::string>();
  if (with_pending_decision && !row[8].is_null()) {
    pqxx::binarystring bytes(row[8]);
    v1::MeasureDecision decision;
    decision.ParseFromString(
        cipher_.Decrypt({.key_id = row[9].as<std::string>(), .ciphertext = bytes.str()},
                        AssociatedData(record.id)));
    record.pending_decision = std::move(decision);
  }
  record.decision_subject = row[10].as<std::string>();
  record.decision_micros = row[11].as<int64_t>();
  record.decision_reason = row[12].as<std::string>();
  record.revision = row[13].as<int64_t>();
  record.create_micros = row[14].as<int64_t>();
  record.update_micros = row[15].as<int64_t>();
  record.create_subject = row[16].as<std::string>();
  record.update_subject = row[17].as<std::string>();
  return record;
}

std::optional<TransferRecord> TransferStore::Find(pqxx::transaction_base& tx, const std::string& id,
                                                  bool with_pending_decision, bool lock) const {
  const pqxx::result rows = tx.exec_params(std::string("SELECT ") + kColumns + " FROM " + schema_ +
                                               ".case_transfers WHERE case_transfer_id = $1" +
                                               (lock ? " FOR UPDATE" : ""),
                                           id);
  if (rows.empty()) return std::nullopt;
  return FromRow(rows[0], with_pending_decision);
}

std::optional<std::string> TransferStore::PendingOf(pqxx::transaction_base& tx,
                                                    const std::string& source_case_id) const {
  const pqxx::result rows = tx.exec_params("SELECT case_transfer_id FROM " + schema_ +
                                               ".case_transfers WHERE source_case_id = $1 AND "
                                               "state = 1",
                                           source_case_id);
  if (rows.empty()) return std::nullopt;
  return rows[0][0].as<std::string>();
}

std::vector<TransferRecord> TransferStore::List(
    pqxx::transaction_base& tx, const TransferListFilter& filter,
    const std::optional<std::pair<int64_t, std::string>>& after, int limit) const {
  std::string where;
  switch (filter.direction) {
    case v1::CASE_TRANSFER_DIRECTION_INCOMING:
      where = filter.incoming_condition;
      break;
    case v1::CASE_TRANSFER_DIRECTION_OUTGOING:
      where = filter.outgoing_condition;
      break;
    case v1::CASE_TRANSFER_DIRECTION_AWAITING_DECISION:
      // The side that did not create a transfer decides it.
      where = "state = 1 AND ((origin = 1 AND " + filter.incoming_condition +
              ") OR (origin = 2 AND " + filter.outgoing_condition + "))";
      break;
    default:
      where = "(" + filter.incoming_condition + " OR " + filter.outgoing_condition + ")";
  }
  if (filter.state != 0) where += " AND state = " + std::to_string(filter.state);
  if (after.has_value()) {
    where += " AND (" JINDU_MICROS("create_time") ", case_transfer_id) < (" +
             std::to_string(after->first) + ", " + tx.quote(after->second) + ")";
  }
  std::vector<TransferRecord> records;
  for (const pqxx::row& row :
       tx.exec(std::string("SELECT ") + kColumns + " FROM " + schema_ + ".case_transfers WHERE " +
               where + " ORDER BY create_time DESC, case_transfer_id DESC LIMIT " +
               std::to_string(limit))) {
    records.push_back(FromRow(row, false));
  }
  return records;
}

}  // namespace jindu::casework
