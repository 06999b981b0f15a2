#include "harness/error_details.h"

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace jindu::testing {
namespace {

google::rpc::Status Details(const grpc::Status& status) {
  google::rpc::Status details;
  details.ParseFromString(status.error_details());
  return details;
}

}  // namespace

std::string ErrorReasonOf(const grpc::Status& status) {
  const google::rpc::Status details = Details(status);
  for (const auto& detail : details.details()) {
    google::rpc::ErrorInfo info;
    if (detail.UnpackTo(&info)) return info.reason();
  }
  return {};
}

std::vector<std::string> FieldViolationsOf(const grpc::Status& status) {
  std::vector<std::string> violations;
  const google::rpc::Status details = Details(status);
  for (const auto& detail : details.details()) {
    google::rpc::BadRequest bad_request;
    if (!detail.Is<google::rpc::BadRequest>() || !detail.UnpackTo(&bad_request)) continue;
    for (const auto& violation : bad_request.field_violations()) {
      violations.push_back(violation.field() + "=" + violation.reason());
    }
  }
  return violations;
}

std::string ResourceNameOf(const grpc::Status& status) {
  const google::rpc::Status details = Details(status);
  for (const auto& detail : details.details()) {
    google::rpc::ResourceInfo resource;
    if (detail.Is<google::rpc::ResourceInfo>() && detail.UnpackTo(&resource)) {
      return resource.resource_name();
    }
  }
  return {};
}

}  // namespace jindu::testing
