#pragma once
// ReportingService (reporting_service.proto): each RPC runs in HandleCall (authentication,
// deadline, request ids) and is handed to the handlers of its area, one folder each.
#include "jindu/reporting/v1/reporting_service.grpc.pb.h"
#include "reporting/dashboards/dashboard_handlers.h"
#include "reporting/exports/export_handlers.h"
#include "reporting/figures/assistance_table_handlers.h"
#include "reporting/figures/region_figures_handlers.h"
#include "reporting/indicators/indicator_handlers.h"
#include "reporting/reporting_context.h"
#include "reporting/tables/seed_table_handlers.h"

namespace jindu::reporting {

class ReportingServiceImpl final : public v1::ReportingService::Service {
 public:
  explicit ReportingServiceImpl(ReportingContext& context);

  grpc::Status ComputeRegionFigures(grpc::ServerContext* context,
                                    const v1::ComputeRegionFiguresRequest* request,
                                    v1::ComputeRegionFiguresResponse* response) override;
  grpc::Status ComputeLectureTeamTable(grpc::ServerContext* context,
                                       const v1::ComputeLectureTeamTableRequest* request,
                                       v1::ComputeLectureTeamTableResponse* response) override;
  grpc::Status ComputeLecturerTable(grpc::ServerContext* context,
                                    const v1::ComputeLecturerTableRequest* request,
                                    v1::ComputeLecturerTableResponse* response) override;
  grpc::Status ComputeSixIntoTable(grpc::ServerContext* context,
                                   const v1::ComputeSixIntoTableRequest* request,
                                   v1::ComputeSixIntoTableResponse* response) override;
  grpc::Status ComputeMediaTierTable(grpc::ServerContext* context,
                                     const v1::ComputeMediaTierTableRequest* request,
                                     v1::ComputeMediaTierTableResponse* response) override;
  grpc::Status ComputeBranchHeadTable(grpc::ServerContext* context,
                                      const v1::ComputeBranchHeadTableRequest* request,
                                      v1::ComputeBranchHeadTableResponse* response) override;
  grpc::Status ComputeAssistanceTable(grpc::ServerContext* context,
                                      const v1::ComputeAssistanceTableRequest* request,
                                      v1::ComputeAssistanceTableResponse* response) override;
  grpc::Status ComputeIndicators(grpc::ServerContext* context,
                                 const v1::ComputeIndicatorsRequest* request,
                                 v1::ComputeIndicatorsResponse* response) override;
  grpc::Status ListIndicatorDefinitions(grpc::ServerContext* context,
                                        const v1::ListIndicatorDefinitionsRequest* request,
                                        v1::ListIndicatorDefinitionsResponse* response) override;
  grpc::Status GetDashboard(grpc::ServerContext* context, const v1::GetDashboardRequest* request,
                            v1::Dashboard* response) override;
  grpc::Status ExportTable(grpc::ServerContext* context, const v1::ExportTableRequest* request,
                           grpc::ServerWriter<v1::ExportTableResponse>* writer) override;

 private:
  const runtime::CallPolicy& policy_;
  RegionFiguresHandlers region_figures_;
  SeedTableHandlers tables_;
  AssistanceTableHandlers assistance_;
  IndicatorHandlers indicators_;
  DashboardHandlers dashboards_;
  ExportHandlers exports_;
};

}  // namespace jindu::reporting
