#include "runtime/auth/token_verifier.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <ctime>
#include <limits>
#include <stdexcept>

#include "runtime/auth/jwt.h"

namespace jindu::runtime {
namespace {

grpc::Status Unauthenticated(std::string message) {
  return grpc::Status(grpc::StatusCode::UNAUTHENTICATED, std::move(message));
}

// Header values chosen by the caller are quoted in messages only when short and plain, so that a
// crafted header cannot inject text into logs or smuggle the token back out.
std::string Quote(std::string_view value) {
  if (value.empty() || value.size() > 64) return "(unprintable)";
  for (char c : value) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '-' || c == '_' || c == '.';
    if (!plain) return "(unprintable)";
  }
  return "'" + std::string(value) + "'";
}

std::string FormatUtc(double seconds_since_epoch) {
  // Claims are caller input: converting an enormous double to time_t would be undefined.
  if (!(seconds_since_epoch > -1e11 && seconds_since_epoch < 1e11)) return "(out of range)";
  std::time_t seconds = static_cast<std::time_t>(std::floor(seconds_since_epoch));
  std::tm utc{};
  if (gmtime_r(&seconds, &utc) == nullptr) return "(out of range)";
  char buffer[32];
  std::strftime(buffer, sizeof(buffer), "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

// Reads an optional NumericDate claim (RFC 7519 §2). Returns an error status when present but not
// a finite number.
grpc::Status ReadNumericDate(const nlohmann::json& claims, const char* name, bool* present,
                             double* value) {
  auto it = claims.find(name);
  *present = it != claims.end();
  if (!*present) return grpc::Status::OK;
  if (!it->is_number() || !std::isfinite(it->get<double>())) {
    return Unauthenticated(std::string("token claim '") + name + "' is not a NumericDate");
  }
  *value = it->get<double>();
  return grpc::Status::OK;
}

grpc::Status ReadStringArray(const nlohmann::json& claims, const char* name,
                             std::vector<std::string>* out) {
  out->clear();
  auto it = claims.find(name);
  if (it == claims.end()) return grpc::Status::OK;
  if (!it->is_array()) {
    return Unauthenticated(std::string("token claim '") + name + "' must be an array of strings");
  }
  for (const auto& element : *it) {
    if (!element.is_string()) {
      return Unauthenticated(std::string("token claim '") + name + "' must be an array of strings");
    }
    out->push_back(element.get<std::string>());
  }
  return grpc::Status::OK;
}

bool AudienceContains(const nlohmann::json& aud, const std::string& audience) {
  if (aud.is_string()) return aud.get<std::string>() == audience;
  if (!aud.is_array()) return false;
  for (const auto& element : aud) {
    if (element.is_string() && element.get<std::string>() == audience) return true;
  }
  return false;
}

}  // namespace

TokenVerifier::TokenVerifier(AuthConfig config) : config_(std::move(config)) {
  bool has_public_keys =
      !config_.public_key_pems.empty() || !config_.public_key_pems_by_kid.empty();
  if (config_.issuer.empty()) throw std::invalid_argument("auth config: issuer is empty");
  if (config_.audience.empty()) throw std::invalid_argument("auth config: audience is empty");
  if (config_.leeway.count() < 0) throw std::invalid_argument("auth config: leeway is negative");
  if (config_.allow_dev_hs256 && has_public_keys) {
    throw std::invalid_argument(
        "auth config: development HS256 is enabled beside public keys; a verifier accepting both "
        "is open to key confusion, so configure one or the other");
  }
  if (!config_.dev_hs256_secret.empty() && !config_.allow_dev_hs256) {
    throw std::invalid_argument(
        "auth config: an HS256 secret is set but the development HS256 flag is off");
  }
  if (config_.allow_dev_hs256) {
    if (config_.dev_hs256_secret.empty()) {
      throw std::invalid_argument(
          "auth config: development HS256 is enabled but its secret is empty");
    }
    try {
      keys_.push_back(VerificationKey::FromHs256Secret(config_.dev_hs256_secret));
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument(std::string("auth config: dev HS256 secret: ") + e.what());
    }
    return;
  }
  if (!has_public_keys) {
    throw std::invalid_argument("auth config: no verification public keys are configured");
  }
  for (size_t i = 0; i < config_.public_key_pems.size(); ++i) {
    try {
      keys_.push_back(VerificationKey::FromPublicKeyPem(config_.public_key_pems[i], ""));
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument("auth config: public key #" + std::to_string(i + 1) + ": " +
                                  e.what());
    }
  }
  for (const auto& [kid, pem] : config_.public_key_pems_by_kid) {
    if (kid.empty())
      throw std::invalid_argument("auth config: a keyed public key has an empty kid");
    try {
      keys_.push_back(VerificationKey::FromPublicKeyPem(pem, kid));
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument("auth config: public key with kid '" + kid + "': " + e.what());
    }
  }
}

grpc::Status TokenVerifier::Verify(std::string_view token, Principal* principal) const {
  const auto now_point = config_.now ? config_.now() : std::chrono::system_clock::now();
  const double now = std::chrono::duration<double>(now_point.time_since_epoch()).count();
  if (auto verified = verified_->Find(token, now)) {
    *principal = std::move(*verified);
    return grpc::Status::OK;
  }
  ParsedJwt jwt;
  std::string error;
  if (!ParseJwt(token, &jwt, &error)) return Unauthenticated("malformed bearer token: " + error);
  grpc::Status status = VerifySignature(jwt);
  if (!status.ok()) return status;
  status = VerifyClaims(jwt, principal);
  if (!status.ok()) return status;
  // The window VerifyClaims just accepted: from nbf and iat (less the leeway) until exp (plus it).
  const double leeway = static_cast<double>(config_.leeway.count());
  bool present = false;
  double exp = 0, nbf = 0, iat = 0, valid_from = now;
  if (ReadNumericDate(jwt.payload, "exp", &present, &exp).ok() && present) {
    valid_from = -std::numeric_limits<double>::infinity();
    if (ReadNumericDate(jwt.payload, "nbf", &present, &nbf).ok() && present) {
      valid_from = std::max(valid_from, nbf - leeway);
    }
    if (ReadNumericDate(jwt.payload, "iat", &present, &iat).ok() && present) {
      valid_from = std::max(valid_from, iat - leeway);
    }
    verified_->Remember(token, *principal, valid_from, exp + leeway);
  }
  return grpc::Status::OK;
}

grpc::Status TokenVerifier::VerifySignature(const ParsedJwt& jwt) const {
  auto alg = jwt.header.find("alg");
  if (alg == jwt.header.end() || !alg->is_string()) {
    return Unauthenticated("token header has no 'alg'");
  }
  const std::string alg_name = alg->get<std::string>();
  // Compared case-insensitively on purpose: "None" and "NONE" have been used to slip past
  // case-sensitive checks in other libraries.
  std::string lowered = alg_name;
  for (char& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lowered == "none") return Unauthenticated("unsigned tokens (alg 'none') are not accepted");
  if (jwt.header.contains("crit")) {
    return Unauthenticated(
        "token header lists critical extensions ('crit') this service does not "
        "understand");
  }

  // A token naming a known kid is checked against that key only; one naming an unknown kid (or
  // none) against the keys that carry no id, or against all keys when it names none.
  std::vector<const VerificationKey*> candidates;
  auto kid = jwt.header.find("kid");
  bool has_kid = kid != jwt.header.end() && kid->is_string();
  if (has_kid) {
    for (const auto& key : keys_) {
      if (!key.kid().empty() && key.kid() == kid->get<std::string>()) candidates.push_back(&key);
    }
    if (candidates.empty()) {
      for (const auto& key : keys_) {
        if (key.kid().empty()) candidates.push_back(&key);
      }
    }
    if (candidates.empty()) {
      return Unauthenticated("token key id " + Quote(kid->get<std::string>()) +
                             " is not among this service's verification keys (was the identity "
                             "provider's key rotated?)");
    }
  } else {
    for (const auto& key : keys_) candidates.push_back(&key);
  }

  // The key decides the algorithm; the header must merely agree with it.
  std::string accepted;
  bool any_matching = false;
  for (const VerificationKey* key : candidates) {
    std::string_view key_alg = JwsAlgorithmName(key->algorithm());
    if (key_alg == alg_name) {
      any_matching = true;
      if (key->Verify(jwt.signing_input, jwt.signature)) return grpc::Status::OK;
    } else if (accepted.find(key_alg) == std::string::npos) {
      accepted += (accepted.empty() ? "" : ", ") + std::string(key_alg);
    }
  }
  if (!any_matching) {
    return Unauthenticated("token algorithm " + Quote(alg_name) +
                           " is not accepted; this service accepts " + accepted);
  }
  return Unauthenticated(
      "token signature does not verify with this service's keys (signed by another key or "
      "altered)");
}

grpc::Status TokenVerifier::VerifyClaims(const ParsedJwt& jwt, Principal* principal) const {
  const nlohmann::json& claims = jwt.payload;
  const auto now_point = config_.now ? config_.now() : std::chrono::system_clock::now();
  const double now = std::chrono::duration<double>(now_point.time_since_epoch()).count();
  const double leeway = static_cast<double>(config_.leeway.count());

  bool present = false;
  double exp = 0;
  grpc::Status status = ReadNumericDate(claims, "exp", &present, &exp);
  if (!status.ok()) return status;
  if (!present) return Unauthenticated("token has no expiry ('exp'); tokens must expire");
  if (now >= exp + leeway) {
    return Unauthenticated("token expired at " + FormatUtc(exp) + "; obtain a new token");
  }

  double nbf = 0;
  status = ReadNumericDate(claims, "nbf", &present, &nbf);
  if (!status.ok()) return status;
  if (present && now + leeway < nbf) {
    return Unauthenticated("token is not valid before " + FormatUtc(nbf) +
                           " ('nbf'); check clock synchronisation");
  }

  double iat = 0;
  status = ReadNumericDate(claims, "iat", &present, &iat);
  if (!status.ok()) return status;
  if (present && iat > now + leeway) {
    return Unauthenticated("token was issued in the future ('iat' " + FormatUtc(iat) +
                           "); check clock synchronisation");
  }

  auto iss = claims.find("iss");
  if (iss == claims.end() || !iss->is_string() || iss->get<std::string>() != config_.issuer) {
    return Unauthenticated("token issuer ('iss') is not the expected issuer '" + config_.issuer +
                           "'");
  }
  auto aud = claims.find("aud");
  if (aud == claims.end() || !AudienceContains(*aud, config_.audience)) {
    return Unauthenticated("token audience ('aud') does not include '" + config_.audience +
                           "'; request a token for this service");
  }
  auto sub = claims.find("sub");
  if (sub == claims.end() || !sub->is_string() || sub->get<std::string>().empty()) {
    return Unauthenticated("token has no subject ('sub')");
  }

  Principal result;
  result.subject = sub->get<std::string>();
  status = ReadStringArray(claims, "roles", &result.roles);
  if (!status.ok()) return status;
  status = ReadStringArray(claims, "regions", &result.region_scopes);
  if (!status.ok()) return status;
  *principal = std::move(result);
  return grpc::Status::OK;
}

}  // namespace jindu::runtime
