#pragma once
// PublicityService (publicity_service.proto): each RPC runs in HandleCall (authentication,
// deadline, request ids) and is handed to the handlers of its area, one folder each.
#include "jindu/publicity/v1/publicity_service.grpc.pb.h"
#include "publicity/activities/activity_handlers.h"
#include "publicity/activities/review_backlog_gauge.h"
#include "publicity/campaigns/campaign_handlers.h"
#include "publicity/news_reports/news_report_handlers.h"
#include "publicity/participation/participation_handlers.h"
#include "publicity/publicity_context.h"

namespace jindu::publicity {

class PublicityServiceImpl final : public v1::PublicityService::Service {
 public:
  explicit PublicityServiceImpl(PublicityContext& context);

  grpc::Status CreateActivity(grpc::ServerContext* context,
                              const v1::CreateActivityRequest* request,
                              v1::Activity* response) override;
  grpc::Status GetActivity(grpc::ServerContext* context, const v1::GetActivityRequest* request,
                           v1::Activity* response) override;
  grpc::Status ListActivities(grpc::ServerContext* context,
                              const v1::ListActivitiesRequest* request,
                              v1::ListActivitiesResponse* response) override;
  grpc::Status UpdateActivity(grpc::ServerContext* context,
                              const v1::UpdateActivityRequest* request,
                              v1::Activity* response) override;
  grpc::Status DeleteActivity(grpc::ServerContext* context,
                              const v1::DeleteActivityRequest* request,
                              google::protobuf::Empty* response) override;
  grpc::Status SubmitActivity(grpc::ServerContext* context,
                              const v1::SubmitActivityRequest* request,
                              v1::Activity* response) override;
  grpc::Status ApproveActivity(grpc::ServerContext* context,
                               const v1::ApproveActivityRequest* request,
                               v1::Activity* response) override;
  grpc::Status RejectActivity(grpc::ServerContext* context,
                              const v1::RejectActivityRequest* request,
                              v1::Activity* response) override;
  grpc::Status ProposeActivityCorrection(grpc::ServerContext* context,
                                         const v1::ProposeActivityCorrectionRequest* request,
                                         v1::Activity* response) override;
  grpc::Status CreateNewsReport(grpc::ServerContext* context,
                                const v1::CreateNewsReportRequest* request,
                                v1::NewsReport* response) override;
  grpc::Status GetNewsReport(grpc::ServerContext* context, const v1::GetNewsReportRequest* request,
                             v1::NewsReport* response) override;
  grpc::Status ListNewsReports(grpc::ServerContext* context,
                               const v1::ListNewsReportsRequest* request,
                               v1::ListNewsReportsResponse* response) override;
  grpc::Status UpdateNewsReport(grpc::ServerContext* context,
                                const v1::UpdateNewsReportRequest* request,
                                v1::NewsReport* response) override;
  grpc::Status DeleteNewsReport(grpc::ServerContext* context,
                                const v1::DeleteNewsReportRequest* request,
                                google::protobuf::Empty* response) override;
  grpc::Status CreateCampaign(grpc::ServerContext* context,
                              const v1::CreateCampaignRequest* request,
                              v1::Campaign* response) override;
  grpc::Status GetCampaign(grpc::ServerContext* context, const v1::GetCampaignRequest* request,
                           v1::Campaign* response) override;
  grpc::Status ListCampaigns(grpc::ServerContext* context, const v1::ListCampaignsRequest* request,
                             v1::ListCampaignsResponse* response) override;
  grpc::Status UpdateCampaign(grpc::ServerContext* context,
                              const v1::UpdateCampaignRequest* request,
                              v1::Campaign* response) override;
  grpc::Status BatchIngestParticipationEntries(
      grpc::ServerContext* context, const v1::BatchIngestParticipationEntriesRequest* request,
      v1::BatchIngestParticipationEntriesResponse* response) override;
  grpc::Status ListParticipationTallies(grpc::ServerContext* context,
                                        const v1::ListParticipationTalliesRequest* request,
                                        v1::ListParticipationTalliesResponse* response) override;
  grpc::Status StreamParticipationEntries(
      grpc::ServerContext* context,
      grpc::ServerReader<v1::StreamParticipationEntriesRequest>* reader,
      v1::StreamParticipationEntriesResponse* response) override;

 private:
  const runtime::CallPolicy& policy_;
  ActivityHandlers activities_;
  NewsReportHandlers news_reports_;
  CampaignHandlers campaigns_;
  ParticipationHandlers participation_;
  // Not a handler: lives as long as the service, refreshing the backlog gauge on its own thread.
  ReviewBacklogGauge review_backlog_;
};

}  // namespace jindu::publicity
