#pragma once

// The canonical upper-case name of a gRPC status code ("OK", "INVALID_ARGUMENT", ...), as metrics
// labels and log lines carry it.

#include <grpcpp/support/status_code_enum.h>

#include <string_view>

namespace jindu::runtime {

std::string_view StatusCodeName(grpc::StatusCode code);

}  // namespace jindu::runtime
