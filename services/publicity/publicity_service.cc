#include "publicity/publicity_service.h"

#include "runtime/grpc/call_budget_watchdog.h"
#include "runtime/grpc/handle_call.h"

namespace jindu::publicity {

PublicityServiceImpl::PublicityServiceImpl(PublicityContext& context)
    : policy_(context.resources.call_policy),
      activities_(context),
      news_reports_(context),
      campaigns_(context),
      participation_(context),
      review_backlog_(context, std::chrono::milliseconds(context.resources.all_settings.GetInt(
                                   runtime::kGaugeRefreshSetting))) {}

grpc::Status PublicityServiceImpl::CreateActivity(grpc::ServerContext* context,
                                                  const v1::CreateActivityRequest* request,
                                                  v1::Activity* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return activities_.Create(call, *request, response);
  });
}

grpc::Status PublicityServiceImpl::GetActivity(grpc::ServerContext* context,
                                               const v1::GetActivityRequest* request,
                                               v1::Activity* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return activities_.Get(call, *request, response);
  });
}

grpc::Status PublicityServiceImpl::ListActivities(grpc::ServerContext* context,
                                                  const v1::ListActivitiesRequest* request,
                                                  v1::ListActivitiesResponse* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return activities_.List(call, *request, response);
  });
}

grpc::Status PublicityServiceImpl::UpdateActivity(grpc::ServerContext* context,
                                                  const v1::UpdateActivityRequest* request,
                                                  v1::Activity* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return activities_.Update(call, *request, response);
  });
}

grpc::Status PublicityServiceImpl::DeleteActivity(grpc::ServerContext* context,
                                                  const v1::DeleteActivityRequest* request,
                                                  google::protobuf::Empty* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return activities_.Delete(call, *request, response);
  });
}

grpc::Status PublicityServiceImpl::SubmitActivity(grpc::ServerContext* context,
                                                  const v1::SubmitActivityRequest* request,
                                                  v1::Activity* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return activities_.Submit(call, *request, response);
  });
}

grpc::Status PublicityServiceImpl::ApproveActivity(grpc::ServerContext* context,
                                                   const v1::ApproveActivityRequest* request,
                                                   v1::Activity* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return activities_.Approve(call, *request, response);
  });
}

grpc::Status PublicityServiceImpl::RejectActivity(grpc::ServerContext* context,
                                                  const v1::RejectActivityRequest* request,
                                                  v1::Activity* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return activities_.Reject(call, *request, response);
  });
}

grpc::Status PublicityServiceImpl::ProposeActivityCorrection(
    grpc::ServerContext* context, const v1::ProposeActivityCorrectionRequest* request,
    v1::Activity* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return activities_.ProposeCorrection(call, *request, response);
  });
}

grpc::Status PublicityServiceImpl::CreateNewsReport(grpc::ServerContext* context,
                                                    const v1::CreateNewsReportRequest* request,
                                                    v1::NewsReport* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return news_reports_.Create(call, *request, response);
  });
}

grpc::Status PublicityServiceImpl::GetNewsReport(grpc::ServerContext* context,
                                                 const v1::GetNewsReportRequest* request,
                                                 v1::NewsReport* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return news_reports_.Get(call, *request, response);
  });
}

grpc::Status PublicityServiceImpl::ListNewsReports(grpc::ServerContext* context,
                                                   const v1::ListNewsReportsRequest* request,
                                                   v1::ListNewsReportsResponse* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return news_reports_.List(call, *request, response);
  });
}

grpc::Status PublicityServiceImpl::UpdateNewsReport(grpc::ServerContext* context,
                                                    const v1::UpdateNewsReportRequest* request,
                                                    v1::NewsReport* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return news_reports_.Update(call, *request, response);
  });
}

grpc::Status PublicityServiceImpl::DeleteNewsReport(grpc::ServerContext* context,
                                                    const v1::DeleteNewsReportRequest* request,
                                                    google::protobuf::Empty* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return news_reports_.Delete(call, *request, response);
  });
}

grpc::Status PublicityServiceImpl::CreateCampaign(grpc::ServerContext* context,
                                                  const v1::CreateCampaignRequest* request,
                                                  v1::Campaign* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return campaigns_.Create(call, *request, response);
  });
}

grpc::Status PublicityServiceImpl::GetCampaign(grpc::ServerContext* context,
                                               const v1::GetCampaignRequest* request,
                                               v1::Campaign* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return campaigns_.Get(call, *request, response);
  });
}

grpc::Status PublicityServiceImpl::ListCampaigns(grpc::ServerContext* context,
                                                 const v1::ListCampaignsRequest* request,
                                                 v1::ListCampaignsResponse* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return campaigns_.List(call, *request, response);
  });
}

grpc::Status PublicityServiceImpl::UpdateCampaign(grpc::ServerContext* context,
                                                  const v1::UpdateCampaignRequest* request,
                                                  v1::Campaign* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return campaigns_.Update(call, *request, response);
  });
}

grpc::Status PublicityServiceImpl::BatchIngestParticipationEntries(
    grpc::ServerContext* context, const v1::BatchIngestParticipationEntriesRequest* request,
    v1::BatchIngestParticipationEntriesResponse* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return participation_.IngestBatch(call, *request, response);
  });
}

grpc::Status PublicityServiceImpl::ListParticipationTallies(
    grpc::ServerContext* context, const v1::ListParticipationTalliesRequest* request,
    v1::ListParticipationTalliesResponse* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return participation_.ListTallies(call, *request, response);
  });
}

grpc::Status PublicityServiceImpl::StreamParticipationEntries(
    grpc::ServerContext* context, grpc::ServerReader<v1::StreamParticipationEntriesRequest>* reader,
    v1::StreamParticipationEntriesResponse* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    // The handler waits for the client's messages: end the call when its budget runs out.
    runtime::CallBudgetWatchdog watchdog(*context, call.deadline(), call.request_id());
    return participation_.IngestStream(call, reader, response);
  });
}

}  // namespace jindu::publicity
