#pragma once

// Authenticated encryption of personal fields at rest (names, national ID numbers, phone numbers,
// addresses, test results: everything proto/README.md calls sensitive), so that a database dump,
// a backup or a replica alone reveals none of them.
//
// A sealed field is stored as two columns: the id of the key that sealed it and the ciphertext
//
//     nonce (12 random bytes) || encrypted bytes (as long as the plaintext) || tag (16 bytes)
//
// in binary (bytea), 28 bytes longer than the plaintext, the same layout for every algorithm.
// Keys come from a secret key file (secret_key_file.h): new values are sealed with its first key,
// and values sealed with any key still in the file can be opened, which is how keys rotate.
//
// Associated data binds a value to where it is stored. Pass the table, the row's primary key and
// the column, e.g. "volunteer/3f2c.../phone": it is authenticated, not stored and not encrypted,
// and opening with different associated data fails. Without it, someone able to write to the
// database (but without the key) could copy the sealed phone number of one person into another
// person's row, or a name into the address column, and the service would decrypt and serve it as
// genuine. With it, a swapped ciphertext is detected. Use an identifier that never changes for
// the row (not a value that can be edited), or the value must be re-sealed when it changes.

#include <openssl/types.h>

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/crypto/secret_key_file.h"

namespace jindu::runtime {

enum class FieldCipherAlgorithm {
  // AES-256 in GCM mode (NIST SP 800-38D), with the file's 32-byte key. The default.
  kAes256Gcm,
  // For deployments that must pass a commercial-cryptography assessment (商用密码应用安全性评估),
  // which asks for SM4 (GB/T 32907). OpenSSL 3.0, the version in Debian bookworm, has no SM4-GCM
  // (it arrived in 3.2), so SM4 is used in CTR mode (GB/T 17964) and authenticated with
  // HMAC-SHA256, encrypt-then-MAC:
  //   - SM4 key  = first 16 bytes of HKDF-Expand-SHA256(file key, "jindu field cipher sm4-ctr key")
  //   - MAC key  = HKDF-Expand-SHA256(file key, "jindu field cipher hmac-sha256 key"), 32 bytes
  //   - counter block = nonce || 00 00 00 00 (big-endian counter in the last 4 bytes)
  //   - tag = first 16 bytes of HMAC-SHA256(MAC key,
  //                 uint64_be(size of associated data) || associated data || nonce || encrypted)
  // HKDF-Expand is RFC 5869 §2.3 with the file key as the pseudorandom key and one output block.
  // Values sealed this way stay readable under this enumerator if SM4-GCM is added later.
  kSm4CtrHmacSha256,
};

// Names for settings: "aes-256-gcm", "sm4-ctr-hmac-sha256".
std::string_view FieldCipherAlgorithmName(FieldCipherAlgorithm algorithm);
std::optional<FieldCipherAlgorithm> ParseFieldCipherAlgorithm(std::string_view name);

struct SealedField {
  std::string key_id;
  std::string ciphertext;  // binary: nonce || encrypted bytes || tag
};

// A sealed field could not be opened: its key id is not in the key file, or it was altered, or it
// was sealed with different associated data or another algorithm. The message says which in
// general terms and never contains plaintext, ciphertext or key material.
class FieldDecryptionError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline constexpr size_t kFieldNonceBytes = 12;
inline constexpr size_t kFieldTagBytes = 16;
// The largest plaintext Encrypt accepts; fields are short, and OpenSSL counts lengths in int.
inline constexpr size_t kMaxFieldPlaintextBytes = 64 * 1024 * 1024;

// Seals and opens fields with the keys of one secret key file. Thread-safe: Encrypt and Decrypt
// may run concurrently on one instance (each call uses its own OpenSSL context).
class FieldCipher {
 public:
  // Throws std::invalid_argument when keys is empty or has duplicate ids, or when this OpenSSL
  // does not provide the algorithm (e.g. SM4 under a FIPS-only configuration).
  FieldCipher(const SecretKeyFile& keys, FieldCipherAlgorithm algorithm);
  FieldCipher(FieldCipher&&) noexcept;
  FieldCipher& operator=(FieldCipher&&) noexcept;
  ~FieldCipher();

  // Seals plaintext (any bytes, including empty) with the active key and a fresh random nonce, so
  // sealing the same value twice gives different ciphertexts. Throws std::invalid_argument when
  // plaintext exceeds kMaxFieldPlaintextBytes, std::runtime_error when OpenSSL fails.
  SealedField Encrypt(std::string_view plaintext, std::string_view associated_data) const;

  // Opens a value sealed by Encrypt with a key still in the file and the same associated data.
  // Throws FieldDecryptionError otherwise; nothing of an unauthenticated plaintext is returned.
  std::string Decrypt(const SealedField& sealed, std::string_view associated_data) const;

  const std::string& active_key_id() const;
  FieldCipherAlgorithm algorithm() const { return algorithm_; }

 private:
  struct CipherKey;
  struct EvpCipherDeleter {
    void operator()(EVP_CIPHER* cipher) const;
  };

  const CipherKey* FindKey(std::string_view id) const;

  FieldCipherAlgorithm algorithm_;
  std::unique_ptr<EVP_CIPHER, EvpCipherDeleter> cipher_;
  std::vector<CipherKey> keys_;  // keys_[0] is the active key
};

}  // namespace jindu::runtime
