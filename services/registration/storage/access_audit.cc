#include "registration/storage/access_audit.h"

namespace jindu::registration {

void RecordAccess(pqxx::work& tx, const std::string& schema, const runtime::CallerAccess& caller,
                  const runtime::CallContext& call, const AccessRecord& record) {
  tx.exec_params("INSERT INTO " + schema +
                     ".access_audit (subject, roles, method, resource, purpose, outcome, "
                     "request_id) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                 caller.subject(), caller.RolesText(), record.method, record.resource,
                 record.purpose, record.outcome, call.request_id());
}

}  // namespace jindu::registration
