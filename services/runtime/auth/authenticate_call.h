#pragma once

// Authenticating an incoming gRPC call from its "authorization: Bearer <token>" metadata
// (RFC 6750 §2.1). The metadata variant exists for server interceptors, which see the metadata
// before a ServerContext is handed to the handler.

#include <grpcpp/server_context.h>
#include <grpcpp/support/status.h>
#include <grpcpp/support/string_ref.h>

#include <map>
#include <string_view>

#include "runtime/auth/principal.h"
#include "runtime/auth/token_verifier.h"

namespace jindu::runtime {

inline constexpr std::string_view kAuthorizationMetadataKey = "authorization";

// OK and fills *principal, or UNAUTHENTICATED: no or several authorization entries, a scheme other
// than Bearer, an empty token, or whatever TokenVerifier::Verify rejects.
grpc::Status AuthenticateCall(const grpc::ServerContext& context, const TokenVerifier& verifier,
                              Principal* principal);

grpc::Status AuthenticateMetadata(
    const std::multimap<grpc::string_ref, grpc::string_ref>& client_metadata,
    const TokenVerifier& verifier, Principal* principal);

// The value of one authorization entry, e.g. "Bearer eyJ...".
grpc::Status AuthenticateAuthorizationValue(std::string_view value, const TokenVerifier& verifier,
                                            Principal* principal);

}  // namespace jindu::runtime
