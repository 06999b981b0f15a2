#pragma once
// Recomputes the access audit chain over a sequence range as stored, a bounded chunk of rows at a
// time (memory stays flat however long the log), with FindChainBreak (access_audit_chain.h) doing
// the arithmetic. A range that ends at the head is also compared with the head row, so a deleted
// or rewritten last entry, or a row slipped in after the head, is found too.
#include <cstdint>
#include <optional>
#include <pqxx/pqxx>

#include "casework/audit/access_audit_chain.h"
#include "casework/audit/access_audit_store.h"

namespace jindu::casework {

inline constexpr int kVerificationChunkRows = 5000;

struct AccessAuditVerdict {
  int64_t entries_checked = 0;       // rows read and compared, up to and including a broken one
  std::optional<ChainBreak> broken;  // nullopt: intact
};

// Checks [first, last], 1 <= first, last <= head.sequence (first > last checks nothing but the
// head). Problems beyond FindChainBreak's: "head mismatch" (the last entry's hash is not the one
// the head holds) and "entry beyond head" (a row after the last sequence ever appended).
AccessAuditVerdict VerifyAccessAuditChain(pqxx::transaction_base& tx, const AccessAuditStore& store,
                                          const AccessAuditHead& head, int64_t first, int64_t last,
                                          int chunk_rows = kVerificationChunkRows);

}  // namespace jindu::casework
