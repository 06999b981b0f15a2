#pragma once

// Health Watch streams never end on their own, and a server's Shutdown waits for every call in
// flight: one client watching health would hold up every drain for the whole drain timeout. Once
// *draining is set, this interceptor cancels each Watch stream as soon as it has sent an update
// (the NOT_SERVING that draining sends). The watcher reads NOT_SERVING or, when the cancellation
// overtakes it, the end of the stream; either tells it to go elsewhere.
//
// Cancelling from inside the interceptor is deliberate: the call is certainly alive there, while a
// ServerContext kept for later may outlive the call it belongs to.

#include <grpcpp/support/server_interceptor.h>

#include <atomic>
#include <memory>

namespace jindu::runtime {

// draining must outlive the server.
std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
MakeHealthWatchDrainInterceptorFactory(const std::atomic<bool>* draining);

}  // namespace jindu::runtime
