#include "jinductl/errors.h"

#include <iostream>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "jinductl/exit_codes.h"
#include "runtime/grpc/status_code_name.h"

namespace jindu::jinductl {
namespace {}  // namespace

int ExitCodeOf(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
      return kExitOk;
    case grpc::StatusCode::UNAUTHENTICATED:
    case grpc::StatusCode::PERMISSION_DENIED:
      return kExitDenied;
    case grpc::StatusCode::NOT_FOUND:
      return kExitNotFound;
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::FAILED_PRECONDITION:
    case grpc::StatusCode::ALREADY_EXISTS:
      return kExitRefused;
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return kExitUnreachable;
    default:
      return kExitFailure;
  }
}

int ReportRpcFailure(const RpcFailure& failure) {
  const grpc::Status& status = failure.status;
  const int exit_code = ExitCodeOf(status.error_code());
  if (exit_code == kExitUnreachable) {
    // The operator's first question is which service and address, so it leads the message.
    const bool slow = status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED;
    std::cerr << "jinductl: " << (slow ? "no answer in time from the " : "cannot reach the ")
              << failure.service << " service at " << failure.address << " ("
              << runtime::StatusCodeName(status.error_code()) << ": " << status.error_message()
              << ")\n"
              << (slow ? "  raise --timeout, or check that the service is healthy\n"
                       : "  check --server / --" + failure.service +
                             "-addr (and --tls*) and that the service runs\n");
    return exit_code;
  }
  std::cerr << "jinductl: " << failure.service
            << " service: " << runtime::StatusCodeName(status.error_code()) << ": "
            << status.error_message() << "\n";
  google::rpc::Status details;
  if (!status.error_details().empty() && details.ParseFromString(status.error_details())) {
    for (const auto& detail : details.details()) {
      google::rpc::ErrorInfo info;
      if (detail.Is<google::rpc::ErrorInfo>() && detail.UnpackTo(&info)) {
        std::cerr << "  reason: " << info.reason() << "\n";
      }
      google::rpc::BadRequest bad_request;
      if (detail.Is<google::rpc::BadRequest>() && detail.UnpackTo(&bad_request)) {
        for (const auto& violation : bad_request.field_violations()) {
          std::cerr << "  " << violation.field() << ": " << violation.description();
          if (!violation.reason().empty()) std::cerr << " (" << violation.reason() << ")";
          std::cerr << "\n";
        }
      }
      google::rpc::ResourceInfo resource;
      if (detail.Is<google::rpc::ResourceInfo>() && detail.UnpackTo(&resource) &&
          !resource.resource_name().empty()) {
        std::cerr << "  resource: " << resource.resource_name() << "\n";
      }
    }
  }
  return exit_code;
}

}  // namespace jindu::jinductl
