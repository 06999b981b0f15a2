#include "runtime/grpc/server_metrics_interceptor.h"

#include <prometheus/counter.h>
#include <prometheus/histogram.h>

#include <array>
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>

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

// The metrics of one method, found in their families once: a call then only increments them
// (a Family::Add per metric and call costs a label map, a hash and the family's lock each time).
class MethodMetrics {
 public:
  MethodMetrics(const ServerMetricFamilies& families, const RpcLabels& labels)
      : families_(families),
        base_labels_{{"grpc_type", labels.type},
                     {"grpc_service", labels.service},
                     {"grpc_method", labels.method}},
        started_(families.started.Add(base_labels_)),
        handling_seconds_(families.handling_seconds.Add(base_labels_, LatencyBuckets())) {}

  prometheus::Counter& started() { return started_; }
  prometheus::Histogram& handling_seconds() { return handling_seconds_; }
  // The handled counter of a status code, added to its family on the code's first use.
  prometheus::Counter& handled(grpc::StatusCode code) {
    const auto index = static_cast<size_t>(code);
    if (index < handled_.size()) {
      if (prometheus::Counter* counter = handled_[index].load(std::memory_order_acquire)) {
        return *counter;
      }
    }
    prometheus::Labels labels = base_labels_;
    labels["grpc_code"] = std::string(StatusCodeName(code));
    // Family::Add returns the same counter to every caller, so a race stores the same pointer.
    prometheus::Counter& counter = families_.handled.Add(labels);
    if (index < handled_.size()) handled_[index].store(&counter, std::memory_order_release);
    return counter;
  }

 private:
  const ServerMetricFamilies& families_;
  const prometheus::Labels base_labels_;
  prometheus::Counter& started_;
  prometheus::Histogram& handling_seconds_;
  std::array<std::atomic<prometheus::Counter*>, 17> handled_{};  // OK (0) .. UNAUTHENTICATED (16)
};

class ServerMetricsInterceptor final : public grpc::experimental::Interceptor {
 public:
  explicit ServerMetricsInterceptor(MethodMetrics& metrics)
      : metrics_(metrics), start_(std::chrono::steady_clock::now()) {
    metrics_.started().Increment();
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
  void Record(grpc::StatusCode code) {
    recorded_ = true;
    std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start_;
    metrics_.handling_seconds().Observe(elapsed.count());
    metrics_.handled(code).Increment();
  }

  MethodMetrics& metrics_;
  const std::chrono::steady_clock::time_point start_;
  bool recorded_ = false;
};

class ServerMetricsInterceptorFactory final
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  ServerMetricsInterceptorFactory(prometheus::Registry& registry,
                                  std::shared_ptr<RpcLabelsCache> labels)
      : families_(registry), labels_(std::move(labels)) {}

  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    RpcLabels scratch;
    const RpcLabels& labels = labels_->Find(*info, &scratch);
    if (labels.known) return new ServerMetricsInterceptor(MetricsOfKnown(labels));
    scratch.service = scratch.method = "unknown";
    return new ServerMetricsInterceptor(MetricsOf(scratch));
  }

 private:
  // A known method's metrics, by the address of its labels in labels_ (fixed for the factory's
  // life): the common case costs a shared lock and a pointer hash, no string built.
  MethodMetrics& MetricsOfKnown(const RpcLabels& labels) {
    {
      std::shared_lock lock(mutex_);
      if (const auto found = known_.find(&labels); found != known_.end()) return *found->second;
    }
    MethodMetrics& metrics = MetricsOf(labels);
    std::unique_lock lock(mutex_);
    known_.emplace(&labels, &metrics);
    return metrics;
  }

  // One entry per method the server has (and one for every unknown path), so the map is bounded.
  MethodMetrics& MetricsOf(const RpcLabels& labels) {
    const std::string key = labels.type + "/" + labels.service + "/" + labels.method;
    {
      std::shared_lock lock(mutex_);
      if (const auto found = methods_.find(key); found != methods_.end()) return *found->second;
    }
    std::unique_lock lock(mutex_);
    auto& slot = methods_[key];
    if (slot == nullptr) slot = std::make_unique<MethodMetrics>(families_, labels);
    return *slot;
  }

  ServerMetricFamilies families_;
  std::shared_ptr<RpcLabelsCache> labels_;  // its entries' addresses key known_
  std::shared_mutex mutex_;
  std::unordered_map<std::string, std::unique_ptr<MethodMetrics>> methods_;
  std::unordered_map<const RpcLabels*, MethodMetrics*> known_;
};

}  // namespace

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
MakeServerMetricsInterceptorFactory(prometheus::Registry& registry,
                                    std::shared_ptr<RpcLabelsCache> labels) {
  return std::make_unique<ServerMetricsInterceptorFactory>(registry, std::move(labels));
}

}  // namespace jindu::runtime
