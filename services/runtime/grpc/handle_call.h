#pragma once

// The wrapper every RPC handler runs in. gRPC 1.51's server interceptors can observe a call but not
// reject it, so what must be able to refuse a call lives here, in plain code each handler calls:
//
//   grpc::Status CaseService::GetCase(grpc::ServerContext* context, const GetCaseRequest* request,
//                                     Case* response) {
//     return HandleCall(context, policy_, [&](const CallContext& call) -> grpc::Status {
//       grpc::Status allowed = AuthorizeRegion(call.principal(), request->region_code(), regions_);
//       if (!allowed.ok()) return allowed;
//       return cases_.Get(request->name(), call.remaining(), response);
//     });
//   }
//
// In order, HandleCall:
//   1. takes the caller's x-request-id (or makes one), echoes it in the response headers, and puts
//      it and the traceparent's trace id on every log line the handler writes;
//   2. refuses a call already past its deadline with DEADLINE_EXCEEDED, and gives the handler a
//      time budget (CallContext::remaining): the client's deadline bounded by the maximum, or the
//      default when the client set none;
//   3. authenticates the bearer token, unless the method is declared public: UNAUTHENTICATED on
//      failure, otherwise CallContext::principal is the caller;
//   4. runs the handler, turning any exception it lets escape into INTERNAL "internal error
//      (request id ...)": the exception is logged here, never sent to the caller. A database that
//      is down, busy or failing over (IsTransientDatabaseError) answers UNAVAILABLE instead, so
//      clients retry.

#include <grpcpp/server_context.h>
#include <grpcpp/support/status.h>

#include <chrono>
#include <functional>
#include <memory>

#include "runtime/auth/token_verifier.h"
#include "runtime/grpc/call_context.h"

namespace jindu::runtime {

// The same for every call of a service; ServiceHost::call_policy() builds it from the settings.
struct CallPolicy {
  // Verifies bearer tokens. May be null only when every method is public.
  std::shared_ptr<const TokenVerifier> verifier;
  // When set, turns the token's subject into the caller's grants (production); when null, the
  // token's role and region claims are the grants (development).
  std::shared_ptr<const PrincipalResolver> principal_resolver;
  std::chrono::milliseconds default_deadline = std::chrono::seconds(10);
  std::chrono::milliseconds max_deadline = std::chrono::seconds(60);
};

// What differs per method.
struct CallOptions {
  // Served without a token (e.g. a public information page). Everything else authenticates.
  bool public_method = false;
};

using CallHandler = std::function<grpc::Status(const CallContext&)>;

grpc::Status HandleCall(grpc::ServerContext* context, const CallPolicy& policy,
                        const CallOptions& options, const CallHandler& handler);

inline grpc::Status HandleCall(grpc::ServerContext* context, const CallPolicy& policy,
                               const CallHandler& handler) {
  return HandleCall(context, policy, CallOptions{}, handler);
}

}  // namespace jindu::runtime
