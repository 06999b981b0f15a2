#include "runtime/grpc/call_budget_watchdog.h"

#include <utility>

#include "runtime/logging/logger.h"

namespace jindu::runtime {

CallBudgetWatchdog::CallBudgetWatchdog(grpc::ServerContext& context,
                                       std::chrono::system_clock::time_point deadline,
                                       std::string request_id) {
  thread_ = std::thread([this, &context, deadline, request_id = std::move(request_id)] {
    std::unique_lock lock(mutex_);
    if (wake_.wait_until(lock, deadline, [this] { return done_; })) return;
    // This thread has no log context of its own: name the call.
    LogWarn("call budget exhausted while the handler waits for the client; cancelling the call",
            {{"request_id", request_id}});
    context.TryCancel();
  });
}

CallBudgetWatchdog::~CallBudgetWatchdog() {
  {
    std::lock_guard lock(mutex_);
    done_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

}  // namespace jindu::runtime
