#pragma once

// Verifies the identity provider's bearer JWTs and turns them into a Principal.
//
// Checks, in order: shape (header.payload.signature, JSON objects), header (no "alg: none", no
// unknown "crit" extensions, "alg" matching the selected key's algorithm), signature, then claims:
// exp (required), nbf, iat (not in the future), iss, aud, sub, and the types of roles and regions.
// Every rejection is UNAUTHENTICATED with a message naming the failed check; the token itself is
// never echoed or logged.

#include <grpcpp/support/status.h>

#include <memory>
#include <string_view>
#include <vector>

#include "runtime/auth/auth_config.h"
#include "runtime/auth/principal.h"
#include "runtime/auth/verification_key.h"
#include "runtime/auth/verified_token_cache.h"

namespace jindu::runtime {

struct ParsedJwt;

class TokenVerifier {
 public:
  // Validates the configuration and loads the keys. Throws std::invalid_argument naming the
  // problem: no keys, HS256 beside public keys, a secret without the development flag, an
  // unreadable PEM (with its position or kid), an empty issuer or audience, a negative leeway.
  explicit TokenVerifier(AuthConfig config);

  // OK and fills *principal, or UNAUTHENTICATED with a message saying which check failed.
  // Thread-safe. A token verified before is answered from VerifiedTokenCache while its time
  // window holds.
  grpc::Status Verify(std::string_view token, Principal* principal) const;

 private:
  grpc::Status VerifySignature(const ParsedJwt& jwt) const;
  grpc::Status VerifyClaims(const ParsedJwt& jwt, Principal* principal) const;

  AuthConfig config_;
  std::vector<VerificationKey> keys_;
  // Shared so that a copied verifier shares what was verified (same keys, same answers).
  std::shared_ptr<VerifiedTokenCache> verified_ = std::make_shared<VerifiedTokenCache>();
};

}  // namespace jindu::runtime
