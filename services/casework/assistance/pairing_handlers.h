#pragma once
// Pairings of volunteers with cases (帮扶帮教, assistance.proto): one-to-one or many-to-one, only
// volunteers ACTIVE in registration (as its events told this service), history kept when a
// pairing ends.
#include "casework/casework_context.h"
#include "casework/storage/case_store.h"
#include "casework/storage/pairing_store.h"
#include "jindu/casework/v1/casework_service.pb.h"
#include "runtime/access/caller_access.h"
#include "runtime/grpc/call_context.h"

namespace jindu::casework {

class PairingHandlers {
 public:
  explicit PairingHandlers(CaseworkContext& context);

  grpc::Status Create(const runtime::CallContext& call, const v1::CreatePairingRequest& request,
                      v1::Pairing* response);
  grpc::Status List(const runtime::CallContext& call, const v1::ListPairingsRequest& request,
                    v1::ListPairingsResponse* response);
  grpc::Status End(const runtime::CallContext& call, const v1::EndPairingRequest& request,
                   v1::Pairing* response);

 private:
  CaseworkContext& context_;
  CaseStore cases_;
  PairingStore pairings_;
};

v1::Pairing PresentPairing(const PairingRecord& record);

}  // namespace jindu::casework
