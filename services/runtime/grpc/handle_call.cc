#include "runtime/grpc/handle_call.h"

#include <cxxabi.h>

#include <cstdlib>
#include <exception>
#include <memory>
#include <string>
#include <typeinfo>
#include <utility>

#include "runtime/auth/authenticate_call.h"
#include "runtime/grpc/correlation_ids.h"
#include "runtime/logging/logger.h"
#include "runtime/postgres/database_errors.h"

namespace jindu::runtime {
namespace {

grpc::Status InternalError(const std::string& request_id) {
  return grpc::Status(grpc::StatusCode::INTERNAL, "internal error (request id " + request_id + ")");
}

std::string TypeName(const std::type_info& type) {
  int status = 0;
  std::unique_ptr<char, decltype(&std::free)> demangled(
      abi::__cxa_demangle(type.name(), nullptr, nullptr, &status), &std::free);
  return status == 0 && demangled ? demangled.get() : type.name();
}

grpc::Status Authenticate(const grpc::ServerContext& context, const CallPolicy& policy,
                          Principal* principal) {
  if (policy.verifier == nullptr) {
    // A wiring bug, not the caller's fault; refuse rather than let the call through unchecked.
    LogError("no token verifier configured for an authenticated method");
    return grpc::Status(grpc::StatusCode::UNAUTHENTICATED, "authentication is not configured");
  }
  grpc::Status status = AuthenticateCall(context, *policy.verifier, principal);
  if (status.ok() && policy.principal_resolver != nullptr) {
    *principal = policy.principal_resolver->Resolve(*principal);
  }
  return status;
}

grpc::Status RunHandler(const CallHandler& handler, const CallContext& call) {
  try {
    return handler(call);
  } catch (const std::exception& e) {
    if (IsTransientDatabaseError(e)) {
      // The database is down, busy or failing over: the call was fine and may be retried.
      LogWarn("database unavailable for the call", {{"exception", e.what()}});
      return grpc::Status(
          grpc::StatusCode::UNAVAILABLE,
          "the database is unavailable; retry later (request id " + call.request_id() + ")");
    }
    LogError("handler threw", {{"exception_type", TypeName(typeid(e))}, {"exception", e.what()}});
  } catch (...) {
    LogError("handler threw a non-standard exception");
  }
  return InternalError(call.request_id());
}

// Step 2's rule: now + default when the client set no deadline (time_point::max()), otherwise the
// earlier of the client's deadline and now + maximum.
CallContext::Clock::time_point CallBudgetDeadline(CallContext::Clock::time_point client_deadline,
                                                  CallContext::Clock::time_point now,
                                                  const CallPolicy& policy) {
  if (client_deadline == CallContext::Clock::time_point::max()) {
    return now + policy.default_deadline;
  }
  return std::min(client_deadline, now + policy.max_deadline);
}

}  // namespace

grpc::Status HandleCall(grpc::ServerContext* context, const CallPolicy& policy,
                        const CallOptions& options, const CallHandler& handler) {
  std::string request_id;
  try {
    const auto& client_metadata = context->client_metadata();
    request_id = AcceptableRequestIdFrom(client_metadata);
    if (request_id.empty()) request_id = NewRequestId();
    std::string trace_id =
        TraceIdFromTraceparent(FirstMetadataValue(client_metadata, kTraceparentMetadataKey));
    context->AddInitialMetadata(kRequestIdMetadataKey, request_id);
    ScopedLogContext log_context(request_id, trace_id);

    auto now = CallContext::Clock::now();
    auto client_deadline = context->deadline();
    if (client_deadline <= now) {
      // It waited in a queue past its deadline: nobody is waiting for the answer any more.
      return grpc::Status(grpc::StatusCode::DEADLINE_EXCEEDED,
                          "deadline exceeded before the call started");
    }

    Principal principal;
    if (!options.public_method) {
      grpc::Status authenticated = Authenticate(*context, policy, &principal);
      if (!authenticated.ok()) return authenticated;
    }

    CallContext call(*context, request_id, std::move(trace_id), std::move(principal),
                     !options.public_method, CallBudgetDeadline(client_deadline, now, policy));
    return RunHandler(handler, call);
  } catch (...) {
    // Only the set-up above, e.g. an allocation; the handler's own exceptions are caught inside
    // RunHandler, with the log context in place.
    LogError("call set-up failed", {{"request_id", request_id}});
    return InternalError(request_id);
  }
}

}  // namespace jindu::runtime
