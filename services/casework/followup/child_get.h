#pragma once
// GetContact, GetHelpRecord and GetUrineTest: one record of a case in the caller's scope. The
// rules are those of GetCase (record_views.h): every case role reads the BASIC view; FULL, the
// kind's sensitive fields in clear, needs a personal-data role and a stated access_purpose, and
// each such read is audited with the fields it opened. A record of a case outside the caller's
// scope answers NOT_FOUND exactly like a missing one (case_gate.h).
#include <optional>
#include <pqxx/pqxx>

#include "casework/cases/case_record.h"
#include "casework/casework_context.h"
#include "casework/followup/case_child_kind.h"
#include "casework/followup/case_child_names.h"
#include "casework/followup/case_gate.h"
#include "casework/followup/record_views.h"
#include "runtime/access/caller_access.h"
#include "runtime/api/api_error.h"
#include "runtime/grpc/call_context.h"

namespace jindu::casework {

// `request` is the kind's Get request: name, view and access_purpose.
template <typename Request, typename Record, typename Response>
grpc::Status GetCaseChild(const CaseworkContext& context, const CaseGate& gate,
                          const runtime::CallContext& call, const char* method,
                          const CaseChildKind<Record, Response>& kind, const Request& request,
                          Response* response) {
  runtime::CallerAccess caller(call.principal(), context.regions);
  if (auto status = RequireViewRole(caller, method, request.view()); !status.ok()) return status;
  runtime::FieldViolations violations;
  auto name = CheckChildName(violations, "name", request.name(), kind.collection);
  CheckView(violations, request.view());
  if (!violations.empty()) return violations.ToStatus();
  if (auto status = CheckAccessPurpose(request.view(), request.access_purpose()); !status.ok()) {
    return status;
  }
  const bool full = request.view() == v1::CASE_VIEW_FULL;

  auto connection = context.resources.database.Acquire();
  pqxx::work tx(*connection);
  std::optional<CaseRecord> record;
  if (auto status = gate.Enter(tx, caller, call,
                               {.method = method,
                                .case_id = name->case_id,
                                .resource_type = kind.type,
                                .resource_name = request.name(),
                                .purpose = request.access_purpose()},
                               &record);
      !status.ok()) {
    return status;
  }
  // Sealed fields are opened only for a FULL view, never just to be left out of the answer.
  auto found = kind.find(tx, name->case_id, name->id, full);
  if (!found.has_value()) return runtime::NotFoundError(kind.type, request.name());
  if (full) {
    gate.AuditFullRead(tx, caller, call, *record, method, request.name(), kind.clear_fields(*found),
                       request.access_purpose());
  }
  tx.commit();
  *response = kind.present(*found, full);
  return grpc::Status::OK;
}

}  // namespace jindu::casework
