#pragma once
// Reads and writes volunteer transfers. Callers own the transaction.
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "jindu/registration/v1/volunteer.pb.h"

namespace jindu::registration {

struct StoredTransfer {
  std::string id;
  std::string volunteer_id;  // empty when no record matched
  std::string to_region_code;
  std::string from_region_code;  // empty when no record matched
  std::string reason;
  v1::VolunteerTransferState state = v1::VOLUNTEER_TRANSFER_STATE_UNSPECIFIED;
  std::optional<v1::StateChange> decision;
  int64_t revision = 0;
  common::v1::AuditMetadata audit;
};

struct TransferListQuery {
  std::string condition;  // SQL on to_region_path / from_region_path
  int state = 0;
  std::string after_cursor;  // create time micros, id
  int limit = 50;
};

class VolunteerTransferStore {
 public:
  explicit VolunteerTransferStore(std::string schema) : schema_(std::move(schema)) {}

  std::optional<StoredTransfer> Find(pqxx::transaction_base& tx, const std::string& id,
                                     bool lock = false) const;
  void Insert(pqxx::work& tx, const StoredTransfer& transfer, const std::string& id_number_hash,
              const std::string& to_region_path, const std::string& from_region_path,
              const std::string& subject) const;
  void Decide(pqxx::work& tx, const std::string& id, v1::VolunteerTransferState state,
              const std::string& reason, const std::string& subject) const;
  std::vector<StoredTransfer> List(pqxx::transaction_base& tx,
                                   const TransferListQuery& query) const;

 private:
  StoredTransfer FromRow(const pqxx::row& row) const;
  std::string schema_;
};

}  // namespace jindu::registration
