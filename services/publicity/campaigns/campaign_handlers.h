#pragma once
// Campaigns: create (idempotent by request id), read, list (newest start first, overlap and region
// filters) and edit (update mask and etag) named campaigns with their dates, regions and targets.
// A campaign belongs to the regions taking part: a caller sees it when one of them is inside the
// caller's scope, and everything else answers as missing.
#include <google/protobuf/empty.pb.h>

#include "jindu/publicity/v1/publicity_service.pb.h"
#include "publicity/campaigns/campaign_store.h"
#include "publicity/publicity_context.h"
#include "publicity/registry/registry_projection.h"
#include "runtime/access/caller_access.h"
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
  // A campaign is the caller's when one of its regions is inside the caller's scope.
  static bool Visible(const runtime::CallerAccess& caller, const CampaignRecord& record);
  std::vector<std::string> RegionPaths(const v1::Campaign& campaign) const;

  PublicityContext& context_;
  CampaignStore campaigns_;
  Registry registry_;
};

}  // namespace jindu::publicity
