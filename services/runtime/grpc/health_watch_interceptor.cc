#include "runtime/grpc/health_watch_interceptor.h"

#include <grpcpp/server_context.h>

#include <cstring>

namespace jindu::runtime {
namespace {

using grpc::experimental::InterceptionHookPoints;

constexpr char kWatchMethod[] = "/grpc.health.v1.Health/Watch";

class HealthWatchDrainInterceptor final : public grpc::experimental::Interceptor {
 public:
  HealthWatchDrainInterceptor(grpc::experimental::ServerRpcInfo* info,
                              const std::atomic<bool>* draining)
      : info_(info), draining_(draining) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_SEND_MESSAGE) &&
        draining_->load()) {
      info_->server_context()->TryCancel();
    }
    methods->Proceed();
  }

 private:
  grpc::experimental::ServerRpcInfo* info_;
  const std::atomic<bool>* draining_;
};

class HealthWatchDrainInterceptorFactory final
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit HealthWatchDrainInterceptorFactory(const std::atomic<bool>* draining)
      : draining_(draining) {}

  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    if (info->method() == nullptr || std::strcmp(info->method(), kWatchMethod) != 0) {
      return nullptr;  // every other call goes without this interceptor
    }
    return new HealthWatchDrainInterceptor(info, draining_);
  }

 private:
  const std::atomic<bool>* draining_;
};

}  // namespace

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
MakeHealthWatchDrainInterceptorFactory(const std::atomic<bool>* draining) {
  return std::make_unique<HealthWatchDrainInterceptorFactory>(draining);
}

}  // namespace jindu::runtime
