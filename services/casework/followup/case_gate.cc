#include "casework/followup/case_gate.h"

#include "casework/audit/access_audit_log.h"
#include "casework/cases/case_events.h"
#include "casework/cases/case_status_machine.h"
#include "runtime/api/api_error.h"

namespace jindu::casework {

std::string CaseworkMethod(const char* method) {
  return std::string("/jindu.casework.v1.CaseworkService/") + method;
}

CaseGate::CaseGate(const CaseworkContext& context)
    : context_(context), cases_(context.schema(), context.personal_data.cipher) {}

grpc::Status CaseGate::Enter(pqxx::work& tx, const runtime::CallerAccess& caller,
                             const runtime::CallContext& call, const CaseEntry& entry,
                             std::optional<CaseRecord>* record) const {
  *record = cases_.Find(tx, entry.case_id, /*personal=*/false, entry.lock);
  if (!record->has_value()) return runtime::NotFoundError(entry.resource_type, entry.resource_name);
  const CaseRecord& found = **record;
  if (caller.Covers(found.residence_region_code)) return grpc::Status::OK;
  // Probing another county's ids is what an auditor wants to see.
  AppendAccessAudit(tx, context_.schema(), caller, call,
                    {.method = CaseworkMethod(entry.method),
                     .resource = entry.resource_name,
                     .person_pseudonym = found.person_pseudonym,
                     .region_code = found.residence_region_code,
                     .region_path = context_.regions.EnclosingPath(found.residence_region_code),
                     .purpose = entry.purpose,
                     .denied = true});
  tx.commit();
  record->reset();
  return runtime::NotFoundError(entry.resource_type, entry.resource_name);
}

grpc::Status CaseGate::RequireOpen(const CaseRecord& record, const char* method) {
  if (IsOpenStatus(record.status)) return grpc::Status::OK;
  return runtime::FailedPreconditionError(
      common::v1::ILLEGAL_STATE_TRANSITION,
      std::string(method) + " is not allowed: the case is " + StatusLabel(record.status),
      CaseName(record.id));
}

void CaseGate::AppendEvent(pqxx::work& tx, CaseRecord& record,
                           const google::protobuf::Message& event) const {
  ++record.revision;
  AppendCaseEvent(context_, tx, record, event);
}

void CaseGate::Save(pqxx::work& tx, CaseRecord& record, const std::string& subject) const {
  record.update_subject = subject;
  cases_.Update(tx, record, {});
}

void CaseGate::AuditFullRead(pqxx::work& tx, const runtime::CallerAccess& caller,
                             const runtime::CallContext& call, const CaseRecord& record,
                             const char* method, const std::string& resource,
                             const std::vector<std::string>& fields,
                             const std::string& purpose) const {
  AppendAccessAudit(tx, context_.schema(), caller, call,
                    {.method = CaseworkMethod(method),
                     .resource = resource,
                     .person_pseudonym = record.person_pseudonym,
                     .region_code = record.residence_region_code,
                     .region_path = context_.regions.EnclosingPath(record.residence_region_code),
                     .fields = fields,
                     .purpose = purpose});
}

}  // namespace jindu::casework
