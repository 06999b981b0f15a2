#pragma once
// A stored access audit row as the API shows it (jindu.casework.v1.AccessAuditEntry).
#include "casework/audit/access_audit_chain.h"
#include "jindu/casework/v1/access_audit.pb.h"

namespace jindu::casework {

// "accessAuditEntries/{sequence}".
std::string AccessAuditEntryName(int64_t sequence);
v1::AccessAuditEntry PresentAccessAuditEntry(const StoredAccessAuditEntry& stored);

}  // namespace jindu::casework
