#pragma once
// jindu.registration.v1.RegionService: the province's region tree and yearly denominators.
// Reads serve any authenticated caller (codes and names are public); imports need
// ROLE_PROVINCE_ADMIN or ROLE_SYSTEM_CALLER. Every change commits with its event.
#include "jindu/registration/v1/region_service.grpc.pb.h"
#include "registration/regions/region_answer_cache.h"
#include "registration/storage/denominator_store.h"
#include "registration/storage/region_store.h"
#include "runtime/outbox/outbox_writer.h"
#include "runtime/regions/region_directory.h"
#include "runtime/service/service_main.h"

namespace jindu::registration {

class RegionServiceImpl final : public v1::RegionService::Service {
 public:
  RegionServiceImpl(const runtime::ServiceResources& resources,
                    runtime::RegionDirectory& directory);

  grpc::Status GetRegion(grpc::ServerContext* context, const v1::GetRegionRequest* request,
                         v1::Region* response) override;
  grpc::Status ListRegions(grpc::ServerContext* context, const v1::ListRegionsRequest* request,
                           v1::ListRegionsResponse* response) override;
  grpc::Status ListRegionRevisions(grpc::ServerContext* context,
                                   const v1::ListRegionRevisionsRequest* request,
                                   v1::ListRegionRevisionsResponse* response) override;
  grpc::Status ImportRegions(grpc::ServerContext* context, const v1::ImportRegionsRequest* request,
                             v1::ImportRegionsResponse* response) override;
  grpc::Status ImportRegionDenominators(grpc::ServerContext* context,
                                        const v1::ImportRegionDenominatorsRequest* request,
                                        v1::ImportRegionDenominatorsResponse* response) override;
  grpc::Status ListRegionDenominators(grpc::ServerContext* context,
                                      const v1::ListRegionDenominatorsRequest* request,
                                      v1::ListRegionDenominatorsResponse* response) override;

 private:
  const runtime::ServiceResources& resources_;
  runtime::RegionDirectory& directory_;
  RegionStore regions_;
  RegionAnswerCache answers_;  // GetRegion from memory (region_answer_cache.h)
  DenominatorStore denominators_;
  runtime::OutboxWriter outbox_;
};

// "regions/430102" -> "430102"; empty when `name` is not a region name.
std::string RegionCodeFromName(const std::string& name);

}  // namespace jindu::registration
