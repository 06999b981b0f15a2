#include "runtime/grpc/rpc_labels.h"

#include <google/protobuf/descriptor.h>

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

}  // namespace jindu::runtime
