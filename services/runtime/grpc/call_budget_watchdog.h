#pragma once

// A handler that reads a client's stream (ServerReader::Read) waits for the client, and gRPC gives
// it no time limit of its own: a client that opens a stream without a deadline and then sends
// nothing would hold a server thread for as long as the connection lives (30 minutes and more).
// While alive, this watchdog cancels the call when its budget (CallContext::deadline: the client's
// deadline bounded by the maximum, or the default when the client set none) runs out; the pending
// Read then returns false, the handler returns, and the client receives CANCELLED. Inside the
// HandleCall of a method whose handler reads the client's stream:
//
//   runtime::CallBudgetWatchdog watchdog(*context, call.deadline(), call.request_id());
//   return intake_.IngestStream(call, stream);

#include <grpcpp/server_context.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace jindu::runtime {

class CallBudgetWatchdog {
 public:
  // `context` must outlive the watchdog (it does: the watchdog lives inside the handler's call).
  CallBudgetWatchdog(grpc::ServerContext& context, std::chrono::system_clock::time_point deadline,
                     std::string request_id);
  // Stops watching; returns once the watchdog thread is gone.
  ~CallBudgetWatchdog();

  CallBudgetWatchdog(const CallBudgetWatchdog&) = delete;
  CallBudgetWatchdog& operator=(const CallBudgetWatchdog&) = delete;

 private:
  std::mutex mutex_;
  std::condition_variable wake_;
  bool done_ = false;
  std::thread thread_;
};

}  // namespace jindu::runtime
