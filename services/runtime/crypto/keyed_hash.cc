#include "runtime/crypto/keyed_hash.h"

#include <stdexcept>

#include "runtime/crypto/hmac_sha256.h"

namespace jindu::runtime {
namespace {

const SecretKey& TheOnlyKey(const SecretKeyFile& key_file) {
  if (key_file.keys.size() != 1) {
    throw std::invalid_argument(
        "keyed hash: the key file must hold exactly one key, found " +
        std::to_string(key_file.keys.size()) +
        "; changing this key means recomputing every stored digest, not adding a key");
  }
  return key_file.keys.front();
}

}  // namespace

KeyedHash::KeyedHash(const SecretKeyFile& key_file) : key_(TheOnlyKey(key_file)) {}

std::string KeyedHash::Digest(std::string_view domain, std::string_view value) const {
  if (domain.empty() || domain.find('\0') != std::string_view::npos) {
    throw std::invalid_argument("keyed hash: the domain must be non-empty and contain no NUL byte");
  }
  HmacSha256Digest digest =
      ComputeHmacSha256(key_.bytes(), {domain, std::string_view("\0", 1), value});
  constexpr char kHexDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * digest.size());
  for (unsigned char byte : digest) {
    hex.push_back(kHexDigits[byte >> 4]);
    hex.push_back(kHexDigits[byte & 0x0f]);
  }
  return hex;
}

}  // namespace jindu::runtime
