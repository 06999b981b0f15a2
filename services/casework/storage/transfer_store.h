#pragma once
// The case_transfers table. A decision that requested a transfer waits here, sealed, until the
// transfer is decided.
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "jindu/casework/v1/casework_service.pb.h"
#include "jindu/casework/v1/intake.pb.h"
#include "jindu/casework/v1/transfer.pb.h"
#include "runtime/crypto/field_cipher.h"

namespace jindu::casework {

struct TransferRecord {
  std::string id;
  std::string source_case_id;
  std::string from_region_code;
  std::string to_region_code;
  v1::CaseTransferOrigin origin = v1::CASE_TRANSFER_ORIGIN_UNSPECIFIED;
  std::string reason;
  v1::CaseTransferState state = v1::CASE_TRANSFER_STATE_PENDING;
  std::string target_case_id;
  std::optional<v1::MeasureDecision> pending_decision;  // sealed at rest; loaded on request
  std::string decision_subject;
  int64_t decision_micros = 0;
  std::string decision_reason;
  int64_t revision = 1;
  int64_t create_micros = 0;
  int64_t update_micros = 0;
  std::string create_subject;
  std::string update_subject;
};

// Which transfers a list shows, as SQL conditions on the region paths (RegionPathCondition).
struct TransferListFilter {
  std::string incoming_condition;  // to_region_path inside the caller's scope
  std::string outgoing_condition;  // from_region_path inside the caller's scope
  v1::CaseTransferDirection direction = v1::CASE_TRANSFER_DIRECTION_UNSPECIFIED;
  int state = 0;
};

class TransferStore {
 public:
  TransferStore(std::string schema, const runtime::FieldCipher& cipher)
      : schema_(std::move(schema)), cipher_(cipher) {}

  void Insert(pqxx::work& tx, const TransferRecord& record, const std::string& from_region_path,
              const std::string& to_region_path) const;
  // Writes state, target case, decision fields, revision and update time.
  void Update(pqxx::work& tx, const TransferRecord& record) const;
  std::optional<TransferRecord> Find(pqxx::transaction_base& tx, const std::string& id,
                                     bool with_pending_decision, bool lock = false) const;
  std::optional<std::string> PendingOf(pqxx::transaction_base& tx,
                                       const std::string& source_case_id) const;
  // Newest first, after (create_micros, id) of `after` when set.
  std::vector<TransferRecord> List(pqxx::transaction_base& tx, const TransferListFilter& filter,
                                   const std::optional<std::pair<int64_t, std::string>>& after,
                                   int limit) const;

 private:
  TransferRecord FromRow(const pqxx::row& row, bool with_pending_decision) const;

  std::string schema_;
  const runtime::FieldCipher& cipher_;
};

}  // namespace jindu::casework
