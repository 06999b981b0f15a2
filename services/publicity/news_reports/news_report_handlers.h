#pragma once
// News reports (报道): record, read, list, correct and retract reports of the work by media tier.
// A report counts for its organisation's district; staff record reports of organisations in their
// scope, and anyone outside that scope meets every report as missing.
#include <google/protobuf/empty.pb.h>

#include "jindu/publicity/v1/publicity_service.pb.h"
#include "publicity/activities/activity_store.h"
#include "publicity/news_reports/news_report_store.h"
#include "publicity/publicity_context.h"
#include "publicity/registry/registry_projection.h"
#include "runtime/grpc/call_context.h"

namespace jindu::publicity {

class NewsReportHandlers {
 public:
  explicit NewsReportHandlers(PublicityContext& context);

  grpc::Status Create(const runtime::CallContext& call, const v1::CreateNewsReportRequest& request,
                      v1::NewsReport* response);
  grpc::Status Get(const runtime::CallContext& call, const v1::GetNewsReportRequest& request,
                   v1::NewsReport* response);
  grpc::Status List(const runtime::CallContext& call, const v1::ListNewsReportsRequest& request,
                    v1::ListNewsReportsResponse* response);
  grpc::Status Update(const runtime::CallContext& call, const v1::UpdateNewsReportRequest& request,
                      v1::NewsReport* response);
  grpc::Status Delete(const runtime::CallContext& call, const v1::DeleteNewsReportRequest& request,
                      google::protobuf::Empty* response);

 private:
  PublicityContext& context_;
  NewsReportStore reports_;
  Registry registry_;
  ActivityStore activities_;
};

}  // namespace jindu::publicity
