#pragma once

// What a handler knows about the call it serves, beyond the request message: who calls, under which
// request and trace ids, and how much time is left. Built by HandleCall (handle_call.h).

#include <grpcpp/server_context.h>

#include <chrono>
#include <string>

#include "runtime/auth/principal.h"

namespace jindu::runtime {

class CallContext {
 public:
  using Clock = std::chrono::system_clock;

  CallContext(grpc::ServerContext& server_context, std::string request_id, std::string trace_id,
              Principal principal, bool authenticated, Clock::time_point deadline);

  CallContext(const CallContext&) = delete;
  CallContext& operator=(const CallContext&) = delete;

  // The caller's x-request-id, or one made for this call; echoed in the response headers.
  const std::string& request_id() const { return request_id_; }
  // From the caller's W3C traceparent; empty when it sent none.
  const std::string& trace_id() const { return trace_id_; }

  // The authenticated caller. For a public method, an empty principal with no roles or scopes.
  const Principal& principal() const { return principal_; }
  bool authenticated() const { return authenticated_; }

  // The call's time budget: the client's deadline, bounded by the service's maximum, or the
  // service's default when the client set none. Pass remaining() on to what the handler waits on
  // (statement timeouts, downstream deadlines) so that work stops when nobody waits for it.
  Clock::time_point deadline() const { return deadline_; }
  std::chrono::milliseconds remaining() const;
  bool cancelled() const { return server_context_.IsCancelled(); }

  // For what the wrapper does not cover, e.g. trailing metadata.
  grpc::ServerContext& server_context() const { return server_context_; }

 private:
  grpc::ServerContext& server_context_;
  const std::string request_id_;
  const std::string trace_id_;
  const Principal principal_;
  const bool authenticated_;
  const Clock::time_point deadline_;
};

}  // namespace jindu::runtime
