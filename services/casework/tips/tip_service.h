#pragma once
// TipService (tip_service.proto): each RPC runs in HandleCall (authentication, deadline, request
// ids) and is handed to the filing and reading handlers or to the police's handling.
#include "casework/casework_context.h"
#include "casework/tips/tip_handlers.h"
#include "casework/tips/tip_transitions.h"
#include "jindu/casework/v1/tip_service.grpc.pb.h"

namespace jindu::casework {

class TipServiceImpl final : public v1::TipService::Service {
 public:
  explicit TipServiceImpl(CaseworkContext& context);

  grpc::Status CreateTip(grpc::ServerContext* context, const v1::CreateTipRequest* request,
                         v1::Tip* response) override;
  grpc::Status GetTip(grpc::ServerContext* context, const v1::GetTipRequest* request,
                      v1::Tip* response) override;
  grpc::Status ListTips(grpc::ServerContext* context, const v1::ListTipsRequest* request,
                        v1::ListTipsResponse* response) override;
  grpc::Status ForwardTip(grpc::ServerContext* context, const v1::ForwardTipRequest* request,
                          v1::Tip* response) override;
  grpc::Status ConfirmTip(grpc::ServerContext* context, const v1::ConfirmTipRequest* request,
                          v1::Tip* response) override;
  grpc::Status DismissTip(grpc::ServerContext* context, const v1::DismissTipRequest* request,
                          v1::Tip* response) override;
  grpc::Status RecordTipOutcome(grpc::ServerContext* context,
                                const v1::RecordTipOutcomeRequest* request,
                                v1::Tip* response) override;

 private:
  const runtime::CallPolicy& policy_;
  TipHandlers tips_;
  TipTransitions handling_;
};

}  // namespace jindu::casework
