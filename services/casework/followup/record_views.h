#pragma once
// The two views of a contact, urine test or help record (CaseView in casework_service.proto):
// BASIC for every case role, FULL (the sensitive fields in clear, audited) for a personal-data
// role with a stated purpose. The same rules as GetCase.
#include <string>

#include "jindu/casework/v1/casework_service.pb.h"
#include "runtime/access/caller_access.h"
#include "runtime/api/api_error.h"

namespace jindu::casework {

// Role check of a Get with `view`; narrows the caller's scopes to the roles that may read it. A
// case role without a personal-data role asking for FULL: PERMISSION_DENIED /
// PERSONAL_DATA_ACCESS_DENIED.
grpc::Status RequireViewRole(runtime::CallerAccess& caller, const char* method, v1::CaseView view);

// An unknown view is a violation of `view`.
void CheckView(runtime::FieldViolations& violations, v1::CaseView view);

// FULL needs an access_purpose of 1..200 characters: INVALID_ARGUMENT / ACCESS_PURPOSE_REQUIRED.
grpc::Status CheckAccessPurpose(v1::CaseView view, const std::string& access_purpose);

}  // namespace jindu::casework
