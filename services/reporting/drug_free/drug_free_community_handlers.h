#pragma once
// Drug-free community creation (无毒社区): applications, the criteria of seed 003 evaluated from
// figures and inspections, the county office's decision.
//
// Flagging: every call that answers an application (Create, Get, List, RecordInspectionResults,
// Evaluate, Approve, Reject) first re-evaluates it from the current figures in the same
// transaction, so an answer is never staler than the projections; a certified application whose
// criteria broke (or healed) is flagged (or unflagged) there, with DrugFreeCommunityFlagChanged.
// No background job: nothing can observe a flag without one of these calls.
#include "jindu/reporting/v1/assessment_service.pb.h"
#include "reporting/drug_free/drug_free_store.h"
#include "reporting/reporting_context.h"
#include "runtime/access/caller_access.h"
#include "runtime/grpc/call_context.h"
#include "runtime/outbox/outbox_writer.h"

namespace jindu::reporting {

class DrugFreeCommunityHandlers {
 public:
  explicit DrugFreeCommunityHandlers(ReportingContext& context);

  grpc::Status Create(const runtime::CallContext& call,
                      const v1::CreateDrugFreeCommunityApplicationRequest& request,
                      v1::DrugFreeCommunityApplication* response);
  grpc::Status Get(const runtime::CallContext& call,
                   const v1::GetDrugFreeCommunityApplicationRequest& request,
                   v1::DrugFreeCommunityApplication* response);
  grpc::Status List(const runtime::CallContext& call,
                    const v1::ListDrugFreeCommunityApplicationsRequest& request,
                    v1::ListDrugFreeCommunityApplicationsResponse* response);
  grpc::Status RecordInspections(const runtime::CallContext& call,
                                 const v1::RecordInspectionResultsRequest& request,
                                 v1::DrugFreeCommunityApplication* response);
  grpc::Status Evaluate(const runtime::CallContext& call,
                        const v1::EvaluateDrugFreeCommunityApplicationRequest& request,
                        v1::DrugFreeCommunityApplication* response);
  grpc::Status Approve(const runtime::CallContext& call,
                       const v1::ApproveDrugFreeCommunityApplicationRequest& request,
                       v1::DrugFreeCommunityApplication* response);
  grpc::Status Reject(const runtime::CallContext& call,
                      const v1::RejectDrugFreeCommunityApplicationRequest& request,
                      v1::DrugFreeCommunityApplication* response);

 private:
  // Recomputes the criteria of `record` now, storing them; flags or unflags a certified one (with
  // its event). Returns whether every criterion is met.
  bool Refresh(pqxx::work& tx, DrugFreeRecord& record);
  // Get and Evaluate: the application re-evaluated now (a read that may flag it).
  grpc::Status ReadEvaluated(const runtime::CallContext& call, std::string_view method,
                             const std::string& name, v1::DrugFreeCommunityApplication* response);
  // The application `name` names, locked, or NOT_FOUND (also outside the caller's scope).
  grpc::Status Load(pqxx::work& tx, const runtime::CallerAccess& caller, const std::string& name,
                    DrugFreeRecord* record);

  ReportingContext& context_;
  DrugFreeStore store_;
  runtime::OutboxWriter outbox_;
};

}  // namespace jindu::reporting
