#pragma once

// Building and signing JWTs. EncodeAndSign is the low-level piece tests use to craft odd tokens;
// MintDevToken builds the claims the services read (sub, roles, regions) for the command line tool.

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "dev_token/signing_key.h"

namespace jindu::dev_token {

// Sets header "alg" from the key (replacing any given) and "typ": "JWT" unless present, then
// returns base64url(header) "." base64url(claims) "." base64url(signature).
std::string EncodeAndSign(nlohmann::json header, const nlohmann::json& claims,
                          const SigningKey& key);

struct DevTokenRequest {
  std::string subject;
  std::vector<std::string> roles;
  std::vector<std::string> regions;
  std::string issuer;
  std::string audience;
  std::chrono::seconds ttl{3600};
  std::string kid;  // written to the header when not empty
};

// Claims: sub, roles, regions, iss, aud, iat = now, nbf = now, exp = now + ttl.
nlohmann::json DevTokenClaims(const DevTokenRequest& request,
                              std::chrono::system_clock::time_point now);

std::string MintDevToken(
    const DevTokenRequest& request, const SigningKey& key,
    std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

}  // namespace jindu::dev_token
