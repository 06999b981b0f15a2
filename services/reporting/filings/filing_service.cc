#include "reporting/filings/filing_service.h"

#include "reporting/filings/filing_period.h"
#include "runtime/grpc/handle_call.h"

namespace jindu::reporting {

FilingServiceImpl::FilingServiceImpl(ReportingContext& context)
    : policy_(context.resources.call_policy),
      handlers_(context),
      missing_filings_(
          context,
          static_cast<int>(context.resources.all_settings.GetInt(kFilingDeadlineDaysSetting)),
          std::chrono::milliseconds(
              context.resources.all_settings.GetInt(runtime::kGaugeRefreshSetting))) {}

grpc::Status FilingServiceImpl::GetFiling(grpc::ServerContext* context,
                                          const v1::GetFilingRequest* request,
                                          v1::Filing* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return handlers_.Get(call, *request, response);
  });
}

grpc::Status FilingServiceImpl::ListFilings(grpc::ServerContext* context,
                                            const v1::ListFilingsRequest* request,
                                            v1::ListFilingsResponse* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return handlers_.List(call, *request, response);
  });
}

grpc::Status FilingServiceImpl::SubmitFiling(grpc::ServerContext* context,
                                             const v1::SubmitFilingRequest* request,
                                             v1::Filing* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return handlers_.Submit(call, *request, response);
  });
}

grpc::Status FilingServiceImpl::ReconcileFiling(grpc::ServerContext* context,
                                                const v1::ReconcileFilingRequest* request,
                                                v1::Filing* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return handlers_.Reconcile(call, *request, response);
  });
}

}  // namespace jindu::reporting
