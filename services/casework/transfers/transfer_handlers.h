#pragma once
// Transfers of a case between counties (transfer.proto). The side that did not create a transfer
// decides it; until then the sending county keeps the case. On acceptance the sending case becomes
// TRANSFERRED_OUT and the receiving county gets a new case for the same person, with the measure
// of the decision that asked for the transfer (if one did). Each side sees only its own fields.
#include "casework/cases/case_opening.h"
#include "casework/casework_context.h"
#include "casework/storage/case_store.h"
#include "casework/storage/transfer_store.h"
#include "jindu/casework/v1/casework_service.pb.h"
#include "runtime/access/caller_access.h"
#include "runtime/grpc/call_context.h"

namespace jindu::casework {

class TransferHandlers {
 public:
  explicit TransferHandlers(CaseworkContext& context);

  grpc::Status Create(const runtime::CallContext& call,
                      const v1::CreateCaseTransferRequest& request, v1::CaseTransfer* response);
  grpc::Status Get(const runtime::CallContext& call, const v1::GetCaseTransferRequest& request,
                   v1::CaseTransfer* response);
  grpc::Status List(const runtime::CallContext& call, const v1::ListCaseTransfersRequest& request,
                    v1::ListCaseTransfersResponse* response);
  grpc::Status Accept(const runtime::CallContext& call,
                      const v1::AcceptCaseTransferRequest& request, v1::CaseTransfer* response);
  grpc::Status Reject(const runtime::CallContext& call,
                      const v1::RejectCaseTransferRequest& request, v1::CaseTransfer* response);
  grpc::Status Cancel(const runtime::CallContext& call,
                      const v1::CancelCaseTransferRequest& request, v1::CaseTransfer* response);

 private:
  enum class Side { kNone, kSending, kReceiving, kBoth };
  Side SideOf(const runtime::CallerAccess& caller, const TransferRecord& transfer) const;
  v1::CaseTransfer Present(const TransferRecord& transfer, Side side) const;

  // Loads a pending transfer for a decision by `deciding` (true: the side that did not create it;
  // false: the creating side), under lock.
  grpc::Status LoadForDecision(pqxx::work& tx, const runtime::CallerAccess& caller,
                               const std::string& name, const std::string& etag, bool deciding,
                               const char* method, TransferRecord* transfer, Side* side) const;
  // Ends a pending transfer without moving the case: rejected by the deciding side, or cancelled
  // by the creating side. The source case no longer has a pending transfer.
  struct Conclusion {
    const char* method;
    const std::string& name;
    const std::string& etag;
    const std::string& reason;
    bool reason_required;
    bool by_deciding_side;
    v1::CaseTransferState state;
  };
  grpc::Status Conclude(const runtime::CallContext& call, const Conclusion& conclusion,
                        v1::CaseTransfer* response);
  // The source case of a transfer that did not move it no longer has a pending transfer.
  void ReleaseSource(pqxx::work& tx, const TransferRecord& transfer,
                     const std::string& subject) const;

  CaseworkContext& context_;
  CaseOpening opening_;
  CaseStore cases_;
  TransferStore transfers_;
};

}  // namespace jindu::casework
