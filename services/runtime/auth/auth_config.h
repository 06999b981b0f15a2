#pragma once

// What a service needs to know to verify the identity provider's tokens.

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace jindu::runtime {

struct AuthConfig {
  // Verification keys, PEM SubjectPublicKeyInfo: RSA (>= 2048 bits) verifies RS256, EC P-256
  // verifies ES256. Keys without an id are tried in turn; add keys here during a rotation.
  std::vector<std::string> public_key_pems;
  // Keys with an id ("kid"): a token whose header names a kid listed here is verified with that key
  // only. Mirrors the identity provider's JWKS.
  std::map<std::string, std::string> public_key_pems_by_kid;

  std::string issuer;    // required value of "iss"
  std::string audience;  // must appear in "aud" (a string or an array of strings)

  // Development only: HS256 with a shared secret (>= 32 bytes). Refused when any public key is
  // configured, because a service that accepts both can be fooled by key confusion.
  std::string dev_hs256_secret;
  bool allow_dev_hs256 = false;

  // Tolerated clock skew between the identity provider and this host for exp, nbf and iat.
  std::chrono::seconds leeway{30};

  // Source of the current time; the system clock when empty. Tests pin it.
  std::function<std::chrono::system_clock::time_point()> now;
};

}  // namespace jindu::runtime
