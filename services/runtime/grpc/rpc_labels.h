#pragma once

// How a call is named in metrics and logs: the gRPC method path "/jindu.casework.v1.CaseService/
// GetCase" split into service and method, and the call's type, with the label values
// go-grpc-prometheus uses so that its dashboards and alerts work unchanged.

#include <grpcpp/support/server_interceptor.h>

#include <string>
#include <string_view>

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

}  // namespace jindu::runtime
