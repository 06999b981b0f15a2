#pragma once
// AccessAuditService's methods: list and export the access audit log within the auditor's region
// scope, and verify its hash chain (the whole chain, so only for an auditor of the province). Reads
// of the log are written to the service log (who, which method, the filters, how many entries),
// never appended to the chain itself: auditing the auditors' reads would grow the log with every
// look at it.
#include <grpcpp/support/sync_stream.h>

#include "casework/audit/access_audit_filter.h"
#include "casework/audit/access_audit_store.h"
#include "casework/casework_context.h"
#include "jindu/casework/v1/access_audit_service.pb.h"
#include "runtime/access/caller_access.h"
#include "runtime/grpc/call_context.h"

namespace jindu::casework {

class AccessAuditHandlers {
 public:
  explicit AccessAuditHandlers(CaseworkContext& context);

  grpc::Status List(const runtime::CallContext& call,
                    const v1::ListAccessAuditEntriesRequest& request,
                    v1::ListAccessAuditEntriesResponse* response);
  grpc::Status Export(const runtime::CallContext& call,
                      const v1::ExportAccessAuditEntriesRequest& request,
                      grpc::ServerWriter<v1::ExportAccessAuditEntriesResponse>* writer);
  grpc::Status Verify(const runtime::CallContext& call,
                      const v1::VerifyAccessAuditLogRequest& request,
                      v1::VerifyAccessAuditLogResponse* response);

 private:
  // The region scope a list or export may show: ListScope's regions, and whether entries without
  // a region (lookups that found no case) are visible: only to a scope that is the province.
  struct Scope {
    std::vector<std::string> regions;
    bool all = false;
    bool unplaced = false;
  };
  grpc::Status ResolveScope(const runtime::CallerAccess& caller, const std::string& within_region,
                            Scope* scope) const;
  static std::string ScopeCondition(pqxx::transaction_base& tx, const Scope& scope);
  // The province at the root of the region tree; empty before the tree arrived.
  std::string ProvinceRoot() const;

  CaseworkContext& context_;
  AccessAuditStore store_;
};

}  // namespace jindu::casework
