#include "casework/followup/child_create.h"

namespace jindu::casework {
namespace {

constexpr const char* kCaseType = "jindu.casework.v1.Case";

}  // namespace

grpc::Status EnterCaseForCreate(pqxx::work& tx, const CaseworkContext& context,
                                const CaseGate& gate, const runtime::CallerAccess& caller,
                                const runtime::CallContext& call, const CaseChildCreateEntry& entry,
                                std::optional<CaseRecord>* record,
                                std::optional<runtime::RequestLog>* log) {
  if (auto status = gate.Enter(tx, caller, call,
                               {.method = entry.method,
                                .case_id = entry.case_id,
                                .resource_type = kCaseType,
                                .resource_name = entry.parent,
                                .lock = true},
                               record);
      !status.ok()) {
    return status;
  }
  // After the case: a missing or out-of-scope case answers NOT_FOUND whatever the request id.
  log->emplace(tx, context.schema(), entry.method, entry.request_id, entry.fingerprint,
               call.principal().subject);
  return (*log)->status();
}

}  // namespace jindu::casework
