#pragma once

// Secret key files hold the 256-bit keys that encrypt personal fields at rest (FieldCipher) and
// that key the lookup digests of national ID numbers (KeyedHash). Keys live in files mounted from
// a secret store, never in the database, the settings or the environment, so that a database dump
// alone reveals nothing.
//
// Format (UTF-8 text):
//
//     # field encryption keys; the first key encrypts new values
//     2025-06 <base64 of 32 random bytes>
//     2024-01 <base64 of the key used before 2025-06>
//
//   - one key per line: `<key_id> <key>`, the two separated by spaces or tabs;
//   - key_id: 1 to 32 characters of A-Z a-z 0-9 '_' '-', unique within the file; it is stored
//     next to every value the key protects, so it must never be reused for different key bytes;
//   - key: standard base64 with padding (RFC 4648 §4) of exactly 32 random bytes, as printed by
//     `openssl rand -base64 32`;
//   - blank lines and lines whose first non-blank character is '#' are ignored; CRLF line endings
//     and a leading UTF-8 byte order mark are accepted.
//
// The FIRST key is the active one: new values are written with it. The others are kept only to
// read values written before a rotation. To rotate, generate a key, put it on the first line and
// restart; remove an old key only after every value written with it has been re-encrypted.
//
// Parse errors name the line number and what is wrong, and never repeat any part of the line: a
// misplaced key would otherwise end up in logs.

#include <array>
#include <cstddef>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace jindu::runtime {

inline constexpr size_t kSecretKeyBytes = 32;
inline constexpr size_t kMaxSecretKeyIdLength = 32;

// One named 256-bit key. Its bytes are wiped (OPENSSL_cleanse) when the object, or any copy of
// it, is destroyed.
class SecretKey {
 public:
  SecretKey(std::string id, std::span<const unsigned char, kSecretKeyBytes> bytes);
  SecretKey(const SecretKey&) = default;
  SecretKey& operator=(const SecretKey&) = default;
  ~SecretKey();

  const std::string& id() const { return id_; }
  std::span<const unsigned char, kSecretKeyBytes> bytes() const { return bytes_; }

 private:
  std::string id_;
  std::array<unsigned char, kSecretKeyBytes> bytes_;
};

// The keys of one file, in file order. A parsed file has at least one key and unique ids.
struct SecretKeyFile {
  std::vector<SecretKey> keys;

  // The key new values are written with: the first one in the file.
  const SecretKey& active() const { return keys.front(); }
};

// Throws std::invalid_argument ("line 3: ...") when the text breaks the format above or holds no
// key.
SecretKeyFile ParseSecretKeyFile(std::string_view text);

// Reads and parses the file at path; the buffer that held its text is wiped afterwards. Throws
// std::runtime_error when the file cannot be read and std::invalid_argument when its content is
// invalid; both messages start with the path.
SecretKeyFile LoadSecretKeyFile(const std::filesystem::path& path);

}  // namespace jindu::runtime
