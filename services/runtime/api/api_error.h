#pragma once
// The error model of proto/README.md in one place: a canonical status code, one
// google.rpc.ErrorInfo (domain "jindu", reason = a jindu.common.v1.ErrorReason name) and, where the
// reason calls for it, BadRequest field violations or a ResourceInfo, all packed in the
// grpc-status-details-bin trailer. Clients branch on the reason; the message is for the person
// reading a log.
//
//   return NotFoundError("jindu.registration.v1.Volunteer", request.name());
//   return FailedPreconditionError(ILLEGAL_STATE_TRANSITION, "volunteer is WITHDRAWN: ...");
//
// Messages and details never carry personal data or an echo of a submitted free-text value.
#include <grpcpp/support/status.h>

#include <map>
#include <string>
#include <vector>

#include "jindu/common/v1/errors.pb.h"

namespace jindu::runtime {

struct FieldViolation {
  std::string field;  // request path: "volunteer.national_id_number", "rows[12].valid_to"
  common::v1::FieldViolationReason reason = common::v1::FIELD_MALFORMED;
  std::string description;  // for developers, English, no submitted value
};

// Any status with an ErrorInfo. `metadata` goes into ErrorInfo.metadata (no personal data).
grpc::Status ApiError(grpc::StatusCode code, common::v1::ErrorReason reason,
                      const std::string& message,
                      const std::map<std::string, std::string>& metadata = {});

// INVALID_ARGUMENT / INVALID_FIELD with one FieldViolation each; the message lists them as
// "field: description; field: description". Must not be called with an empty list.
grpc::Status InvalidArgumentError(const std::vector<FieldViolation>& violations);
grpc::Status InvalidFieldError(std::string field, common::v1::FieldViolationReason reason,
                               std::string description);

// NOT_FOUND / RESOURCE_NOT_FOUND with a ResourceInfo. Also the answer for a resource outside the
// caller's scope (proto/README.md: indistinguishable from a missing one).
grpc::Status NotFoundError(const std::string& resource_type, const std::string& resource_name);

// ALREADY_EXISTS with `reason`; a ResourceInfo naming the existing resource when the caller may
// know it (resource_name not empty), none otherwise.
grpc::Status AlreadyExistsError(common::v1::ErrorReason reason, const std::string& message,
                                const std::string& resource_type = {},
                                const std::string& resource_name = {});

// FAILED_PRECONDITION with `reason` and a PreconditionFailure violation of `type` on `subject`.
grpc::Status FailedPreconditionError(common::v1::ErrorReason reason, const std::string& message,
                                     const std::string& subject = {});

// ABORTED / ETAG_MISMATCH: the resource changed since the caller read it.
grpc::Status EtagMismatchError(const std::string& resource_name);

// PERMISSION_DENIED with `reason` (ROLE_NOT_GRANTED, REGION_OUT_OF_SCOPE, ...).
grpc::Status PermissionDeniedError(common::v1::ErrorReason reason, const std::string& message);

// Collects the violations of one request so a caller learns every wrong field in one answer.
class FieldViolations {
 public:
  void Add(std::string field, common::v1::FieldViolationReason reason, std::string description);
  bool empty() const { return violations_.empty(); }
  size_t size() const { return violations_.size(); }
  // OK when nothing was added, INVALID_ARGUMENT otherwise.
  grpc::Status ToStatus() const;
  const std::vector<FieldViolation>& violations() const { return violations_; }
  // Keeps the first `count` violations (a bulk import reports a bounded number).
  void LimitTo(size_t count) {
    if (violations_.size() > count) violations_.resize(count);
  }

 private:
  std::vector<FieldViolation> violations_;
};

}  // namespace jindu::runtime
