#pragma once

// The conventional gRPC server metrics (go-grpc-prometheus names and labels, so its dashboards and
// alerts apply unchanged), recorded by a server interceptor for every call the server sees,
// including health checks, reflection and calls rejected before a handler ran:
//
//   grpc_server_started_total{grpc_type,grpc_service,grpc_method}
//   grpc_server_handled_total{grpc_type,grpc_service,grpc_method,grpc_code}
//   grpc_server_handling_seconds{grpc_type,grpc_service,grpc_method}   histogram
//
// A call counts as handled when its status is about to be sent, so a client that has its answer can
// already see it counted. Calls to methods the server does not have are labelled
// grpc_service="unknown", grpc_method="unknown".

#include <grpcpp/support/server_interceptor.h>
#include <prometheus/registry.h>

#include <memory>

#include "runtime/grpc/rpc_labels.h"

namespace jindu::runtime {

// Registers the three families on registry (which must outlive the factory).
std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
MakeServerMetricsInterceptorFactory(prometheus::Registry& registry,
                                    std::shared_ptr<RpcLabelsCache> labels);

}  // namespace jindu::runtime
