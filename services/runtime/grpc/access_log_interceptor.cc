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

// Health probes arrive every few seconds from every prober: logged only when debugging.
LogLevel LevelFor(const RpcLabels& labels, grpc::StatusCode code) {
  if (labels.service == "grpc.health.v1.Health") return LogLevel::kDebug;
  switch (code) {
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
  explicit AccessLogInterceptor(grpc::experimental::ServerRpcInfo* info)
      : info_(info), labels_(LabelsOf(*info)), start_(std::chrono::steady_clock::now()) {
    labels_.service.resize(std::min(labels_.service.size(), kMaxLoggedNameLength));
    labels_.method.resize(std::min(labels_.method.size(), kMaxLoggedNameLength));
  }

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
    const auto& client_metadata = info_->server_context()->client_metadata();
    if (request_id_.empty()) request_id_ = AcceptableRequestIdFrom(client_metadata);
    std::string trace_id =
        TraceIdFromTraceparent(FirstMetadataValue(client_metadata, kTraceparentMetadataKey));
    double duration_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start_)
            .count();

    ScopedLogContext context(request_id_, std::move(trace_id));
    Log(LevelFor(labels_, status.error_code()), "call finished",
        {{"grpc_service", labels_.service},
         {"grpc_method", labels_.method},
         {"grpc_code", StatusCodeName(status.error_code())},
         {"duration_ms", duration_ms},
         {"client_certificate", ClientCertificateIdentity(*info_->server_context())},
         {"error", status.error_message().empty()
                       ? nlohmann::json()
                       : nlohmann::json(status.error_message().substr(0, kMaxLoggedErrorLength))}});
  }

  grpc::experimental::ServerRpcInfo* info_;
  RpcLabels labels_;
  const std::chrono::steady_clock::time_point start_;
  std::string request_id_;
  bool logged_ = false;
};

class AccessLogInterceptorFactory final
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    return new AccessLogInterceptor(info);
  }
};

}  // namespace

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
MakeAccessLogInterceptorFactory() {
  return std::make_unique<AccessLogInterceptorFactory>();
}

}  // namespace jindu::runtime
