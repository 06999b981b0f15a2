#pragma once
// News reports: create, read, list, edit and retract reports by media tier. (Placeholder: every
// method answers UNIMPLEMENTED until the area is built.)
#include <google/protobuf/empty.pb.h>

#include "jindu/publicity/v1/publicity_service.pb.h"
#include "publicity/publicity_context.h"
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
};

}  // namespace jindu::publicity
