#pragma once
// Reads of the access audit log (the writer is access_audit_log.h): filtered pages of entries in
// sequence order, and sequence ranges for the chain verifier, always a bounded number of rows at a
// time so neither an export nor a verification of a million entries holds them all in memory.
#include <cstdint>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "casework/audit/access_audit_chain.h"

namespace jindu::casework {

// One consistent snapshot of the log for a whole export or verification: rows appended meanwhile
// are neither half-seen nor compared against a head read at another moment.
using AccessAuditSnapshot =
    pqxx::transaction<pqxx::isolation_level::repeatable_read, pqxx::readwrite_policy::read_only>;

// Filters of a list or export, already validated. Empty strings and nullopt filter nothing.
struct AccessAuditQuery {
  std::string region_condition;  // SQL on region_path: the caller's scope (never empty)
  std::string person_pseudonym;
  std::string resource;
  std::string subject;
  std::optional<int64_t> from_micros;   // time_micros >= this
  std::optional<int64_t> until_micros;  // time_micros < this
  bool denied_only = false;
};

// The chain's head row: the last sequence appended and its entry_hash (0 and "" when empty).
struct AccessAuditHead {
  int64_t sequence = 0;
  std::string entry_hash;
};

class AccessAuditStore {
 public:
  explicit AccessAuditStore(std::string schema) : schema_(std::move(schema)) {}

  // Up to `limit` entries matching `query` with a sequence above `after_sequence`, oldest first.
  std::vector<StoredAccessAuditEntry> List(pqxx::transaction_base& tx,
                                           const AccessAuditQuery& query, int64_t after_sequence,
                                           int limit) const;

  AccessAuditHead Head(pqxx::transaction_base& tx) const;
  // Up to `limit` entries with first <= sequence <= last, in sequence order (gaps are the
  // verifier's to find).
  std::vector<StoredAccessAuditEntry> Range(pqxx::transaction_base& tx, int64_t first, int64_t last,
                                            int limit) const;
  // The stored entry_hash of one entry; nullopt when there is no such row.
  std::optional<std::string> StoredHash(pqxx::transaction_base& tx, int64_t sequence) const;
  // The lowest sequence above `sequence`, if any row has one.
  std::optional<int64_t> FirstAfter(pqxx::transaction_base& tx, int64_t sequence) const;

 private:
  std::string schema_;
};

}  // namespace jindu::casework
