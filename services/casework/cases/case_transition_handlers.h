#pragma once
// The status transitions of a case (CaseStatus in case.proto) and the report (报到) on a measure.
// Each loads the case under lock, checks scope and etag, applies one rule of case_status_machine.h
// and commits the change with its history row and events.
#include <functional>

#include "casework/cases/case_opening.h"
#include "casework/cases/case_record.h"
#include "casework/casework_context.h"
#include "casework/storage/case_store.h"
#include "jindu/casework/v1/casework_service.pb.h"
#include "runtime/access/caller_access.h"
#include "runtime/api/api_error.h"
#include "runtime/grpc/call_context.h"

namespace jindu::casework {

class CaseTransitionHandlers {
 public:
  explicit CaseTransitionHandlers(CaseworkContext& context);

  grpc::Status ReportLostContact(const runtime::CallContext& call,
                                 const v1::ReportLostContactRequest& request, v1::Case* response);
  grpc::Status RestoreContact(const runtime::CallContext& call,
                              const v1::RestoreContactRequest& request, v1::Case* response);
  grpc::Status ConfirmRelapse(const runtime::CallContext& call,
                              const v1::ConfirmRelapseRequest& request, v1::Case* response);
  grpc::Status DismissSuspectedRelapse(const runtime::CallContext& call,
                                       const v1::DismissSuspectedRelapseRequest& request,
                                       v1::Case* response);
  grpc::Status ConfirmAbstinence(const runtime::CallContext& call,
                                 const v1::ConfirmAbstinenceRequest& request, v1::Case* response);
  grpc::Status Close(const runtime::CallContext& call, const v1::CloseCaseRequest& request,
                     v1::Case* response);
  grpc::Status RecordMeasureReport(const runtime::CallContext& call,
                                   const v1::RecordMeasureReportRequest& request,
                                   v1::Case* response);

 private:
  // What a transition does to the locked record; returns FAILED_PRECONDITION when not allowed.
  // Sets *status_change_reason when the status changed (for the history row).
  using Change = std::function<grpc::Status(pqxx::work& tx, CaseRecord& record)>;

  struct TransitionCall {
    const char* method;
    const std::string& name;
    const std::string& etag;
    runtime::FieldViolations& violations;  // of the request's other fields
    runtime::CivilDate effective_date;
    std::string reason;  // stored sealed in the status history
  };
  grpc::Status Run(const runtime::CallContext& call, TransitionCall transition,
                   const Change& change, v1::Case* response);

  CaseworkContext& context_;
  CaseStore cases_;
  CaseOpening opening_;  // for the urine-test schedule every status change keeps in line
};

}  // namespace jindu::casework
