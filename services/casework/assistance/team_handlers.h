#pragma once
// A case's help team ("four/five/six in one", assistance.proto): replaced as a whole; members'
// names and phones are personal (clear only in an audited full view).
#include "casework/casework_context.h"
#include "casework/storage/case_store.h"
#include "casework/storage/pairing_store.h"
#include "casework/storage/team_store.h"
#include "jindu/casework/v1/casework_service.pb.h"
#include "runtime/access/caller_access.h"
#include "runtime/grpc/call_context.h"

namespace jindu::casework {

class TeamHandlers {
 public:
  explicit TeamHandlers(CaseworkContext& context);

  grpc::Status Get(const runtime::CallContext& call, const v1::GetCaseTeamRequest& request,
                   v1::CaseTeam* response);
  grpc::Status Update(const runtime::CallContext& call, const v1::UpdateCaseTeamRequest& request,
                      v1::CaseTeam* response);

 private:
  CaseworkContext& context_;
  CaseStore cases_;
  PairingStore volunteers_;
  TeamStore teams_;
};

}  // namespace jindu::casework
