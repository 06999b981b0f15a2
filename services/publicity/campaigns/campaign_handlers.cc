#include "publicity/campaigns/campaign_handlers.h"

namespace jindu::publicity {

CampaignHandlers::CampaignHandlers(PublicityContext& context) : context_(context) {}

grpc::Status CampaignHandlers::Create(const runtime::CallContext&, const v1::CreateCampaignRequest&,
                                      v1::Campaign*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not built yet");
}

grpc::Status CampaignHandlers::Get(const runtime::CallContext&, const v1::GetCampaignRequest&,
                                   v1::Campaign*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not built yet");
}

grpc::Status CampaignHandlers::List(const runtime::CallContext&, const v1::ListCampaignsRequest&,
                                    v1::ListCampaignsResponse*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not built yet");
}

grpc::Status CampaignHandlers::Update(const runtime::CallContext&, const v1::UpdateCampaignRequest&,
                                      v1::Campaign*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not built yet");
}

}  // namespace jindu::publicity
