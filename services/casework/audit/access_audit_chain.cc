#include "casework/audit/access_audit_chain.h"

#include <openssl/evp.h>

#include <stdexcept>

namespace jindu::casework {
namespace {

void AppendField(std::string& out, const std::string& value) {
  out += std::to_string(value.size());
  out += ':';
  out += value;
}

std::string Sha256Hex(const std::string& bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 failed");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < size; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0xf];
  }
  return hex;
}

}  // namespace

std::string CanonicalAccessAuditContent(const AccessAuditEntryContent& entry) {
  std::string out = "jindu.access_audit.v1\n";
  for (const std::string& field :
       {std::to_string(entry.sequence), std::to_string(entry.time_micros), entry.subject,
        entry.roles, entry.method, entry.resource, entry.person_pseudonym, entry.region_code,
        entry.region_path, entry.fields, entry.purpose, std::string(entry.denied ? "1" : "0"),
        entry.request_id}) {
    AppendField(out, field);
  }
  return out;
}

std::string AccessAuditEntryHash(const std::string& previous_hash,
                                 const AccessAuditEntryContent& entry) {
  return Sha256Hex(previous_hash + CanonicalAccessAuditContent(entry));
}

std::optional<ChainBreak> FindChainBreak(const std::vector<StoredAccessAuditEntry>& entries,
                                         int64_t first_expected_sequence,
                                         const std::string& expected_previous_hash) {
  int64_t expected_sequence = first_expected_sequence;
  std::string previous_hash = expected_previous_hash;
  for (const StoredAccessAuditEntry& entry : entries) {
    if (entry.content.sequence != expected_sequence) {
      return ChainBreak{expected_sequence, "missing entry"};
    }
    if (entry.previous_hash != previous_hash) {
      return ChainBreak{expected_sequence, "previous hash mismatch"};
    }
    if (AccessAuditEntryHash(previous_hash, entry.content) != entry.entry_hash) {
      return ChainBreak{expected_sequence, "hash mismatch"};
    }
    previous_hash = entry.entry_hash;
    ++expected_sequence;
  }
  return std::nullopt;
}

}  // namespace jindu::casework
