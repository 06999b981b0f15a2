#pragma once
// FilingService's RPCs: a county files a month or quarter (its figures freeze), later events show
// as a late delta until reconciled into a new revision, and the province lists who has filed.
#include "jindu/reporting/v1/filing_service.pb.h"
#include "reporting/filings/filing_store.h"
#include "reporting/reporting_context.h"
#include "runtime/grpc/call_context.h"
#include "runtime/outbox/outbox_writer.h"

namespace jindu::reporting {

class FilingHandlers {
 public:
  explicit FilingHandlers(ReportingContext& context);

  grpc::Status Get(const runtime::CallContext& call, const v1::GetFilingRequest& request,
                   v1::Filing* response);
  grpc::Status List(const runtime::CallContext& call, const v1::ListFilingsRequest& request,
                    v1::ListFilingsResponse* response);
  grpc::Status Submit(const runtime::CallContext& call, const v1::SubmitFilingRequest& request,
                      v1::Filing* response);
  grpc::Status Reconcile(const runtime::CallContext& call,
                         const v1::ReconcileFilingRequest& request, v1::Filing* response);

 private:
  int DeadlineDays() const;

  ReportingContext& context_;
  FilingStore filings_;
  runtime::OutboxWriter outbox_;
};

}  // namespace jindu::reporting
