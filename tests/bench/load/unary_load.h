#pragma once
// Our load generator: drives one unary method of any service through gRPC's generic async API
// (the request pre-serialised, so the client's cost is the same whatever the method), from one
// thread polling one completion queue.
//
//   UnaryTarget target{channel, "/jindu.bench.v1.EchoService/Echo", request.SerializeAsString()};
//   LoadResult closed = RunClosedLoop(target, /*in_flight=*/32, std::chrono::seconds(10));
//   LoadResult open = RunOpenLoop(target, /*calls_per_second=*/2000, std::chrono::seconds(10));
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "load/latency_sample.h"

namespace jindu::bench {

struct UnaryTarget {
  std::shared_ptr<grpc::Channel> channel;
  std::string method;  // "/package.Service/Method"
  std::string serialized_request;
  // When set, each call sends what this returns instead (called from the driving thread only):
  // a create whose requests must differ, e.g. by name, so none is refused as a duplicate.
  std::function<std::string()> next_request;
  std::map<std::string, std::string> metadata;  // e.g. authorization
  std::chrono::milliseconds deadline = std::chrono::seconds(10);
  // The answer that counts as success: a diagnostic run may aim at a refusal on purpose (e.g. a
  // request rejected by validation, to time the path in front of the handler's work).
  grpc::StatusCode expected = grpc::StatusCode::OK;
};

struct LoadResult {
  int64_t ok = 0;
  int64_t failed = 0;
  int64_t response_bytes = 0;  // of the last answer, to check sizes match
  std::string first_error;
  double seconds = 0;
  LatencySample latencies;  // of calls answered as expected
  double Throughput() const { return seconds > 0 ? static_cast<double>(ok) / seconds : 0; }
};

// Keeps `in_flight` calls outstanding for `duration` (a call is replaced as soon as it answers):
// measures the most calls per second the server sustains.
LoadResult RunClosedLoop(const UnaryTarget& target, int in_flight,
                         std::chrono::steady_clock::duration duration);

// Starts calls on a fixed schedule, `calls_per_second`, whatever the answers do (up to
// `max_in_flight` outstanding; calls the schedule wants beyond that count as failed). A call's
// latency counts from when the schedule wanted it sent, so a stalled server is not hidden by
// the client waiting for it (coordinated omission).
LoadResult RunOpenLoop(const UnaryTarget& target, double calls_per_second,
                       std::chrono::steady_clock::duration duration, int max_in_flight = 10000);

}  // namespace jindu::bench
