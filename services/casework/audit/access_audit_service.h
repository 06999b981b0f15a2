#pragma once
// AccessAuditService (access_audit_service.proto): each RPC runs in HandleCall (authentication,
// deadline, request ids) and is handed to AccessAuditHandlers.
#include "casework/audit/access_audit_handlers.h"
#include "casework/casework_context.h"
#include "jindu/casework/v1/access_audit_service.grpc.pb.h"

namespace jindu::casework {

class AccessAuditServiceImpl final : public v1::AccessAuditService::Service {
 public:
  explicit AccessAuditServiceImpl(CaseworkContext& context);

  grpc::Status ListAccessAuditEntries(grpc::ServerContext* context,
                                      const v1::ListAccessAuditEntriesRequest* request,
                                      v1::ListAccessAuditEntriesResponse* response) override;
  grpc::Status ExportAccessAuditEntries(
      grpc::ServerContext* context, const v1::ExportAccessAuditEntriesRequest* request,
      grpc::ServerWriter<v1::ExportAccessAuditEntriesResponse>* writer) override;
  grpc::Status VerifyAccessAuditLog(grpc::ServerContext* context,
                                    const v1::VerifyAccessAuditLogRequest* request,
                                    v1::VerifyAccessAuditLogResponse* response) override;

 private:
  const runtime::CallPolicy& policy_;
  AccessAuditHandlers handlers_;
};

}  // namespace jindu::casework
