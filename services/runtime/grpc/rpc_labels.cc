#include "runtime/grpc/rpc_labels.h"

#include <google/protobuf/descriptor.h>

#include <mutex>

namespace jindu::runtime {
namespace {

std::string_view TypeLabel(grpc::experimental::ServerRpcInfo::Type type) {
  using Type = grpc::experimental::ServerRpcInfo::Type;
  switch (type) {
    case Type::UNARY:
      return "unary";
    case Type::CLIENT_STREAMING:
      return "client_stream";
    case Type::SERVER_STREAMING:
      return "server_stream";
    case Type::BIDI_STREAMING:
      return "bidi_stream";
  }
  return "unary";
}

// Every generated service registers its descriptor with protobuf, so protobuf knows its methods.
// The health service is the exception: gRPC implements it without protobuf's descriptors.
bool IsKnownMethod(const std::string& service, const std::string& method) {
  if (service == "grpc.health.v1.Health") return method == "Check" || method == "Watch";
  return google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(service + "." +
                                                                              method) != nullptr;
}

}  // namespace

RpcLabels LabelsOf(const grpc::experimental::ServerRpcInfo& info) {
  RpcLabels labels;
  labels.type = TypeLabel(info.type());
  std::string_view path = info.method() != nullptr ? info.method() : "";
  if (path.starts_with('/')) path.remove_prefix(1);
  std::size_t slash = path.find('/');
  if (slash == std::string_view::npos) {
    labels.service = "unknown";
    labels.method = path.empty() ? "unknown" : std::string(path);
    return labels;
  }
  labels.service = std::string(path.substr(0, slash));
  labels.method = std::string(path.substr(slash + 1));
  labels.known = IsKnownMethod(labels.service, labels.method);
  return labels;
}

const RpcLabels& RpcLabelsCache::Find(const grpc::experimental::ServerRpcInfo& info,
                                      RpcLabels* scratch) {
  const std::string_view path = info.method() != nullptr ? info.method() : "";
  {
    std::shared_lock lock(mutex_);
    if (auto found = known_.find(path); found != known_.end()) return *found->second;
  }
  *scratch = LabelsOf(info);
  if (!scratch->known) return *scratch;
  std::unique_lock lock(mutex_);
  auto [slot, inserted] = known_.try_emplace(std::string(path));
  if (inserted) slot->second = std::make_unique<const RpcLabels>(*scratch);
  return *slot->second;
}

}  // namespace jindu::runtime
