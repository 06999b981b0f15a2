#include "runtime/grpc/server_metrics_interceptor.h"

#include <prometheus/counter.h>
#include <prometheus/histogram.h>

#include <chrono>
#include <string>

#include "runtime/grpc/rpc_labels.h"
#include "runtime/grpc/status_code_name.h"

namespace jindu::runtime {
namespace {

using grpc::experimental::InterceptionHookPoints;

struct ServerMetricFamilies {
  explicit ServerMetricFamilies(prometheus::Registry& registry)
      : started(prometheus::BuildCounter()
                    .Name("grpc_server_started_total")
                    .Help("Total number of RPCs started on the server.")
                    .Register(registry)),
        handled(prometheus::BuildCounter()
                    .Name("grpc_server_handled_total")
                    .Help("Total number of RPCs completed on the server, regardless of success "
                          "or failure.")
                    .Register(registry)),
        handling_seconds(prometheus::BuildHistogram()
                             .Name("grpc_server_handling_seconds")
                             .Help("Histogram of response latency (seconds) of gRPC that had been "
                                   "application-level handled by the server.")
                             .Register(registry)) {}

  prometheus::Family<prometheus::Counter>& started;
  prometheus::Family<prometheus::Counter>& handled;
  prometheus::Family<prometheus::Histogram>& handling_seconds;
};

// Prometheus' default buckets, as go-grpc-prometheus uses: 5 ms to 10 s.
const prometheus::Histogram::BucketBoundaries& LatencyBuckets() {
  static const auto* buckets =
      new prometheus::Histogram::BucketBoundaries{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10};
  return *buckets;
}

class ServerMetricsInterceptor final : public grpc::experimental::Interceptor {
 public:
  ServerMetricsInterceptor(const ServerMetricFamilies& families, RpcLabels labels)
      : families_(families), labels_(std::move(labels)), start_(std::chrono::steady_clock::now()) {
    families_.started.Add(BaseLabels()).Increment();
  }

  ~ServerMetricsInterceptor() override {
    // No status was sent: the call was cancelled before it finished.
    if (!recorded_) Record(grpc::StatusCode::CANCELLED);
  }

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      Record(methods->GetSendStatus().error_code());
    }
    methods->Proceed();
  }

 private:
  prometheus::Labels BaseLabels() const {
    return {{"grpc_type", labels_.type},
            {"grpc_service", labels_.service},
            {"grpc_method", labels_.method}};
  }

  void Record(grpc::StatusCode code) {
    recorded_ = true;
    std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start_;
    prometheus::Labels labels = BaseLabels();
    families_.handling_seconds.Add(labels, LatencyBuckets()).Observe(elapsed.count());
    labels["grpc_code"] = std::string(StatusCodeName(code));
    families_.handled.Add(labels).Increment();
  }

  const ServerMetricFamilies& families_;
  const RpcLabels labels_;
  const std::chrono::steady_clock::time_point start_;
  bool recorded_ = false;
};

class ServerMetricsInterceptorFactory final
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit ServerMetricsInterceptorFactory(prometheus::Registry& registry) : families_(registry) {}

  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    RpcLabels labels = LabelsOf(*info);
    if (!labels.known) labels.service = labels.method = "unknown";
    return new ServerMetricsInterceptor(families_, std::move(labels));
  }

 private:
  ServerMetricFamilies families_;
};

}  // namespace

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
MakeServerMetricsInterceptorFactory(prometheus::Registry& registry) {
  return std::make_unique<ServerMetricsInterceptorFactory>(registry);
}

}  // namespace jindu::runtime
