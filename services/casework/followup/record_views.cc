#include "casework/followup/record_views.h"

#include "casework/access/casework_roles.h"
#include "casework/cases/case_validation.h"
#include "runtime/api/text_fields.h"

namespace jindu::casework {

grpc::Status RequireViewRole(runtime::CallerAccess& caller, const char* method, v1::CaseView view) {
  const bool full = view == v1::CASE_VIEW_FULL;
  grpc::Status status = caller.RequireRole(method, full ? kPersonalDataReaders : kCaseRoles);
  if (status.ok() || !full) return status;
  if (!caller.RequireRole(method, kCaseRoles).ok()) return status;
  return runtime::PermissionDeniedError(
      common::v1::PERSONAL_DATA_ACCESS_DENIED,
      std::string(method) +
          ": sensitive fields in clear need the caseworker or police liaison role for the "
          "case's region");
}

void CheckView(runtime::FieldViolations& violations, v1::CaseView view) {
  if (!v1::CaseView_IsValid(view)) {
    violations.Add("view", common::v1::VALUE_NOT_ALLOWED, "unknown view");
  }
}

grpc::Status CheckAccessPurpose(v1::CaseView view, const std::string& access_purpose) {
  if (view != v1::CASE_VIEW_FULL) return grpc::Status::OK;
  if (!access_purpose.empty() && runtime::CodePointCount(access_purpose) <= kMaxPurposeCharacters) {
    return grpc::Status::OK;
  }
  return runtime::ApiError(grpc::StatusCode::INVALID_ARGUMENT, common::v1::ACCESS_PURPOSE_REQUIRED,
                           "access_purpose: a full view of sensitive fields needs a stated "
                           "purpose (1..200 characters)");
}

}  // namespace jindu::casework
