#include "runtime/auth/jwt.h"

#include "runtime/auth/base64url.h"

namespace jindu::runtime {
namespace {

bool DecodeJsonObject(std::string_view segment, std::string_view what, nlohmann::json* out,
                      std::string* error) {
  std::string text;
  if (!Base64UrlDecode(segment, &text)) {
    *error = std::string(what) + " is not valid base64url";
    return false;
  }
  *out = nlohmann::json::parse(text, /*cb=*/nullptr, /*allow_exceptions=*/false);
  if (out->is_discarded() || !out->is_object()) {
    *error = std::string(what) + " is not a JSON object";
    return false;
  }
  return true;
}

}  // namespace

bool ParseJwt(std::string_view token, ParsedJwt* jwt, std::string* error) {
  if (token.empty()) {
    *error = "token is empty";
    return false;
  }
  if (token.size() > kMaxJwtLength) {
    *error = "token is longer than " + std::to_string(kMaxJwtLength) + " bytes";
    return false;
  }
  size_t first_dot = token.find('.');
  size_t second_dot =
      first_dot == std::string_view::npos ? first_dot : token.find('.', first_dot + 1);
  if (second_dot == std::string_view::npos ||
      token.find('.', second_dot + 1) != std::string_view::npos) {
    *error = "token is not a compact JWS (expected header.payload.signature)";
    return false;
  }
  if (!DecodeJsonObject(token.substr(0, first_dot), "token header", &jwt->header, error) ||
      !DecodeJsonObject(token.substr(first_dot + 1, second_dot - first_dot - 1), "token payload",
                        &jwt->payload, error)) {
    return false;
  }
  if (!Base64UrlDecode(token.substr(second_dot + 1), &jwt->signature)) {
    *error = "token signature is not valid base64url";
    return false;
  }
  jwt->signing_input = std::string(token.substr(0, second_dot));
  return true;
}

}  // namespace jindu::runtime
