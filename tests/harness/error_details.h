#pragma once
// Reads the error model of proto/README.md back from a status, for tests that assert the reason
// and the fields an error names, not its message text.
#include <grpcpp/support/status.h>

#include <string>
#include <vector>

namespace jindu::testing {

// ErrorInfo.reason ("INVALID_FIELD"), or "" when the status carries none.
std::string ErrorReasonOf(const grpc::Status& status);
// BadRequest field paths with their reasons, "rows[3].parent=REFERENCE_NOT_FOUND".
std::vector<std::string> FieldViolationsOf(const grpc::Status& status);
// ResourceInfo.resource_name, or "".
std::string ResourceNameOf(const grpc::Status& status);

}  // namespace jindu::testing
