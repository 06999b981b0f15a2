#include "runtime/auth/authenticate_call.h"

#include <cctype>

namespace jindu::runtime {
namespace {

constexpr std::string_view kMissingMessage =
    "missing authorization metadata: send 'authorization: Bearer <token>'";

bool StartsWithIgnoringCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) !=
        std::tolower(static_cast<unsigned char>(prefix[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace

grpc::Status AuthenticateCall(const grpc::ServerContext& context, const TokenVerifier& verifier,
                              Principal* principal) {
  return AuthenticateMetadata(context.client_metadata(), verifier, principal);
}

grpc::Status AuthenticateMetadata(
    const std::multimap<grpc::string_ref, grpc::string_ref>& client_metadata,
    const TokenVerifier& verifier, Principal* principal) {
  // gRPC lower-cases metadata keys on the wire, so an exact lookup is enough.
  grpc::string_ref key(kAuthorizationMetadataKey.data(), kAuthorizationMetadataKey.size());
  auto [first, last] = client_metadata.equal_range(key);
  if (first == last)
    return grpc::Status(grpc::StatusCode::UNAUTHENTICATED, std::string(kMissingMessage));
  if (std::next(first) != last) {
    return grpc::Status(grpc::StatusCode::UNAUTHENTICATED,
                        "several authorization metadata entries: send exactly one "
                        "'authorization: Bearer <token>'");
  }
  return AuthenticateAuthorizationValue(
      std::string_view(first->second.data(), first->second.size()), verifier, principal);
}

grpc::Status AuthenticateAuthorizationValue(std::string_view value, const TokenVerifier& verifier,
                                            Principal* principal) {
  // The scheme name is case-insensitive (RFC 9110 §11.1); the token is not.
  constexpr std::string_view kScheme = "Bearer ";
  if (value.empty())
    return grpc::Status(grpc::StatusCode::UNAUTHENTICATED, std::string(kMissingMessage));
  if (!StartsWithIgnoringCase(value, kScheme)) {
    return grpc::Status(grpc::StatusCode::UNAUTHENTICATED,
                        "authorization metadata does not use the Bearer scheme: send "
                        "'authorization: Bearer <token>'");
  }
  std::string_view token = value.substr(kScheme.size());
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
  if (token.empty()) {
    return grpc::Status(grpc::StatusCode::UNAUTHENTICATED,
                        "authorization metadata has an empty bearer token: send "
                        "'authorization: Bearer <token>'");
  }
  return verifier.Verify(token, principal);
}

}  // namespace jindu::runtime
