#include "reporting/reporting_service.h"

#include "runtime/grpc/handle_call.h"

namespace jindu::reporting {

ReportingServiceImpl::ReportingServiceImpl(ReportingContext& context)
    : policy_(context.resources.call_policy),
      region_figures_(context),
      tables_(context),
      assistance_(context),
      indicators_(context),
      dashboards_(context),
      exports_(context) {}

grpc::Status ReportingServiceImpl::ComputeRegionFigures(
    grpc::ServerContext* context, const v1::ComputeRegionFiguresRequest* request,
    v1::ComputeRegionFiguresResponse* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return region_figures_.Compute(call, *request, response);
  });
}

grpc::Status ReportingServiceImpl::ComputeLectureTeamTable(
    grpc::ServerContext* context, const v1::ComputeLectureTeamTableRequest* request,
    v1::ComputeLectureTeamTableResponse* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return tables_.LectureTeams(call, *request, response);
  });
}

grpc::Status ReportingServiceImpl::ComputeLecturerTable(
    grpc::ServerContext* context, const v1::ComputeLecturerTableRequest* request,
    v1::ComputeLecturerTableResponse* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return tables_.Lecturers(call, *request, response);
  });
}

grpc::Status ReportingServiceImpl::ComputeSixIntoTable(
    grpc::ServerContext* context, const v1::ComputeSixIntoTableRequest* request,
    v1::ComputeSixIntoTableResponse* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return tables_.SixInto(call, *request, response);
  });
}

grpc::Status ReportingServiceImpl::ComputeMediaTierTable(
    grpc::ServerContext* context, const v1::ComputeMediaTierTableRequest* request,
    v1::ComputeMediaTierTableResponse* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return tables_.MediaTiers(call, *request, response);
  });
}

grpc::Status ReportingServiceImpl::ComputeBranchHeadTable(
    grpc::ServerContext* context, const v1::ComputeBranchHeadTableRequest* request,
    v1::ComputeBranchHeadTableResponse* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return tables_.BranchHeads(call, *request, response);
  });
}

grpc::Status ReportingServiceImpl::ComputeAssistanceTable(
    grpc::ServerContext* context, const v1::ComputeAssistanceTableRequest* request,
    v1::ComputeAssistanceTableResponse* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return assistance_.Compute(call, *request, response);
  });
}

grpc::Status ReportingServiceImpl::ComputeIndicators(grpc::ServerContext* context,
                                                     const v1::ComputeIndicatorsRequest* request,
                                                     v1::ComputeIndicatorsResponse* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return indicators_.Compute(call, *request, response);
  });
}

grpc::Status ReportingServiceImpl::ListIndicatorDefinitions(
    grpc::ServerContext* context, const v1::ListIndicatorDefinitionsRequest* request,
    v1::ListIndicatorDefinitionsResponse* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return indicators_.ListDefinitions(call, *request, response);
  });
}

grpc::Status ReportingServiceImpl::GetDashboard(grpc::ServerContext* context,
                                                const v1::GetDashboardRequest* request,
                                                v1::Dashboard* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return dashboards_.Get(call, *request, response);
  });
}

grpc::Status ReportingServiceImpl::ExportTable(
    grpc::ServerContext* context, const v1::ExportTableRequest* request,
    grpc::ServerWriter<v1::ExportTableResponse>* writer) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return exports_.Export(call, *request, writer);
  });
}

}  // namespace jindu::reporting
