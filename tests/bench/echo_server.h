#pragma once
// The bare baseline of the RPC rows: jindu.bench.v1.EchoService/Echo, a synchronous gRPC server
// with default options like ours, answering a payload of a fixed size. A scenario program runs it
// as a child (itself re-run with --serve-echo=PORT --response-bytes=N) so it can be pinned apart.
#include <grpcpp/grpcpp.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>

#include "jindu/bench/v1/echo.grpc.pb.h"

namespace jindu::bench {

class EchoServer final : public v1::EchoService::Service {
 public:
  explicit EchoServer(size_t response_bytes) : payload_(response_bytes, 'x') {}
  grpc::Status Echo(grpc::ServerContext*, const v1::EchoRequest*,
                    v1::EchoResponse* response) override {
    response->set_payload(payload_);
    return grpc::Status::OK;
  }

 private:
  std::string payload_;
};

// Serves until SIGTERM ends the process.
inline int ServeEcho(int port, size_t response_bytes) {
  EchoServer service(response_bytes);
  grpc::ServerBuilder builder;
  builder.AddListeningPort("127.0.0.1:" + std::to_string(port), grpc::InsecureServerCredentials());
  builder.RegisterService(&service);
  auto server = builder.BuildAndStart();
  if (!server) return 1;
  server->Wait();
  return 0;
}

// The echo payload that makes a message of `total` bytes on the wire (tag + length + payload).
inline std::string PaddingFor(size_t total) {
  for (size_t n = total; n > 0; --n) {
    v1::EchoRequest probe;
    probe.set_payload(std::string(n, 'x'));
    if (probe.ByteSizeLong() <= total) return std::string(n, 'x');
  }
  return {};
}

// Starts this program again as an echo server on `port` answering messages of `response_bytes`.
inline pid_t ForkEchoServer(int port, size_t response_bytes) {
  const pid_t child = fork();
  if (child == 0) {
    const std::string port_flag = "--serve-echo=" + std::to_string(port);
    const std::string bytes_flag =
        "--response-bytes=" + std::to_string(PaddingFor(response_bytes).size());
    execl("/proc/self/exe", "/proc/self/exe", port_flag.c_str(), bytes_flag.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  return child;
}

inline void StopEchoServer(pid_t child) {
  kill(child, SIGTERM);
  waitpid(child, nullptr, 0);
}

}  // namespace jindu::bench
