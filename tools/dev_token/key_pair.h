#pragma once

// Fresh key pairs for development and tests, so that no key file is ever committed.

#include <string>

#include "runtime/auth/verification_key.h"

namespace jindu::dev_token {

struct PemKeyPair {
  std::string private_pem;  // PKCS#8 "-----BEGIN PRIVATE KEY-----", unencrypted
  std::string public_pem;   // SubjectPublicKeyInfo "-----BEGIN PUBLIC KEY-----"
};

// RS256: RSA 2048 bits; ES256: EC P-256. Throws std::invalid_argument for HS256 (a secret is not a
// key pair) and std::runtime_error when OpenSSL fails.
PemKeyPair GenerateKeyPair(runtime::JwsAlgorithm algorithm);

}  // namespace jindu::dev_token
