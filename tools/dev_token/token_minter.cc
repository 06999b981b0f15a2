#include "dev_token/token_minter.h"

#include "runtime/auth/base64url.h"

namespace jindu::dev_token {

std::string EncodeAndSign(nlohmann::json header, const nlohmann::json& claims,
                          const SigningKey& key) {
  header["alg"] = std::string(runtime::JwsAlgorithmName(key.algorithm()));
  if (!header.contains("typ")) header["typ"] = "JWT";
  std::string signing_input =
      runtime::Base64UrlEncode(header.dump()) + "." + runtime::Base64UrlEncode(claims.dump());
  std::string signature = key.Sign(signing_input);
  return signing_input + "." + runtime::Base64UrlEncode(signature);
}

nlohmann::json DevTokenClaims(const DevTokenRequest& request,
                              std::chrono::system_clock::time_point now) {
  const auto issued =
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  return nlohmann::json{
      {"sub", request.subject},
      {"roles", request.roles},
      {"regions", request.regions},
      {"iss", request.issuer},
      {"aud", request.audience},
      {"iat", issued},
      {"nbf", issued},
      {"exp", issued + request.ttl.count()},
  };
}

std::string MintDevToken(const DevTokenRequest& request, const SigningKey& key,
                         std::chrono::system_clock::time_point now) {
  nlohmann::json header = nlohmann::json::object();
  if (!request.kid.empty()) header["kid"] = request.kid;
  return EncodeAndSign(std::move(header), DevTokenClaims(request, now), key);
}

}  // namespace jindu::dev_token
