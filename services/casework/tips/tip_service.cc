#include "casework/tips/tip_service.h"

#include "runtime/grpc/handle_call.h"

namespace jindu::casework {

TipServiceImpl::TipServiceImpl(CaseworkContext& context)
    : policy_(context.resources.call_policy), tips_(context), handling_(context) {}

grpc::Status TipServiceImpl::CreateTip(grpc::ServerContext* context,
                                       const v1::CreateTipRequest* request, v1::Tip* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return tips_.Create(call, *request, response);
  });
}

grpc::Status TipServiceImpl::GetTip(grpc::ServerContext* context, const v1::GetTipRequest* request,
                                    v1::Tip* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return tips_.Get(call, *request, response);
  });
}

grpc::Status TipServiceImpl::ListTips(grpc::ServerContext* context,
                                      const v1::ListTipsRequest* request,
                                      v1::ListTipsResponse* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return tips_.List(call, *request, response);
  });
}

grpc::Status TipServiceImpl::ForwardTip(grpc::ServerContext* context,
                                        const v1::ForwardTipRequest* request, v1::Tip* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return handling_.Forward(call, *request, response);
  });
}

grpc::Status TipServiceImpl::ConfirmTip(grpc::ServerContext* context,
                                        const v1::ConfirmTipRequest* request, v1::Tip* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return handling_.Confirm(call, *request, response);
  });
}

grpc::Status TipServiceImpl::DismissTip(grpc::ServerContext* context,
                                        const v1::DismissTipRequest* request, v1::Tip* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return handling_.Dismiss(call, *request, response);
  });
}

grpc::Status TipServiceImpl::RecordTipOutcome(grpc::ServerContext* context,
                                              const v1::RecordTipOutcomeRequest* request,
                                              v1::Tip* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return handling_.RecordOutcome(call, *request, response);
  });
}

}  // namespace jindu::casework
