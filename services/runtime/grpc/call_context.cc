#include "runtime/grpc/call_context.h"

#include <algorithm>
#include <utility>

namespace jindu::runtime {

CallContext::CallContext(grpc::ServerContext& server_context, std::string request_id,
                         std::string trace_id, Principal principal, bool authenticated,
                         Clock::time_point deadline)
    : server_context_(server_context),
      request_id_(std::move(request_id)),
      trace_id_(std::move(trace_id)),
      principal_(std::move(principal)),
      authenticated_(authenticated),
      deadline_(deadline) {}

std::chrono::milliseconds CallContext::remaining() const {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - Clock::now());
  return std::max(left, std::chrono::milliseconds(0));
}

}  // namespace jindu::runtime
