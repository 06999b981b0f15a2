#pragma once
// Campaigns: create, read, list and edit named campaigns with their dates, regions and targets.
// (Placeholder: every method answers UNIMPLEMENTED until the area is built.)
#include <google/protobuf/empty.pb.h>

#include "jindu/publicity/v1/publicity_service.pb.h"
#include "publicity/publicity_context.h"
#include "runtime/grpc/call_context.h"

namespace jindu::publicity {

class CampaignHandlers {
 public:
  explicit CampaignHandlers(PublicityContext& context);

  grpc::Status Create(const runtime::CallContext& call, const v1::CreateCampaignRequest& request,
                      v1::Campaign* response);
  grpc::Status Get(const runtime::CallContext& call, const v1::GetCampaignRequest& request,
                   v1::Campaign* response);
  grpc::Status List(const runtime::CallContext& call, const v1::ListCampaignsRequest& request,
                    v1::ListCampaignsResponse* response);
  grpc::Status Update(const runtime::CallContext& call, const v1::UpdateCampaignRequest& request,
                      v1::Campaign* response);

 private:
  PublicityContext& context_;
};

}  // namespace jindu::publicity
