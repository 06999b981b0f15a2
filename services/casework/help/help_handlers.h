#pragma once
// CaseworkService's help methods: record help given (jobs, training, loans, 低保, relief), get one
// (FULL returns the notes, audited), list a case's or every case's in scope (newest first, notes
// empty), update one (e.g. its outcome once known).
#include "casework/casework_context.h"
#include "casework/followup/case_child_kind.h"
#include "casework/followup/case_gate.h"
#include "casework/storage/help_store.h"
#include "jindu/casework/v1/casework_service.pb.h"
#include "runtime/grpc/call_context.h"

namespace jindu::casework {

class HelpHandlers {
 public:
  explicit HelpHandlers(CaseworkContext& context);

  grpc::Status Create(const runtime::CallContext& call, const v1::CreateHelpRecordRequest& request,
                      v1::HelpRecord* response);
  grpc::Status Get(const runtime::CallContext& call, const v1::GetHelpRecordRequest& request,
                   v1::HelpRecord* response);
  grpc::Status List(const runtime::CallContext& call, const v1::ListHelpRecordsRequest& request,
                    v1::ListHelpRecordsResponse* response);
  grpc::Status Update(const runtime::CallContext& call, const v1::UpdateHelpRecordRequest& request,
                      v1::HelpRecord* response);

 private:
  // Help records for the shared follow-up flows (case_child_kind.h).
  CaseChildKind<HelpRecordRow, v1::HelpRecord> HelpRecords() const;

  CaseworkContext& context_;
  CaseGate gate_;
  HelpStore help_;
};

}  // namespace jindu::casework
