#pragma once
// CaseworkService's case methods: create, get (basic or full, audited), list (the morning work
// lists are its filters), lookup by ID number, update, and the work-list counts.
#include "casework/cases/case_opening.h"
#include "casework/casework_context.h"
#include "jindu/casework/v1/casework_service.pb.h"
#include "runtime/access/caller_access.h"
#include "runtime/grpc/call_context.h"

namespace jindu::casework {

class CaseHandlers {
 public:
  explicit CaseHandlers(CaseworkContext& context);

  grpc::Status Create(const runtime::CallContext& call, const v1::CreateCaseRequest& request,
                      v1::Case* response);
  grpc::Status Get(const runtime::CallContext& call, const v1::GetCaseRequest& request,
                   v1::Case* response);
  grpc::Status List(const runtime::CallContext& call, const v1::ListCasesRequest& request,
                    v1::ListCasesResponse* response);
  grpc::Status Lookup(const runtime::CallContext& call, const v1::LookupCasesRequest& request,
                      v1::LookupCasesResponse* response);
  grpc::Status Update(const runtime::CallContext& call, const v1::UpdateCaseRequest& request,
                      v1::Case* response);
  grpc::Status Summarize(const runtime::CallContext& call,
                         const v1::GetWorkListSummaryRequest& request,
                         v1::WorkListSummary* response);

 private:
  // May this caller see the suspected-relapse flag (a personal-data role for the case's region)?
  bool MaySeeSensitiveFlags(const runtime::CallContext& call, const std::string& region) const;

  CaseworkContext& context_;
  CaseOpening opening_;
};

}  // namespace jindu::casework
