#pragma once

// A structured log line per finished call: service, method, status code, duration, request id,
// trace id and, over mutual TLS, the client certificate's identity. Never the messages themselves,
// which may carry personal data. At info (the usual level) only the calls that failed or were slow
// get one; at debug every call (the .cc says why).
//
// The request id is the one HandleCall echoed in the response headers (it may have made it up), so
// the access line and the handler's own lines share it.

#include <grpcpp/support/server_interceptor.h>

#include <memory>

#include "runtime/grpc/rpc_labels.h"

namespace jindu::runtime {

// `labels` is the server's one cache of method labels, shared with the metrics interceptor.
std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
MakeAccessLogInterceptorFactory(std::shared_ptr<RpcLabelsCache> labels);

}  // namespace jindu::runtime
