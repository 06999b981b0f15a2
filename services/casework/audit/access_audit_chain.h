#pragma once
// The hash chain of the access audit log, as pure functions shared by the writer and the verifier.
//
//   entry_hash = hex(SHA-256(previous_hash || canonical content))
//
// The canonical content lists every stored column but the hashes, each as its decimal byte length,
// ':' and the bytes, in a fixed order, so no two different entries encode alike (a '|' inside a
// purpose cannot shift one field into the next). Changing any column of any row, deleting a row or
// inserting one changes a hash that a later row (or the head) still holds.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace jindu::casework {

struct AccessAuditEntryContent {
  int64_t sequence = 0;
  int64_t time_micros = 0;
  std::string subject;
  std::string roles;  // comma-separated role claims held for the resource's region
  std::string method;
  std::string resource;
  std::string person_pseudonym;
  std::string region_code;
  std::string region_path;
  std::string fields;  // comma-separated field paths returned in clear
  std::string purpose;
  bool denied = false;
  std::string request_id;
};

std::string CanonicalAccessAuditContent(const AccessAuditEntryContent& entry);
// Lower-case hex SHA-256 of previous_hash followed by the canonical content.
std::string AccessAuditEntryHash(const std::string& previous_hash,
                                 const AccessAuditEntryContent& entry);

struct StoredAccessAuditEntry {
  AccessAuditEntryContent content;
  std::string previous_hash;
  std::string entry_hash;
};

// The first problem in a run of stored entries, read in sequence order starting at
// `first_expected_sequence` after an entry whose hash was `expected_previous_hash` ("" before the
// first entry). nullopt when every link holds.
struct ChainBreak {
  int64_t sequence = 0;
  std::string problem;  // "missing entry", "hash mismatch", "previous hash mismatch"
};
std::optional<ChainBreak> FindChainBreak(const std::vector<StoredAccessAuditEntry>& entries,
                                         int64_t first_expected_sequence,
                                         const std::string& expected_previous_hash);

}  // namespace jindu::casework
