#pragma once

// How a call is named in metrics and logs: the gRPC method path "/jindu.casework.v1.CaseService/
// GetCase" split into service and method, and the call's type, with the label values
// go-grpc-prometheus uses so that its dashboards and alerts work unchanged.

#include <grpcpp/support/server_interceptor.h>

#include <functional>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace jindu::runtime {

struct RpcLabels {
  std::string type;     // grpc_type: unary, client_stream, server_stream, bidi_stream
  std::string service;  // grpc_service: jindu.casework.v1.CaseService
  std::string method;   // grpc_method: GetCase
  // Whether the method exists. Any client can call any path; metrics must label the unknown ones
  // alike, or a scanner could create label values without end.
  bool known = false;
};

RpcLabels LabelsOf(const grpc::experimental::ServerRpcInfo& info);

// The labels of the server's own methods, worked out once per method instead of on every call
// (LabelsOf splits the path into two new strings and asks protobuf's descriptor pool, under its
// lock, whether the method exists). Unknown paths are never kept: any client can call any path,
// so their labels are worked out per call and the cache stays bounded by the server's methods.
class RpcLabelsCache {
 public:
  // The labels of `info`'s method: a reference into the cache for a known method (valid for the
  // cache's life), or `*scratch` filled in for an unknown one.
  const RpcLabels& Find(const grpc::experimental::ServerRpcInfo& info, RpcLabels* scratch);

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view text) const { return std::hash<std::string_view>()(text); }
  };
  std::shared_mutex mutex_;
  std::unordered_map<std::string, std::unique_ptr<const RpcLabels>, Hash, std::equal_to<>> known_;
};

}  // namespace jindu::runtime
