#pragma once
// Moving a volunteer's record between counties. The receiving side asks knowing only the ID
// number and learns nothing until the holding side approves: creating a transfer always succeeds
// for a well-formed number, matched or not. Each side sees only its own fields.
#include "jindu/registration/v1/registration_service.pb.h"
#include "registration/access/caller_access.h"
#include "registration/registration_context.h"
#include "registration/storage/volunteer_store.h"
#include "registration/storage/volunteer_transfer_store.h"
#include "runtime/grpc/call_context.h"

namespace jindu::registration {

class VolunteerTransferHandlers {
 public:
  explicit VolunteerTransferHandlers(RegistrationContext& context);

  grpc::Status Create(const runtime::CallContext& call,
                      const v1::CreateVolunteerTransferRequest& request,
                      v1::VolunteerTransfer* response);
  grpc::Status Get(const runtime::CallContext& call, const v1::GetVolunteerTransferRequest& request,
                   v1::VolunteerTransfer* response);
  grpc::Status List(const runtime::CallContext& call,
                    const v1::ListVolunteerTransfersRequest& request,
                    v1::ListVolunteerTransfersResponse* response);
  grpc::Status Approve(const runtime::CallContext& call,
                       const v1::ApproveVolunteerTransferRequest& request,
                       v1::VolunteerTransfer* response);
  grpc::Status Reject(const runtime::CallContext& call,
                      const v1::RejectVolunteerTransferRequest& request,
                      v1::VolunteerTransfer* response);

 private:
  // The transfer as `caller` may see it; nullopt when the caller is on neither side.
  std::optional<v1::VolunteerTransfer> Present(const StoredTransfer& transfer,
                                               const runtime::CallerAccess& caller) const;
  grpc::Status Decide(const runtime::CallContext& call, const char* method, const std::string& name,
                      const std::string& reason, bool reason_required, const std::string& etag,
                      v1::VolunteerTransferState to, v1::VolunteerTransfer* response);

  RegistrationContext& context_;
  VolunteerTransferStore transfers_;
  VolunteerStore volunteers_;
};

}  // namespace jindu::registration
