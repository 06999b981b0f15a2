#include "casework/storage/transfer_store.h"

#include "runtime/postgres/row_conversions.h"

namespace jindu::casework {

void TransferStore::Insert(pqxx::work& tx, const TransferRecord& record,
                           const std::string& from_region_path,
                           const std::string& to_region_path) const {
  std::optional<std::string> sealed_hex;
  std::optional<std::string> key_id;
  if (record.pending_decision.has_value()) {
    std::string bytes;
    record.pending_decision->SerializeToString(&bytes);
    runtime::SealedField sealed =
        cipher_.Encrypt(bytes, "case_transfer/" + record.id + "/pending_decision");
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

std::optional<std::string> TransferStore::PendingOf(pqxx::transaction_base& tx,
                                                    const std::string& source_case_id) const {
  const pqxx::result rows = tx.exec_params("SELECT case_transfer_id FROM " + schema_ +
                                               ".case_transfers WHERE source_case_id = $1 AND "
                                               "state = 1",
                                           source_case_id);
  if (rows.empty()) return std::nullopt;
  return rows[0][0].as<std::string>();
}

}  // namespace jindu::casework
