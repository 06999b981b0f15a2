#pragma once

// Keyed digests used as lookup indexes for personal identifiers, national ID numbers above all:
// equal numbers give equal digests, so a row can be found by its number (and duplicates refused)
// while the table stores only the digest and the number itself sealed by FieldCipher.
//
// Why HMAC and not a plain hash: an ID number has little entropy. Its 18 characters are a region
// code from a published list, a date of birth, a 3-digit sequence and a check character computed
// from the rest, so there are only about 10^11 candidates, and far fewer when the region or age is
// known. A GPU enumerates that many SHA-256 inputs in minutes, which would turn a leaked table of
// plain digests into a table of ID numbers. HMAC-SHA256 under a 256-bit secret key kept outside
// the database cannot be enumerated without the key.
//
// The key comes from its own secret key file (see secret_key_file.h), separate from the field
// encryption keys, holding exactly one key: every stored digest depends on it, so changing it
// means recomputing the index from the decrypted values, never just reordering a file. key_id() is
// stored beside the digests so such a re-index can tell old digests from new ones.

#include <string>
#include <string_view>

#include "runtime/crypto/secret_key_file.h"

namespace jindu::runtime {

class KeyedHash {
 public:
  // Throws std::invalid_argument unless key_file holds exactly one key.
  explicit KeyedHash(const SecretKeyFile& key_file);

  // Lowercase hex (64 characters) of HMAC-SHA256(key, domain || 0x00 || value).
  //
  // The domain names the use ("volunteer.national_id"), so that the same value indexed for two
  // purposes gives unrelated digests and one index cannot be joined against another. It must be
  // non-empty and free of NUL bytes (the NUL separator keeps domain and value apart); otherwise
  // std::invalid_argument. Callers normalise value first (e.g. an ID number's check character
  // 'x' to 'X'): the digest is of the exact bytes. Thread-safe.
  std::string Digest(std::string_view domain, std::string_view value) const;

  const std::string& key_id() const { return key_.id(); }

 private:
  SecretKey key_;
};

}  // namespace jindu::runtime
