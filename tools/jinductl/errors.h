#pragma once
// Failures a command raises; main turns each into a message on stderr and an exit code
// (exit_codes.h), so that commands stay straight-line code.
#include <grpcpp/support/status.h>

#include <stdexcept>
#include <string>

namespace jindu::jinductl {

// The command line was wrong; the message names the flag or word and why.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A local failure with a chosen exit code (no token: 3; unreadable file: 1).
struct CommandFailure : std::runtime_error {
  CommandFailure(int code, const std::string& message)
      : std::runtime_error(message), exit_code(code) {}
  int exit_code;
};

// A call that a service answered with an error (or that never reached it).
struct RpcFailure : std::runtime_error {
  RpcFailure(grpc::Status status_in, std::string service_in, std::string address_in)
      : std::runtime_error(status_in.error_message()),
        status(std::move(status_in)),
        service(std::move(service_in)),
        address(std::move(address_in)) {}
  grpc::Status status;
  std::string service;  // "registration", ...
  std::string address;  // host:port dialled
};

// Prints the failure to stderr (status, ErrorInfo reason, each BadRequest field violation; for an
// unreachable service its name and address) and returns the exit code for it.
int ReportRpcFailure(const RpcFailure& failure);

// The exit code of a status code alone.
int ExitCodeOf(grpc::StatusCode code);

}  // namespace jindu::jinductl
