#include "runtime/grpc/access_log_interceptor.h"

#include <grpcpp/security/auth_context.h>
#include <grpcpp/server_context.h>

#include <algorithm>
#include <chrono>
#include <string>

#include "runtime/grpc/correlation_ids.h"
#include "runtime/grpc/rpc_labels.h"
#include "runtime/grpc/status_code_name.h"
#include "runtime/logging/logger.h"

namespace jindu::runtime {
namespace {

using grpc::experimental::InterceptionHookPoints;

constexpr std::size_t kMaxLoggedErrorLength = 200;
constexpr std::size_t kMaxLoggedNameLength = 200;

// Which calls get a line at the usual level (info), and why not all of them. The metrics already
// count every call by method and code, with its latency; a line per successful call adds nothing
// an operator acts on, and written at info it would cost as much as the call itself on a small
// read (a JSON line built, a global lock, a write to stderr: the front door serves tens of
// thousands of calls a second). So: every call that did not succeed gets its line (at warn when it
// is the server's fault), and a successful call only when slow (kSlowCall, the calls an operator
// hunts); at debug every call is logged, successful ones included. Audit of sensitive reads is not
// this log's job: the services write their own audit rows (e.g. casework's access audit).
constexpr std::chrono::milliseconds kSlowCall{1000};

LogLevel LevelFor(const RpcLabels& labels, grpc::StatusCode code,
                  std::chrono::steady_clock::duration duration) {
  // Health probes arrive every few seconds from every prober: logged only when debugging.
  if (labels.service == "grpc.health.v1.Health") return LogLevel::kDebug;
  switch (code) {
    case grpc::StatusCode::OK:
      return duration >= kSlowCall ? LogLevel::kInfo : LogLevel::kDebug;
    case grpc::StatusCode::UNKNOWN:
    case grpc::StatusCode::INTERNAL:
    case grpc::StatusCode::DATA_LOSS:
      return LogLevel::kWarn;  // the server's fault
    default:
      return LogLevel::kInfo;
  }
}

// Over mutual TLS, which system connected: the identity of its verified client certificate (its
// subject alternative names, else its common name). Null without a client certificate.
nlohmann::json ClientCertificateIdentity(const grpc::ServerContextBase& context) {
  std::shared_ptr<const grpc::AuthContext> auth = context.auth_context();
  if (auth == nullptr || !auth->IsPeerAuthenticated()) return nlohmann::json();
  std::string identity;
  for (const grpc::string_ref& name : auth->GetPeerIdentity()) {
    if (!identity.empty()) identity += ',';
    identity.append(name.data(), name.size());
  }
  identity.resize(std::min(identity.size(), kMaxLoggedNameLength));
  return identity;
}

class AccessLogInterceptor final : public grpc::experimental::Interceptor {
 public:
  // Unknown methods are logged by the name the client used (truncated): a client calling a method
  // this version does not have yet is worth seeing.
  AccessLogInterceptor(grpc::experimental::ServerRpcInfo* info, RpcLabelsCache& labels)
      : info_(info), labels_cache_(labels), start_(std::chrono::steady_clock::now()) {}

  ~AccessLogInterceptor() override {
    if (!logged_) Write(grpc::Status(grpc::StatusCode::CANCELLED, "cancelled before a status"));
  }

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_INITIAL_METADATA)) {
      auto* metadata = methods->GetSendInitialMetadata();
      auto echoed = metadata->find(kRequestIdMetadataKey);
      if (echoed != metadata->end()) request_id_ = echoed->second;
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      Write(methods->GetSendStatus());
    }
    methods->Proceed();
  }

 private:
  void Write(const grpc::Status& status) {
    logged_ = true;
    const auto duration = std::chrono::steady_clock::now() - start_;
    RpcLabels scratch;
    const RpcLabels& labels = labels_cache_.Find(*info_, &scratch);
    const LogLevel level = LevelFor(labels, status.error_code(), duration);
    if (!LogEnabled(level)) return;  // before building any field: most calls end here

    const auto& client_metadata = info_->server_context()->client_metadata();
    if (request_id_.empty()) request_id_ = AcceptableRequestIdFrom(client_metadata);
    std::string trace_id =
        TraceIdFromTraceparent(FirstMetadataValue(client_metadata, kTraceparentMetadataKey));
    ScopedLogContext context(request_id_, std::move(trace_id));
    Log(level, "call finished",
        {{"grpc_service", labels.service.substr(0, kMaxLoggedNameLength)},
         {"grpc_method", labels.method.substr(0, kMaxLoggedNameLength)},
         {"grpc_code", StatusCodeName(status.error_code())},
         {"duration_ms", std::chrono::duration<double, std::milli>(duration).count()},
         {"client_certificate", ClientCertificateIdentity(*info_->server_context())},
         {"error", status.error_message().empty()
                       ? nlohmann::json()
                       : nlohmann::json(status.error_message().substr(0, kMaxLoggedErrorLength))}});
  }

  grpc::experimental::ServerRpcInfo* info_;
  RpcLabelsCache& labels_cache_;
  const std::chrono::steady_clock::time_point start_;
  std::string request_id_;
  bool logged_ = false;
};

class AccessLogInterceptorFactory final
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit AccessLogInterceptorFactory(std::shared_ptr<RpcLabelsCache> labels)
      : labels_(std::move(labels)) {}

  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    return new AccessLogInterceptor(info, *labels_);
  }

 private:
  std::shared_ptr<RpcLabelsCache> labels_;
};

}  // namespace

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
MakeAccessLogInterceptorFactory(std::shared_ptr<RpcLabelsCache> labels) {
  return std::make_unique<AccessLogInterceptorFactory>(std::move(labels));
}

}  // namespace jindu::runtime
