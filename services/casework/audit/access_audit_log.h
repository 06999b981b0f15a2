#pragma once
// Appends to the access audit log (proto: AccessAuditEntry) inside the caller's transaction: a read
// that is answered is a read that is recorded, and a rolled-back call leaves no entry and no gap.
// Appends serialise on the chain's head row, so keep them last before the commit.
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "runtime/access/caller_access.h"
#include "runtime/grpc/call_context.h"

namespace jindu::casework {

struct AccessAuditRecord {
  std::string method;               // "/jindu.casework.v1.CaseworkService/GetCase"
  std::string resource;             // "cases/{case}"
  std::string person_pseudonym;     // empty when the resource was not found or not a person's
  std::string region_code;          // the resource's region
  std::string region_path;          // ";430000;430100;..." so auditors see entries of their scope
  std::vector<std::string> fields;  // paths returned in clear
  std::string purpose;
  bool denied = false;
};

// Returns the entry's sequence number.
int64_t AppendAccessAudit(pqxx::work& tx, const std::string& schema,
                          const runtime::CallerAccess& caller, const runtime::CallContext& call,
                          const AccessAuditRecord& record);

}  // namespace jindu::casework
