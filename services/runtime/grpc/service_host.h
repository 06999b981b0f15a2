#pragma once

// Runs a service's gRPC server the way every jindu service runs it:
//   - health checking (grpc.health.v1) for the server as a whole ("") and for each service,
//     NOT_SERVING from the moment draining starts;
//   - server reflection, so grpcurl and similar tools can list and call methods;
//   - request and response size limits, keepalive settings;
//   - interceptors recording the gRPC server metrics and writing one access log line per call;
//   - plaintext, TLS or mutual TLS as the TLS settings say (server_credentials.h);
//   - a Prometheus endpoint serving the service's metrics registry (plain HTTP);
//   - graceful drain on SIGTERM or SIGINT.
//
//   std::string error;
//   std::unique_ptr<ServiceHost> host = ServiceHost::Create(common_settings, &error);
//   if (host == nullptr) { LogError("cannot start", {{"error", error}}); return 1; }
//   CaseService cases(host->call_policy(), ...);   // handlers use HandleCall with this policy
//   if (!host->Start({&cases}, &error)) { LogError("cannot start", {{"error", error}}); return 1; }
//   host->Run();  // until SIGTERM, then drains
//   return 0;
//
// The server uses gRPC's synchronous API on purpose: handlers block on libpqxx, which has no
// asynchronous interface, so each in-flight call needs a thread of its own anyway; the callback API
// would only move that blocking onto its small shared thread pool and stall unrelated calls.

#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>
#include <prometheus/registry.h>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "runtime/config/common_settings.h"
#include "runtime/grpc/handle_call.h"
#include "runtime/grpc/termination_signals.h"
#include "runtime/metrics/metrics_endpoint.h"

namespace jindu::runtime {

// The process and thread settings every service's server gets, and a benchmark's bare server can
// get too (bench_front_door --echo-tuned): more idle sync-server threads kept for reuse, abseil's
// Mutex deadlock detection off (process-wide). The .cc gives the measurements.
void ApplyServerProcessSettings(grpc::ServerBuilder& builder);

class ServiceHost {
 public:
  // Builds what services need before the server starts: the call policy (with the token verifier)
  // and the metrics registry. Returns null and sets *error when the JWT settings are unusable.
  // `principal_resolver`: see CallPolicy; null keeps the token's claims as the grants.
  static std::unique_ptr<ServiceHost> Create(
      const CommonSettings& settings, std::string* error,
      std::shared_ptr<const PrincipalResolver> principal_resolver = nullptr);

  // Drains first if still serving.
  ~ServiceHost();
  ServiceHost(const ServiceHost&) = delete;
  ServiceHost& operator=(const ServiceHost&) = delete;

  // What every handler passes to HandleCall.
  const CallPolicy& call_policy() const { return call_policy_; }
  // The service's metrics registry: register the service's own families here.
  prometheus::Registry& metrics_registry() { return *registry_; }

  // Starts the metrics endpoint and the gRPC server with the given services, which must outlive the
  // host. Returns false and sets *error when a port cannot be bound or a TLS file read. Call once.
  bool Start(const std::vector<grpc::Service*>& services, std::string* error);

  // The ports actually bound, also when the settings asked for 0. Valid after Start.
  int grpc_port() const { return grpc_port_; }
  int metrics_port() const { return metrics_endpoint_ ? metrics_endpoint_->port() : 0; }

  // For main(): blocks until SIGTERM or SIGINT (or a Drain() from another thread), then drains.
  void Run();

  // Health turns NOT_SERVING; after the drain delay new calls are refused; in-flight calls get the
  // drain timeout to finish and are then cancelled. Returns once the server has stopped. Safe to
  // call from any thread, more than once; later callers wait for the first drain to end.
  void Drain();
  bool draining() const;

 private:
  enum class State { kServing, kDraining, kStopped };

  ServiceHost(const CommonSettings& settings, CallPolicy call_policy);
  void StopServer();

  const CommonSettings settings_;
  const CallPolicy call_policy_;
  const std::shared_ptr<prometheus::Registry> registry_;

  std::unique_ptr<MetricsEndpoint> metrics_endpoint_;
  std::unique_ptr<grpc::Server> server_;
  std::vector<std::string> service_names_;
  int grpc_port_ = 0;

  // Read by the health watch interceptor on server threads.
  std::atomic<bool> health_draining_{false};

  mutable std::mutex mutex_;
  std::condition_variable stopped_;
  State state_ = State::kServing;
  TerminationSignals* signals_ = nullptr;  // set while Run() waits
};

}  // namespace jindu::runtime
