#include "casework/audit/access_audit_verification.h"

#include <string>

namespace jindu::casework {

AccessAuditVerdict VerifyAccessAuditChain(pqxx::transaction_base& tx, const AccessAuditStore& store,
                                          const AccessAuditHead& head, int64_t first, int64_t last,
                                          int chunk_rows) {
  AccessAuditVerdict verdict;
  // The link into the range: the stored hash of the entry before it. When that entry is gone its
  // loss lies outside the range, so the first entry's own previous_hash anchors the check.
  std::optional<std::string> previous_hash =
      first <= 1 ? std::optional<std::string>("") : store.StoredHash(tx, first - 1);
  int64_t next = first;
  while (next <= last) {
    const std::vector<StoredAccessAuditEntry> chunk = store.Range(tx, next, last, chunk_rows);
    if (chunk.empty()) {
      verdict.broken = ChainBreak{next, "missing entry"};
      return verdict;
    }
    if (!previous_hash.has_value()) previous_hash = chunk.front().previous_hash;
    if (auto broken = FindChainBreak(chunk, next, *previous_hash)) {
      for (const StoredAccessAuditEntry& entry : chunk) {
        if (entry.content.sequence > broken->sequence) break;
        ++verdict.entries_checked;
      }
      verdict.broken = std::move(broken);
      return verdict;
    }
    verdict.entries_checked += static_cast<int64_t>(chunk.size());
    previous_hash = chunk.back().entry_hash;
    next = chunk.back().content.sequence + 1;
  }
  if (last != head.sequence) return verdict;
  // Appends update the head in the same transaction as the row, so in one snapshot the last row's
  // hash is the head's and nothing lies after it.
  if (first <= last && previous_hash != head.entry_hash) {
    verdict.broken = ChainBreak{last, "head mismatch"};
  } else if (auto extra = store.FirstAfter(tx, head.sequence)) {
    verdict.broken = ChainBreak{*extra, "entry beyond head"};
  }
  return verdict;
}

}  // namespace jindu::casework
