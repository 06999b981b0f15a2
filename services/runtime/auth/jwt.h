#pragma once

// Splitting a compact JWS (RFC 7515 §7.1) into its parts. Parsing says nothing about whether the
// token is trustworthy: TokenVerifier checks the signature and the claims.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace jindu::runtime {

struct ParsedJwt {
  nlohmann::json header;      // always a JSON object
  nlohmann::json payload;     // always a JSON object (the claims set)
  std::string signing_input;  // "<header>.<payload>" exactly as received: what the signature covers
  std::string signature;      // raw signature bytes, base64url-decoded
};

// Tokens longer than this are refused before any decoding, so that a caller cannot make the
// server parse megabytes of JSON per request.
inline constexpr size_t kMaxJwtLength = 16 * 1024;

// Returns false and sets *error to a short reason (never containing the token) when the token is
// not three base64url segments whose first two are JSON objects.
bool ParseJwt(std::string_view token, ParsedJwt* jwt, std::string* error);

}  // namespace jindu::runtime
