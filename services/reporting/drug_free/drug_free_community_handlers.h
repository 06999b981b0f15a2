#pragma once
// Drug-free community creation (无毒社区): applications, the criteria of seed 003 evaluated from
// figures and inspections, the county office's decision. (Placeholder: answers UNIMPLEMENTED until
// built.)
#include "jindu/reporting/v1/assessment_service.pb.h"
#include "reporting/reporting_context.h"
#include "runtime/grpc/call_context.h"

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
  ReportingContext& context_;
};

}  // namespace jindu::reporting
