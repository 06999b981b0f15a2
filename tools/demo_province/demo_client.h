#pragma once
// How the generator talks to the suite: one channel per service, two callers (a loader with the
// roles that enter facts, and a reviewer: the services never let the submitter approve its own
// activity), bounded retries of what is safe to retry, a thread pool, and progress on stderr.
#include <google/protobuf/message.h>
#include <grpcpp/grpcpp.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace jindu::demo {

struct Endpoints {
  std::string registration = "127.0.0.1:50061";
  std::string casework = "127.0.0.1:50062";
  std::string publicity = "127.0.0.1:50063";
  std::string reporting = "127.0.0.1:50064";
};

class DemoClient {
 public:
  DemoClient(const Endpoints& endpoints, std::string loader_token, std::string reviewer_token);

  std::shared_ptr<grpc::Channel> registration() const { return registration_; }
  std::shared_ptr<grpc::Channel> casework() const { return casework_; }
  std::shared_ptr<grpc::Channel> publicity() const { return publicity_; }

  enum class As { kLoader, kReviewer };

  // Calls `method` with a fresh context for the caller; sets the request's `request_id` (when it
  // has one) so that a retry after UNAVAILABLE or RESOURCE_EXHAUSTED cannot create twice. Retries
  // up to five times with back-off; returns the last status. Failures are counted and the first
  // few printed.
  //
  // With kUntilReplicated, a refusal that names something the service has not learned yet
  // (INVALID_ARGUMENT or FAILED_PRECONDITION right after the organisation, volunteer or region was
  // created in registration: other services learn it from events within moments) is retried for up
  // to a minute too.
  enum class Patience { kTransient, kUntilReplicated };
  template <typename Stub, typename Request, typename Response>
  grpc::Status Call(Stub& stub,
                    grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
                    Request request, Response* response, As as = As::kLoader,
                    Patience patience = Patience::kTransient) {
    AssignRequestId(request);
    grpc::Status status;
    for (int attempt = 0;; ++attempt) {
      grpc::ClientContext context;
      Prepare(context, as);
      status = (stub.*method)(&context, request, response);
      if (Retryable(status) && attempt < 6) {
        BackOff(attempt);
      } else if (patience == Patience::kUntilReplicated && NotYetReplicated(status) &&
                 attempt < 60) {
        std::this_thread::sleep_for(std::chrono::seconds(1));
      } else {
        break;
      }
    }
    if (!status.ok()) CountFailure(status);
    return status;
  }

  // A refusal inside an accepted batch (one decision of an intake batch): counted like a failure.
  void CountRejection(const std::string& what) {
    CountFailure(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, what));
  }

  int failures() const { return failures_.load(); }

 private:
  void Prepare(grpc::ClientContext& context, As as) const;
  static void AssignRequestId(google::protobuf::Message& request);
  static bool Retryable(const grpc::Status& status);
  static bool NotYetReplicated(const grpc::Status& status);
  static void BackOff(int attempt);
  void CountFailure(const grpc::Status& status);

  std::shared_ptr<grpc::Channel> registration_, casework_, publicity_;
  std::string loader_token_, reviewer_token_;
  std::atomic<int> failures_{0};
};

// Runs the jobs on `threads` threads, printing "<label>: done/total" to stderr every two seconds.
void RunJobs(const std::string& label, std::vector<std::function<void()>> jobs, int threads);

}  // namespace jindu::demo
