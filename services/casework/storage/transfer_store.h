#pragma once
// The case_transfers table.
#include <optional>
#include <pqxx/pqxx>
#include <string>

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
  std::optional<v1::MeasureDecision> pending_decision;  // sealed at rest
  int64_t revision = 1;
  std::string create_subject;
};

class TransferStore {
 public:
  TransferStore(std::string schema, const runtime::FieldCipher& cipher)
      : schema_(std::move(schema)), cipher_(cipher) {}

  void Insert(pqxx::work& tx, const TransferRecord& record, const std::string& from_region_path,
              const std::string& to_region_path) const;
  std::optional<std::string> PendingOf(pqxx::transaction_base& tx,
                                       const std::string& source_case_id) const;

 private:
  std::string schema_;
  const runtime::FieldCipher& cipher_;
};

}  // namespace jindu::casework
