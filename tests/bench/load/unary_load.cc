#include "load/unary_load.h"

#include <grpcpp/generic/generic_stub.h>

#include <deque>
#include <optional>

namespace jindu::bench {
namespace {

using Clock = std::chrono::steady_clock;

// One outstanding call; its address is the completion-queue tag.
struct Call {
  grpc::ClientContext context;
  grpc::ByteBuffer request;  // with UnaryTarget::next_request only
  grpc::ByteBuffer response;
  grpc::Status status;
  std::unique_ptr<grpc::GenericClientAsyncResponseReader> reader;
  Clock::time_point intended_start;
};

class Driver {
 public:
  explicit Driver(const UnaryTarget& target) : target_(target), stub_(target.channel) {
    grpc::Slice slice(target.serialized_request);
    request_ = grpc::ByteBuffer(&slice, 1);
  }

  void Start(Clock::time_point intended_start) {
    auto* call = new Call;
    call->intended_start = intended_start;
    call->context.set_deadline(std::chrono::system_clock::now() + target_.deadline);
    for (const auto& [key, value] : target_.metadata) call->context.AddMetadata(key, value);
    if (target_.next_request) {
      grpc::Slice slice(target_.next_request());
      call->request = grpc::ByteBuffer(&slice, 1);
    }
    call->reader = stub_.PrepareUnaryCall(&call->context, target_.method,
                                          target_.next_request ? call->request : request_, &queue_);
    call->reader->StartCall();
    call->reader->Finish(&call->response, &call->status, call);
    ++outstanding_;
  }

  // Waits for one answer until `until`; false on timeout. Records the answer when `record`.
  bool Next(Clock::time_point until, bool record, LoadResult* result) {
    void* tag = nullptr;
    bool ok = false;
    // gRPC takes system_clock deadlines only.
    const auto deadline =
        std::chrono::system_clock::now() +
        std::chrono::duration_cast<std::chrono::system_clock::duration>(until - Clock::now());
    const auto state = queue_.AsyncNext(&tag, &ok, deadline);
    if (state != grpc::CompletionQueue::GOT_EVENT) return false;
    std::unique_ptr<Call> call(static_cast<Call*>(tag));
    --outstanding_;
    if (!record) return true;
    if (ok && call->status.error_code() == target_.expected) {
      ++result->ok;
      result->response_bytes = static_cast<int64_t>(call->response.Length());
      result->latencies.Add(
          std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - call->intended_start)
              .count());
    } else {
      if (result->failed++ == 0) {
        result->first_error = call->status.error_message().empty() ? "unexpected status"
                                                                   : call->status.error_message();
      }
    }
    return true;
  }

  // Answers still outstanding at the end are waited for but not counted.
  void Drain() {
    while (outstanding_ > 0) Next(Clock::now() + std::chrono::seconds(30), false, nullptr);
  }

  ~Driver() {
    queue_.Shutdown();
    void* tag = nullptr;
    bool ok = false;
    while (queue_.Next(&tag, &ok)) delete static_cast<Call*>(tag);
  }

  int outstanding() const { return outstanding_; }

 private:
  const UnaryTarget& target_;
  grpc::GenericStub stub_;
  grpc::ByteBuffer request_;
  grpc::CompletionQueue queue_;
  int outstanding_ = 0;
};

}  // namespace

LoadResult RunClosedLoop(const UnaryTarget& target, int in_flight, Clock::duration duration) {
  LoadResult result;
  Driver driver(target);
  const auto start = Clock::now();
  const auto stop_at = start + duration;
  for (int i = 0; i < in_flight; ++i) driver.Start(Clock::now());
  while (Clock::now() < stop_at) {
    if (driver.Next(stop_at, true, &result) && Clock::now() < stop_at) driver.Start(Clock::now());
  }
  result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  driver.Drain();
  return result;
}

LoadResult RunOpenLoop(const UnaryTarget& target, double calls_per_second, Clock::duration duration,
                       int max_in_flight) {
  LoadResult result;
  Driver driver(target);
  const auto interval = std::chrono::duration_cast<Clock::duration>(
      std::chrono::duration<double>(1.0 / calls_per_second));
  const auto start = Clock::now();
  const auto stop_at = start + duration;
  auto next_send = start;
  while (next_send < stop_at) {
    const auto now = Clock::now();
    while (next_send <= now && next_send < stop_at) {
      if (driver.outstanding() < max_in_flight) {
        driver.Start(next_send);
      } else if (result.failed++ == 0) {
        result.first_error = "client: more than max_in_flight calls outstanding";
      }
      next_send += interval;
    }
    driver.Next(std::min(next_send, stop_at), true, &result);
  }
  // Calls sent inside the window are answered and counted (their latency is part of the run).
  while (driver.outstanding() > 0)
    driver.Next(Clock::now() + std::chrono::seconds(30), true, &result);
  result.seconds = std::chrono::duration<double>(stop_at - start).count();
  return result;
}

}  // namespace jindu::bench
