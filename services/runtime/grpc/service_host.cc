#include "runtime/grpc/service_host.h"

#include <absl/synchronization/mutex.h>
#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>

#include <csignal>
#include <exception>
#include <thread>
#include <utility>

#include "runtime/config/programming_error.h"
#include "runtime/grpc/access_log_interceptor.h"
#include "runtime/grpc/call_metrics_switch.h"
#include "runtime/grpc/health_watch_interceptor.h"
#include "runtime/grpc/malformed_request_interceptor.h"
#include "runtime/grpc/server_credentials.h"
#include "runtime/grpc/server_metrics_interceptor.h"
#include "runtime/grpc/service_names_option.h"
#include "runtime/logging/logger.h"
#include "runtime/metrics/build_info.h"

namespace jindu::runtime {
namespace {

AuthConfig ToAuthConfig(const JwtSettings& jwt) {
  AuthConfig config;
  config.public_key_pems = jwt.public_key_pems;
  config.issuer = jwt.issuer;
  config.audience = jwt.audience;
  config.leeway = jwt.leeway;
  config.dev_hs256_secret = jwt.dev_hs256_secret;
  config.allow_dev_hs256 = jwt.allow_dev_hs256;
  return config;
}

// Keepalive: the server pings a connection idle for a minute and drops it when no answer comes
// within 20 s, so dead clients (a node gone without FIN) free their resources. Clients may ping
// every 10 s, even without calls in flight, before the server calls it abuse. Connections are
// recycled after 30 minutes so that clients spread over replicas added since they connected.
//
// SO_REUSEPORT, on by default in gRPC, is switched off: a second instance started on a taken port
// must fail, not silently take half the connections.
void ApplyConnectionSettings(grpc::ServerBuilder& builder) {
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIME_MS, 60'000);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 20'000);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS, 10'000);
  builder.AddChannelArgument(GRPC_ARG_MAX_CONNECTION_AGE_MS, 30 * 60'000);
  builder.AddChannelArgument(GRPC_ARG_MAX_CONNECTION_AGE_GRACE_MS, 60'000);
}

bool IsOwnService(const std::string& name) { return !name.starts_with("grpc."); }

}  // namespace

// gRPC's synchronous server runs handlers on the threads that poll for calls: by default at least
// one and at most two of them poll, a poller that takes a call starts a new thread when none is
// left polling, and a thread that finishes a call ends when two already poll. Under a steady load
// that is a thread started and ended every few calls: perf on the front door put 15% of the
// server's CPU in clone, stack set-up, munmap and exit (0.135 thread starts per call at 32 calls in
// flight; 0.095 with 4 idle pollers, 0.036 with 16), and the durable-write benchmark saw 1,363
// threads come and go in 3 s at 1,279 calls/s (16 in flight; with 64: 46 steady threads, service
// CPU per create 373 -> 319 us). Up to kMaxIdlePollers finished threads go back to polling and are
// reused; idle ones still end after CQ_TIMEOUT_MSEC (10 s by default) down to MIN_POLLERS. The
// cost: the touched stack pages of the idle threads a busy spell leaves behind.
constexpr int kMaxIdlePollers = 64;

void ApplyServerProcessSettings(grpc::ServerBuilder& builder) {
  builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MAX_POLLERS, kMaxIdlePollers);
  // Abseil's Mutex (every lock inside gRPC) keeps a process-wide lock-order graph to detect
  // potential deadlocks in builds without NDEBUG, and Debian builds its abseil without it: each
  // lock then takes a global lock and updates the graph (perf on the front-door benchmark: 4-6% of
  // the server's CPU in GraphCycles and Mutex::Lock). It is a debugging aid, off in every release
  // build of abseil, and set to abort the process on a suspected (not an actual) deadlock; so off.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
}

std::unique_ptr<ServiceHost> ServiceHost::Create(
    const CommonSettings& settings, std::string* error,
    std::shared_ptr<const PrincipalResolver> principal_resolver) {
  CallPolicy policy;
  policy.principal_resolver = std::move(principal_resolver);
  policy.default_deadline = settings.server.default_call_deadline;
  policy.max_deadline = settings.server.max_call_deadline;
  try {
    policy.verifier = std::make_shared<const TokenVerifier>(ToAuthConfig(settings.jwt));
  } catch (const std::exception& e) {
    *error = std::string("JWT settings: ") + e.what();
    return nullptr;
  }
  return std::unique_ptr<ServiceHost>(new ServiceHost(settings, std::move(policy)));
}

ServiceHost::ServiceHost(const CommonSettings& settings, CallPolicy call_policy)
    : settings_(settings),
      call_policy_(std::move(call_policy)),
      registry_(std::make_shared<prometheus::Registry>()) {
  RegisterBuildInfo(*registry_, settings_.service_name, {{"grpc_version", grpc::Version()}});
}

ServiceHost::~ServiceHost() { Drain(); }

bool ServiceHost::Start(const std::vector<grpc::Service*>& services, std::string* error) {
  if (server_ != nullptr) ProgrammingError("ServiceHost::Start called twice");
  const ServerSettings& server = settings_.server;

  std::shared_ptr<grpc::ServerCredentials> credentials =
      MakeServerCredentials(settings_.tls, error);
  if (credentials == nullptr) return false;

  // Plain HTTP whatever the gRPC port uses: Prometheus scrapes it from inside the cluster, and it
  // serves nothing but the metrics.
  metrics_endpoint_ =
      MetricsEndpoint::Start(server.listen_host, server.metrics_port, registry_, error);
  if (metrics_endpoint_ == nullptr) return false;

  // Both are process-wide switches read when a server is built.
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();

  grpc::ServerBuilder builder;
  std::string address = server.listen_host + ":" + std::to_string(server.grpc_port);
  // Plaintext unless the TLS settings give a certificate: a platform may secure connections in
  // front of the service instead (a service mesh).
  builder.AddListeningPort(address, credentials, &grpc_port_);
  for (grpc::Service* service : services) builder.RegisterService(service);
  builder.SetMaxReceiveMessageSize(server.max_message_bytes);
  builder.SetMaxSendMessageSize(server.max_message_bytes);
  ApplyConnectionSettings(builder);
  ApplyServerProcessSettings(builder);
  builder.SetOption(CaptureServiceNames(&service_names_));

  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> interceptors;
  // First, so that the metrics and the access log see the status the caller receives.
  interceptors.push_back(MakeMalformedRequestInterceptorFactory());
  // One cache of method labels for both interceptors that name the method: a method's labels are
  // worked out and kept once for the server, not once per interceptor.
  auto labels = std::make_shared<RpcLabelsCache>();
  if (CallMetricsEnabled()) {  // false in benchmarks only (call_metrics_switch.h)
    interceptors.push_back(MakeServerMetricsInterceptorFactory(*registry_, labels));
  }
  interceptors.push_back(MakeAccessLogInterceptorFactory(labels));
  interceptors.push_back(MakeHealthWatchDrainInterceptorFactory(&health_draining_));
  builder.experimental().SetInterceptorCreators(std::move(interceptors));

  server_ = builder.BuildAndStart();
  if (server_ == nullptr || grpc_port_ == 0) {
    *error = "cannot serve gRPC on " + address;
    server_.reset();
    metrics_endpoint_.reset();
    return false;
  }

  grpc::HealthCheckServiceInterface* health = server_->GetHealthCheckService();
  health->SetServingStatus("", true);
  std::vector<std::string> own_services;
  for (const std::string& name : service_names_) {
    if (!IsOwnService(name)) continue;
    health->SetServingStatus(name, true);
    own_services.push_back(name);
  }
  LogInfo("serving", {{"grpc_port", grpc_port_},
                      {"transport_security", TransportSecurityName(settings_.tls)},
                      {"metrics_port", metrics_endpoint_->port()},
                      {"services", own_services}});
  return true;
}

void ServiceHost::Run() {
  {
    TerminationSignals signals;
    {
      std::lock_guard lock(mutex_);
      if (state_ != State::kServing) signals.Interrupt();
      signals_ = &signals;
    }
    int signal = signals.Wait();
    {
      std::lock_guard lock(mutex_);
      signals_ = nullptr;
    }
    if (signal != 0) {
      LogInfo("termination signal received",
              {{"signal", signal == SIGTERM ? "SIGTERM" : "SIGINT"}});
    }
  }  // from here a second signal stops the process at once
  Drain();
}

void ServiceHost::Drain() {
  {
    std::unique_lock lock(mutex_);
    if (state_ != State::kServing) {
      stopped_.wait(lock, [this] { return state_ == State::kStopped; });
      return;
    }
    state_ = State::kDraining;
    if (signals_ != nullptr) signals_->Interrupt();
  }
  if (server_ != nullptr) StopServer();
  {
    std::lock_guard lock(mutex_);
    state_ = State::kStopped;
  }
  stopped_.notify_all();
}

void ServiceHost::StopServer() {
  const ServerSettings& server = settings_.server;
  LogInfo("draining", {{"drain_delay_ms", server.drain_delay.count()},
                       {"drain_timeout_ms", server.drain_timeout.count()}});
  // Every service NOT_SERVING, and kept so: load balancers and probes stop sending calls here.
  health_draining_ = true;
  server_->GetHealthCheckService()->Shutdown();
  std::this_thread::sleep_for(server.drain_delay);
  // Refuses new calls at once; waits for in-flight ones until the deadline, then cancels them.
  server_->Shutdown(std::chrono::system_clock::now() + server.drain_timeout);
  server_->Wait();
  LogInfo("drained");
}

bool ServiceHost::draining() const {
  std::lock_guard lock(mutex_);
  return state_ != State::kServing;
}

}  // namespace jindu::runtime
