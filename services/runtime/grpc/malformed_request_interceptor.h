#pragma once

// A request message that does not parse as the method's request type (truncated, an invalid wire
// type, a string that is no UTF-8, nesting past protobuf's recursion limit) never reaches a
// handler: gRPC answers it itself, with INTERNAL and no message (GenericDeserialize in
// grpcpp/impl/codegen/proto_utils.h). INTERNAL tells clients and alerts that the server failed,
// when the caller sent garbage. This interceptor turns that answer into INVALID_ARGUMENT with an
// INVALID_FIELD ErrorInfo (runtime/api), the answer any other malformed request gets.
//
// It applies to unary and server-streaming methods, whose one request gRPC decodes before the
// handler runs; a streaming request is read by the handler, which sees a malformed message as the
// end of the stream. It must come first among the interceptors, so that the metrics and the access
// log record the status the caller receives.

#include <grpcpp/support/server_interceptor.h>

#include <memory>

namespace jindu::runtime {

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
MakeMalformedRequestInterceptorFactory();

}  // namespace jindu::runtime
