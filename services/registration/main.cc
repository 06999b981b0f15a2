// The registration service: the region tree, organisations, volunteers, training and service
// hours, and grants. Everything a service needs beyond its handlers comes from RunService.
#include <memory>

#include "registration/regions/region_service.h"
#include "registration/storage/region_store.h"
#include "registration/storage/registration_migrations.h"
#include "runtime/logging/logger.h"
#include "runtime/regions/region_replica.h"
#include "runtime/service/service_main.h"

namespace {

using namespace jindu;

// Lives for the whole process: handlers and the replica consumer share it.
runtime::RegionDirectory& Regions() {
  static runtime::RegionDirectory directory;
  return directory;
}

void LoadRegions(const runtime::ServiceResources& resources) {
  auto connection = resources.database.Acquire();
  pqxx::read_transaction tx(*connection);
  for (auto& [code, entry] : registration::RegionStore(resources.schema).LoadAll(tx)) {
    Regions().Upsert(std::move(entry));
  }
  runtime::LogInfo("region tree loaded", {{"regions", Regions().size()}});
}

}  // namespace

int main(int argc, char** argv) {
  return runtime::RunService(
      {.name = "registration",
       .summary = "Regions, organisations, volunteers, training, service hours and grants.",
       .default_grpc_port = 50061,
       .default_metrics_port = 9461,
       .migrations = {registration::RegistrationMigrations(), runtime::RegionReplicaMigrations()},
       .aggregate_types = {"region"},
       .services =
           [](const runtime::ServiceResources& resources) {
             LoadRegions(resources);
             std::vector<std::unique_ptr<grpc::Service>> services;
             services.push_back(
                 std::make_unique<registration::RegionServiceImpl>(resources, Regions()));
             return services;
           },
       .projections =
           [](const runtime::ServiceResources& resources) {
             // Imports by other replicas of this service reach this one's tree as events.
             return std::vector<runtime::ProjectionDefinition>{
                 runtime::RegionReplicaProjection(resources.schema, Regions())};
           }},
      argc, argv);
}
