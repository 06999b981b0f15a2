#pragma once
// TipService's filing and reading: create (idempotent by request id), get (police liaison in scope
// with an audited purpose, or the submitter of the tip) and list (police liaison; filers only the
// tips they filed).
#include "casework/casework_context.h"
#include "casework/tips/tip_store.h"
#include "jindu/casework/v1/tip_service.pb.h"
#include "runtime/grpc/call_context.h"

namespace jindu::casework {

class TipHandlers {
 public:
  explicit TipHandlers(CaseworkContext& context);

  grpc::Status Create(const runtime::CallContext& call, const v1::CreateTipRequest& request,
                      v1::Tip* response);
  grpc::Status Get(const runtime::CallContext& call, const v1::GetTipRequest& request,
                   v1::Tip* response);
  grpc::Status List(const runtime::CallContext& call, const v1::ListTipsRequest& request,
                    v1::ListTipsResponse* response);

 private:
  CaseworkContext& context_;
  TipStore tips_;
};

}  // namespace jindu::casework
