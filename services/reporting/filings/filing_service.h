#pragma once
// FilingService (filing_service.proto): each RPC runs in HandleCall and is handed to
// FilingHandlers.
#include "jindu/reporting/v1/filing_service.grpc.pb.h"
#include "reporting/filings/filing_handlers.h"
#include "reporting/filings/missing_filings_gauge.h"
#include "reporting/reporting_context.h"

namespace jindu::reporting {

class FilingServiceImpl final : public v1::FilingService::Service {
 public:
  explicit FilingServiceImpl(ReportingContext& context);

  grpc::Status GetFiling(grpc::ServerContext* context, const v1::GetFilingRequest* request,
                         v1::Filing* response) override;
  grpc::Status ListFilings(grpc::ServerContext* context, const v1::ListFilingsRequest* request,
                           v1::ListFilingsResponse* response) override;
  grpc::Status SubmitFiling(grpc::ServerContext* context, const v1::SubmitFilingRequest* request,
                            v1::Filing* response) override;
  grpc::Status ReconcileFiling(grpc::ServerContext* context,
                               const v1::ReconcileFilingRequest* request,
                               v1::Filing* response) override;

 private:
  const runtime::CallPolicy& policy_;
  FilingHandlers handlers_;
  // Not a handler: lives as long as the service, refreshing the missing-filings gauges.
  MissingFilingsGauge missing_filings_;
};

}  // namespace jindu::reporting
