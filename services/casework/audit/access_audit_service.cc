#include "casework/audit/access_audit_service.h"

#include "runtime/grpc/handle_call.h"

namespace jindu::casework {

AccessAuditServiceImpl::AccessAuditServiceImpl(CaseworkContext& context)
    : policy_(context.resources.call_policy), handlers_(context) {}

grpc::Status AccessAuditServiceImpl::ListAccessAuditEntries(
    grpc::ServerContext* context, const v1::ListAccessAuditEntriesRequest* request,
    v1::ListAccessAuditEntriesResponse* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return handlers_.List(call, *request, response);
  });
}

grpc::Status AccessAuditServiceImpl::ExportAccessAuditEntries(
    grpc::ServerContext* context, const v1::ExportAccessAuditEntriesRequest* request,
    grpc::ServerWriter<v1::ExportAccessAuditEntriesResponse>* writer) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return handlers_.Export(call, *request, writer);
  });
}

grpc::Status AccessAuditServiceImpl::VerifyAccessAuditLog(
    grpc::ServerContext* context, const v1::VerifyAccessAuditLogRequest* request,
    v1::VerifyAccessAuditLogResponse* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return handlers_.Verify(call, *request, response);
  });
}

}  // namespace jindu::casework
