#pragma once

// A key that signs JWTs, for development and tests only: production tokens come from the province's
// identity provider. Like VerificationKey, the key decides the algorithm.

#include <string>
#include <string_view>

#include "runtime/auth/openssl_handles.h"
#include "runtime/auth/verification_key.h"

namespace jindu::dev_token {

class SigningKey {
 public:
  // A PEM private key (PKCS#8 or traditional): RSA signs RS256, EC P-256 signs ES256. Throws
  // std::invalid_argument when unreadable or of another type.
  static SigningKey FromPrivateKeyPem(std::string_view pem);
  // Any secret, however short or odd: tests use this to forge tokens (e.g. key confusion with a
  // public key's PEM as the secret).
  static SigningKey FromHs256Secret(std::string_view secret);

  runtime::JwsAlgorithm algorithm() const { return algorithm_; }

  // The JOSE signature of signing_input ("<header>.<payload>"): PKCS#1 v1.5 for RS256, raw r || s
  // for ES256, the HMAC for HS256. Throws std::runtime_error when OpenSSL fails.
  std::string Sign(std::string_view signing_input) const;

 private:
  SigningKey() = default;

  runtime::JwsAlgorithm algorithm_ = runtime::JwsAlgorithm::kRs256;
  runtime::EvpPkeyPtr private_key_;
  std::string secret_;
};

}  // namespace jindu::dev_token
